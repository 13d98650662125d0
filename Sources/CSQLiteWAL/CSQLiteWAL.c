#include "CSQLiteWAL.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <string.h>

/// The unix VFS writes at most 0x1ffff bytes a call (`seekAndWriteFd` masks the length: SQLite's own
/// writes are never longer than a 64 KiB page and its header), so a run is flushed before it outgrows that.
#define WAL_BUFFER_BYTES (124 * 1024)
#define WAL_FRAME_HEADER_BYTES 24
#define ROUND8(n) (((n) + 7) & ~(size_t)7)

typedef struct ShimFile ShimFile;

/// One open file. A `-wal` file buffers one contiguous run of writes; a main database file knows its
/// connection's open WAL so that the shared-memory calls publishing a commit can flush it first.
struct ShimFile {
    sqlite3_file base;
    sqlite3_file *real;
    ShimFile *wal;
    ShimFile *database;
    unsigned char *buffer;
    int length;
    int capacity;
    sqlite3_int64 start;
    int flushAfterNextWrite;
};

static sqlite3_vfs shimVFS;
static sqlite3_io_methods shimMethods;
static pthread_once_t registerOnce = PTHREAD_ONCE_INIT;
static int registerResult = SQLITE_ERROR;
static atomic_llong requestedWrites;
static atomic_llong performedWrites;

static sqlite3_vfs *realVFS(void) { return (sqlite3_vfs *)shimVFS.pAppData; }

static int flush(ShimFile *file) {
    if (file->length == 0) return SQLITE_OK;
    int length = file->length;
    file->length = 0;
    atomic_fetch_add(&performedWrites, 1);
    return file->real->pMethods->xWrite(file->real, file->buffer, length, file->start);
}

static int shimClose(sqlite3_file *f) {
    ShimFile *file = (ShimFile *)f;
    int rc = flush(file);
    if (file->database && file->database->wal == file) file->database->wal = NULL;
    if (file->wal && file->wal->database == file) file->wal->database = NULL;
    sqlite3_free(file->buffer);
    file->buffer = NULL;
    int closed = file->real->pMethods->xClose(file->real);
    return rc != SQLITE_OK ? rc : closed;
}

static int shimRead(sqlite3_file *f, void *data, int amount, sqlite3_int64 offset) {
    ShimFile *file = (ShimFile *)f;
    int rc = flush(file);
    if (rc != SQLITE_OK) return rc;
    return file->real->pMethods->xRead(file->real, data, amount, offset);
}

/// A 24-byte write to a WAL is a frame header; a non-zero "database size after commit" field
/// (bytes 4-7) marks the commit frame, whose page is the last write of the commit.
static int isCommitFrameHeader(const void *data, int amount) {
    if (amount != WAL_FRAME_HEADER_BYTES) return 0;
    const unsigned char *bytes = data;
    return (bytes[4] | bytes[5] | bytes[6] | bytes[7]) != 0;
}

static int shimWrite(sqlite3_file *f, const void *data, int amount, sqlite3_int64 offset) {
    ShimFile *file = (ShimFile *)f;
    if (file->capacity == 0) return file->real->pMethods->xWrite(file->real, data, amount, offset);
    atomic_fetch_add(&requestedWrites, 1);
    if (file->length > 0 && (offset != file->start + file->length || file->length + amount > file->capacity)) {
        int rc = flush(file);
        if (rc != SQLITE_OK) return rc;
    }
    if (amount > file->capacity) {
        atomic_fetch_add(&performedWrites, 1);
        return file->real->pMethods->xWrite(file->real, data, amount, offset);
    }
    if (file->length == 0) file->start = offset;
    memcpy(file->buffer + file->length, data, (size_t)amount);
    file->length += amount;
    if (file->flushAfterNextWrite) {
        file->flushAfterNextWrite = 0;
        return flush(file);
    }
    file->flushAfterNextWrite = isCommitFrameHeader(data, amount);
    return SQLITE_OK;
}

static int shimTruncate(sqlite3_file *f, sqlite3_int64 size) {
    ShimFile *file = (ShimFile *)f;
    int rc = flush(file);
    if (rc != SQLITE_OK) return rc;
    return file->real->pMethods->xTruncate(file->real, size);
}

static int shimSync(sqlite3_file *f, int flags) {
    ShimFile *file = (ShimFile *)f;
    int rc = flush(file);
    if (rc != SQLITE_OK) return rc;
    return file->real->pMethods->xSync(file->real, flags);
}

static int shimFileSize(sqlite3_file *f, sqlite3_int64 *size) {
    ShimFile *file = (ShimFile *)f;
    int rc = flush(file);
    if (rc != SQLITE_OK) return rc;
    return file->real->pMethods->xFileSize(file->real, size);
}

static int shimLock(sqlite3_file *f, int level) {
    ShimFile *file = (ShimFile *)f;
    return file->real->pMethods->xLock(file->real, level);
}

static int shimUnlock(sqlite3_file *f, int level) {
    ShimFile *file = (ShimFile *)f;
    int rc = flush(file);
    int unlocked = file->real->pMethods->xUnlock(file->real, level);
    return rc != SQLITE_OK ? rc : unlocked;
}

static int shimCheckReservedLock(sqlite3_file *f, int *result) {
    ShimFile *file = (ShimFile *)f;
    return file->real->pMethods->xCheckReservedLock(file->real, result);
}

static int shimFileControl(sqlite3_file *f, int op, void *arg) {
    ShimFile *file = (ShimFile *)f;
    int rc = flush(file);
    if (rc != SQLITE_OK) return rc;
    return file->real->pMethods->xFileControl(file->real, op, arg);
}

static int shimSectorSize(sqlite3_file *f) {
    ShimFile *file = (ShimFile *)f;
    return file->real->pMethods->xSectorSize(file->real);
}

static int shimDeviceCharacteristics(sqlite3_file *f) {
    ShimFile *file = (ShimFile *)f;
    return file->real->pMethods->xDeviceCharacteristics(file->real);
}

/// The shared-memory calls are made on the main database file; the WAL they index is flushed first,
/// so no other connection is told about frames that are not in the file yet.
static void flushWAL(ShimFile *database) {
    if (database->wal) flush(database->wal);
}

static int shimShmMap(sqlite3_file *f, int region, int size, int extend, void volatile **out) {
    ShimFile *file = (ShimFile *)f;
    return file->real->pMethods->xShmMap(file->real, region, size, extend, out);
}

static int shimShmLock(sqlite3_file *f, int offset, int n, int flags) {
    ShimFile *file = (ShimFile *)f;
    flushWAL(file);
    return file->real->pMethods->xShmLock(file->real, offset, n, flags);
}

static void shimShmBarrier(sqlite3_file *f) {
    ShimFile *file = (ShimFile *)f;
    flushWAL(file);
    file->real->pMethods->xShmBarrier(file->real);
}

static int shimShmUnmap(sqlite3_file *f, int deleteFlag) {
    ShimFile *file = (ShimFile *)f;
    return file->real->pMethods->xShmUnmap(file->real, deleteFlag);
}

static int shimFetch(sqlite3_file *f, sqlite3_int64 offset, int amount, void **out) {
    ShimFile *file = (ShimFile *)f;
    return file->real->pMethods->xFetch(file->real, offset, amount, out);
}

static int shimUnfetch(sqlite3_file *f, sqlite3_int64 offset, void *page) {
    ShimFile *file = (ShimFile *)f;
    return file->real->pMethods->xUnfetch(file->real, offset, page);
}

static int shimOpen(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *outFlags) {
    (void)vfs;
    ShimFile *file = (ShimFile *)f;
    memset(file, 0, sizeof(ShimFile));
    file->real = (sqlite3_file *)((char *)file + ROUND8(sizeof(ShimFile)));
    int rc = realVFS()->xOpen(realVFS(), name, file->real, flags, outFlags);
    if (file->real->pMethods == NULL) return rc;
    // The unix VFS's methods are version 3 (shared memory and mmap); a file without them is refused
    // rather than given entry points it does not have.
    if (file->real->pMethods->iVersion < 3) {
        file->base.pMethods = NULL;
        file->real->pMethods->xClose(file->real);
        return SQLITE_CANTOPEN;
    }
    file->base.pMethods = &shimMethods;
    if (rc == SQLITE_OK && (flags & SQLITE_OPEN_WAL) && name) {
        file->buffer = sqlite3_malloc(WAL_BUFFER_BYTES);
        file->capacity = file->buffer ? WAL_BUFFER_BYTES : 0;
        sqlite3_file *database = sqlite3_database_file_object(name);
        if (database && database->pMethods == &shimMethods) {
            file->database = (ShimFile *)database;
            file->database->wal = file;
        }
    }
    return rc;
}

static int shimDelete(sqlite3_vfs *vfs, const char *name, int syncDir) {
    (void)vfs;
    return realVFS()->xDelete(realVFS(), name, syncDir);
}

static int shimAccess(sqlite3_vfs *vfs, const char *name, int flags, int *result) {
    (void)vfs;
    return realVFS()->xAccess(realVFS(), name, flags, result);
}

static int shimFullPathname(sqlite3_vfs *vfs, const char *name, int size, char *out) {
    (void)vfs;
    return realVFS()->xFullPathname(realVFS(), name, size, out);
}

static void *shimDlOpen(sqlite3_vfs *vfs, const char *name) {
    (void)vfs;
    return realVFS()->xDlOpen(realVFS(), name);
}

static void shimDlError(sqlite3_vfs *vfs, int size, char *out) {
    (void)vfs;
    realVFS()->xDlError(realVFS(), size, out);
}

static void (*shimDlSym(sqlite3_vfs *vfs, void *handle, const char *symbol))(void) {
    (void)vfs;
    return realVFS()->xDlSym(realVFS(), handle, symbol);
}

static void shimDlClose(sqlite3_vfs *vfs, void *handle) {
    (void)vfs;
    realVFS()->xDlClose(realVFS(), handle);
}

static int shimRandomness(sqlite3_vfs *vfs, int size, char *out) {
    (void)vfs;
    return realVFS()->xRandomness(realVFS(), size, out);
}

static int shimSleep(sqlite3_vfs *vfs, int microseconds) {
    (void)vfs;
    return realVFS()->xSleep(realVFS(), microseconds);
}

static int shimCurrentTime(sqlite3_vfs *vfs, double *out) {
    (void)vfs;
    return realVFS()->xCurrentTime(realVFS(), out);
}

static int shimGetLastError(sqlite3_vfs *vfs, int size, char *out) {
    (void)vfs;
    return realVFS()->xGetLastError(realVFS(), size, out);
}

static int shimCurrentTimeInt64(sqlite3_vfs *vfs, sqlite3_int64 *out) {
    (void)vfs;
    return realVFS()->xCurrentTimeInt64(realVFS(), out);
}

static void registerVFS(void) {
    sqlite3_vfs *real = sqlite3_vfs_find(NULL);
    if (real == NULL || real->iVersion < 2 || real->xCurrentTimeInt64 == NULL) return;
    shimMethods = (sqlite3_io_methods){
        .iVersion = 3,
        .xClose = shimClose, .xRead = shimRead, .xWrite = shimWrite, .xTruncate = shimTruncate,
        .xSync = shimSync, .xFileSize = shimFileSize, .xLock = shimLock, .xUnlock = shimUnlock,
        .xCheckReservedLock = shimCheckReservedLock, .xFileControl = shimFileControl,
        .xSectorSize = shimSectorSize, .xDeviceCharacteristics = shimDeviceCharacteristics,
        .xShmMap = shimShmMap, .xShmLock = shimShmLock, .xShmBarrier = shimShmBarrier,
        .xShmUnmap = shimShmUnmap, .xFetch = shimFetch, .xUnfetch = shimUnfetch,
    };
    shimVFS = (sqlite3_vfs){
        .iVersion = 2,
        .szOsFile = (int)(ROUND8(sizeof(ShimFile)) + (size_t)real->szOsFile),
        .mxPathname = real->mxPathname,
        .zName = "intake-wal",
        .pAppData = real,
        .xOpen = shimOpen, .xDelete = shimDelete, .xAccess = shimAccess,
        .xFullPathname = shimFullPathname, .xDlOpen = shimDlOpen, .xDlError = shimDlError,
        .xDlSym = shimDlSym, .xDlClose = shimDlClose, .xRandomness = shimRandomness,
        .xSleep = shimSleep, .xCurrentTime = shimCurrentTime, .xGetLastError = shimGetLastError,
        .xCurrentTimeInt64 = shimCurrentTimeInt64,
    };
    registerResult = sqlite3_vfs_register(&shimVFS, 0);
}

int intake_wal_vfs_register(void) {
    pthread_once(&registerOnce, registerVFS);
    return registerResult;
}

const char *intake_wal_vfs_name(void) { return "intake-wal"; }

void intake_wal_vfs_counts(long long *requested, long long *performed) {
    *requested = atomic_load(&requestedWrites);
    *performed = atomic_load(&performedWrites);
}
