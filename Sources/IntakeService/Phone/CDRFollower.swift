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
/// - another inode: rotated. The old file is finished first if it is still beside the new one under a
///   name starting with `Master.csv` (`Master.csv.1`), then the new file is read from its start.
public struct CDRFollower: Sendable {
    /// What a poll did, for the caller to log and count.
    public enum Event: Sendable {
        case chunk(CDRImporter.Chunk)
        /// The followed file was replaced; `finished` is where the old file was found and read to its end.
        case rotated(oldInode: UInt64, newInode: UInt64, finished: String?)
        case truncated(size: Int, savedOffset: Int)
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

    /// One round: reads everything complete that appeared since the saved position.
    public func poll(_ report: (Event) -> Void = { _ in }) throws {
        guard let file = try CDRFile.open(path) else { return }
        defer { file.close() }
        let store = importer.store
        let fromStart = DeskRecords.FilePosition(inode: file.inode, offset: 0, line: 1)
        var position = try store.read { try $0.cdrPosition(path: path) } ?? fromStart
        if position.inode != file.inode {
            let finished = try finishRotatedFile(position, report: report)
            report(.rotated(oldInode: position.inode, newInode: file.inode, finished: finished))
            position = fromStart
            try store.write { try $0.saveCDRPosition(path: path, position, at: clock()) }
        } else if file.size < position.offset {
            report(.truncated(size: file.size, savedOffset: position.offset))
            position = fromStart
            try store.write { try $0.saveCDRPosition(path: path, position, at: clock()) }
        }
        try importer.importRows(of: file, from: position, trackingPath: path, isFinished: false) { report(.chunk($0)) }
    }

    /// Reads the rest of the file that was at `position` before the rotation, when it can be found.
    private func finishRotatedFile(_ position: DeskRecords.FilePosition, report: (Event) -> Void) throws -> String? {
        guard let oldPath = CDRFile.renamed(from: path, inode: position.inode), let old = try CDRFile.open(oldPath) else { return nil }
        defer { old.close() }
        guard old.inode == position.inode, old.size >= position.offset else { return nil }
        try importer.importRows(of: old, from: position, trackingPath: path, isFinished: true) { report(.chunk($0)) }
        return oldPath
    }
}
