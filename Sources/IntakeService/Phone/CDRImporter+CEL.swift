import IntakeChannels
import IntakeCore
import IntakeDesk

/// A CEL file (Asterisk's Channel Event Logging: `cel_custom`'s `Master.csv`, a `cel` table export)
/// imported or followed: its rows are events of calls still going on, so they are read through a
/// `CELStream`, which gives the calls that ended and holds the events of the others. Each chunk commits
/// the ended calls with the position after its rows and what the stream holds there (`held_events`), so
/// a call split across reads, or across a restart of the watcher, is still one call, read once.
extension CDRImporter {
    /// The stream for `file` when it is a CEL file; nil for a CDR file, or while the first line of a file
    /// that may grow has not been written whole (the CDR reader waits for it too).
    func celStream(of file: CDRFile, isFinished: Bool) throws -> CELStream? {
        let head = try file.read(at: 0, count: Self.minimumChunkBytes)
        return CELStream(head: head, isEndOfInput: isFinished && head.count < Self.minimumChunkBytes, timeZone: reader.timeZone)
    }

    /// `importRows` for a CEL file: the same chunks, positions and transactions. At the end of a file that
    /// will not grow (an import, a rotated file) the calls still held are rebuilt or reported (`finish`).
    func importEvents(
        of file: CDRFile, stream: CELStream, from start: DeskRecords.FilePosition, trackingPath: String?, isFinished: Bool,
        onChunk: (Chunk) throws -> Void
    ) throws -> DeskRecords.FilePosition {
        var stream = stream
        var position = start
        while true {
            let bytes = try file.read(at: position.offset, count: chunkBytes)
            let isAtEnd = bytes.count < chunkBytes
            var chunk = stream.read(bytes, offset: position.offset, line: position.line, isEndOfInput: isFinished && isAtEnd)
            if !isAtEnd, chunk.resumeOffset == position.offset {
                guard let skipped = try skipOverlongLine(in: file, from: position, isFinished: isFinished) else { return position }
                chunk = skipped
            }
            if isFinished, isAtEnd {
                let rest = stream.finish()
                (chunk.rows, chunk.errors) = (chunk.rows + rest.rows, chunk.errors + rest.errors)
            }
            guard !chunk.rows.isEmpty || !chunk.errors.isEmpty || chunk.resumeOffset != position.offset else { return position }
            let next = DeskRecords.FilePosition(inode: file.inode, offset: chunk.resumeOffset, line: chunk.resumeLine)
            let raw = Array(bytes.prefix(chunk.resumeOffset - position.offset))
            let results = try commit(raw, chunk: chunk, path: file.path, position: next, trackingPath: trackingPath, heldEvents: stream.state)
            try onChunk(Chunk(path: file.path, rowCount: chunk.rows.count, errors: chunk.errors, results: results, position: next))
            position = next
            if isAtEnd { return position }
        }
    }
}
