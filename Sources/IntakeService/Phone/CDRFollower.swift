public import IntakeCore
import IntakeDesk

/// Follows one Asterisk `Master.csv` across polls, with its position kept in the desk store.
///
/// `cdr_csv` opens the file, appends one record and closes it for every call, so a rotation (Asterisk's
/// `logger rotate`, logrotate) is a rename followed by a new file on the next call. A poll tells the
/// cases apart by the inode of the open file against the saved one:
/// - same inode, size at or past the saved offset: read what was appended;
/// - same inode, smaller than the saved offset: truncated (`copytruncate`, or emptied by hand): read
///   from the start;
/// - same inode, but the byte before the saved offset is not a line end (a saved position is always at
///   the start of a line): another file that got the inode number of a deleted one (logrotate's
///   `compress` deletes the rotated file), or one rewritten in place: read from the start;
/// - another inode: rotated. The old file is finished first if it is still beside the new one under a
///   name starting with `Master.csv` (`Master.csv.1`), then the new file is read from its start.
public struct CDRFollower: Sendable {
    /// What a poll did, for the caller to log and count.
    public enum Event: Sendable {
        case chunk(CDRImporter.Chunk)
        /// The followed file was replaced; `finished` is where the old file was found and read to its end.
        case rotated(oldInode: UInt64, newInode: UInt64, finished: String?)
        case truncated(size: Int, savedOffset: Int)
        /// The file has the saved inode but is not the file the position was saved in.
        case replaced(savedOffset: Int)
    }

    /// The followed path, also the key of its position in the store.
    public let path: String
    public let importer: CDRImporter
    private let clock: @Sendable () -> Timestamp

    public init(path: String, importer: CDRImporter, clock: @escaping @Sendable () -> Timestamp = { Timestamp.now() }) {
        self.path = path
        self.importer = importer
        self.clock = clock
    }

    /// One round: reads everything complete that appeared since the saved position. `report` is called
    /// as things happen (each chunk after its commit); throwing from it ends the round there.
    public func poll(_ report: (Event) throws -> Void = { _ in }) throws {
        guard let file = try CDRFile.open(path) else { return }
        defer { file.close() }
        let store = importer.store
        let fromStart = DeskRecords.FilePosition(inode: file.inode, offset: 0, line: 1)
        let saved = try store.read { try $0.cdrPosition(path: path) } ?? fromStart
        var restart: Event?
        if saved.inode != file.inode {
            let finished = try finishRotatedFile(saved, report: report)
            restart = .rotated(oldInode: saved.inode, newInode: file.inode, finished: finished)
        } else if file.size < saved.offset {
            restart = .truncated(size: file.size, savedOffset: saved.offset)
        } else if saved.offset > 0, try file.read(at: saved.offset - 1, count: 1) != [UInt8(ascii: "\n")] {
            restart = .replaced(savedOffset: saved.offset)
        }
        var position = saved
        if let restart {
            try report(restart)
            position = fromStart
            try store.write { try $0.saveCDRPosition(path: path, position, at: clock()) }
        }
        try importer.importRows(of: file, from: position, trackingPath: path, isFinished: false) { try report(.chunk($0)) }
    }

    /// Reads the rest of the file that was at `position` before the rotation, when it can be found.
    private func finishRotatedFile(_ position: DeskRecords.FilePosition, report: (Event) throws -> Void) throws -> String? {
        guard let oldPath = CDRFile.renamed(from: path, inode: position.inode), let old = try CDRFile.open(oldPath) else { return nil }
        defer { old.close() }
        guard old.inode == position.inode, old.size >= position.offset else { return nil }
        try importer.importRows(of: old, from: position, trackingPath: path, isFinished: true) { try report(.chunk($0)) }
        return oldPath
    }
}
