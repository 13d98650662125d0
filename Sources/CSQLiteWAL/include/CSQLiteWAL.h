#ifndef INTAKE_CSQLITE_WAL_H
#define INTAKE_CSQLITE_WAL_H

/// A VFS over the platform's default one that writes each WAL commit to the file in one `pwrite`.
///
/// SQLite appends a WAL frame as two writes (its 24-byte header, then the page), so a frame straddles
/// two page-cache pages and each commit makes two system calls per page, each of which finds,
/// allocates or zeroes a part of a page. This VFS collects the contiguous writes to a `-wal` file and
/// hands them to the real file in one write when the commit frame's page is written, before anything
/// reads, syncs, truncates or sizes that file, and before the shared-memory index publishes the
/// commit to other connections (`xShmBarrier`, `xShmLock`). Every other file and call goes straight
/// to the default VFS. What SQLite sees is unchanged: a commit is in the file when it returns.

/// Registers the VFS (once; later calls return the first result). Returns SQLITE_OK or an SQLite error.
int intake_wal_vfs_register(void);

/// The VFS's name, to pass to sqlite3_open_v2.
const char *intake_wal_vfs_name(void);

/// Write calls SQLite made to WAL files, and writes this VFS made to them, since the process started.
void intake_wal_vfs_counts(long long *requested, long long *performed);

#endif
