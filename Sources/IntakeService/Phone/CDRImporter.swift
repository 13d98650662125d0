public import IntakeChannels
public import IntakeCore
public import IntakeDesk

/// Imports a CDR file's complete rows, from a position to the end of the file, a bounded chunk at a time
/// (a year of `Master.csv` is never loaded at once).
///
/// Each chunk's messages go through the pipeline in one store transaction, together with the raw bytes
/// of its complete rows and, when the file is followed, the position just after them. A crash before the
/// commit leaves the old position (the chunk is read again, nothing was stored); after it, the new one:
/// no row is imported twice and none is skipped. A row the PBX has only half written stays for later.
/// A CEL file is read as its calls (`importEvents`).
public struct CDRImporter: Sendable {
    /// 1 MiB: thousands of rows per transaction, a bounded buffer.
    public static let defaultChunkBytes = 1 << 20
    /// The smallest chunk: twice `CDRReader.maximumRowBytes`, so a chunk without one complete row is
    /// never a real row cut short (`cdr_csv` builds a record in a 1024-byte buffer) but data without line
    /// ends, which is reported as bad and skipped.
    public static let minimumChunkBytes = 2 * CDRReader.maximumRowBytes
    /// How long a followed file must have been left alone before the call its last rows belong to is taken
    /// as complete. Asterisk writes all the CDRs of a call when it ends, one after the other within
    /// milliseconds (or a batch at once, `cdr.conf` `batch=yes`); a read between two of them would split
    /// the call, and its later legs would be taken for a redelivery of the first (a queue call missed by one
    /// agent and answered by the next stays a missed call). Two seconds also covers file systems that
    /// keep modification times in whole seconds.
    public static let defaultSettleSeconds: Int64 = 2

    public let store: DeskStore
    /// Read for each chunk: `serve` replaces it when the customer directory is reloaded.
    public let pipelines: PipelineSource
    public var pipeline: IngestPipeline { pipelines.current }
    public let reader: CDRReader
    public let chunkBytes: Int
    /// See `defaultSettleSeconds`; 0 takes every call in a file as complete.
    public let settleSeconds: Int64
    private let clock: @Sendable () -> Timestamp

    /// What one committed chunk held.
    public struct Chunk: Sendable {
        /// The file the rows came from.
        public var path: String
        public var rowCount: Int
        public var errors: [CDRRowError]
        public var results: [IngestResult]
        /// The position after the chunk's last complete row.
        public var position: DeskRecords.FilePosition
    }

    public init(
        store: DeskStore, pipeline: IngestPipeline, reader: CDRReader, chunkBytes: Int = CDRImporter.defaultChunkBytes,
        settleSeconds: Int64 = CDRImporter.defaultSettleSeconds, clock: @escaping @Sendable () -> Timestamp = { Timestamp.now() }
    ) {
        self.init(store: store, pipelines: PipelineSource(pipeline), reader: reader, chunkBytes: chunkBytes, settleSeconds: settleSeconds, clock: clock)
    }

    public init(
        store: DeskStore, pipelines: PipelineSource, reader: CDRReader, chunkBytes: Int = CDRImporter.defaultChunkBytes,
        settleSeconds: Int64 = CDRImporter.defaultSettleSeconds, clock: @escaping @Sendable () -> Timestamp = { Timestamp.now() }
    ) {
        self.store = store
        self.pipelines = pipelines
        self.reader = reader
        self.chunkBytes = max(chunkBytes, Self.minimumChunkBytes)
        self.settleSeconds = settleSeconds
        self.clock = clock
    }

    /// Reads `file` from `start` to its current end and commits it chunk by chunk; returns the position
    /// after the last complete row.
    /// - Parameters:
    ///   - trackingPath: the key each chunk's position is saved under in the same transaction (the
    ///     watcher's `Master.csv` path); nil for a one-off import, which keeps no position.
    ///   - isFinished: the file will not grow any more (a one-off import, a file rotated away), so a last
    ///     row without its newline is read as complete instead of waited for.
    ///   - onChunk: called after each commit; throwing stops the import there (the committed chunks stay).
    @discardableResult
    public func importRows(
        of file: CDRFile, from start: DeskRecords.FilePosition, trackingPath: String?, isFinished: Bool,
        onChunk: (Chunk) throws -> Void = { _ in }
    ) throws -> DeskRecords.FilePosition {
        if var stream = try celStream(of: file, isFinished: isFinished) {
            if let trackingPath, let held = try store.read({ try $0.cdrHeldEvents(path: trackingPath) }) { stream.restore(held) }
            return try importEvents(of: file, stream: stream, from: start, trackingPath: trackingPath, isFinished: isFinished, onChunk: onChunk)
        }
        var position = start
        var reader = self.reader
        if position.offset > 0 { reader.columns = try headerColumns(of: file) }
        while true {
            let bytes = try file.read(at: position.offset, count: chunkBytes)
            if bytes.isEmpty { return position }
            let isAtEnd = bytes.count < chunkBytes
            let isEndOfInput = isFinished && isAtEnd
            let mayGrow = !isEndOfInput && !hasSettled(file, readUpTo: position.offset + bytes.count)
            var chunk = reader.read(
                bytes, offset: position.offset, line: position.line, isEndOfInput: isEndOfInput,
                holdingBackLastCall: !isAtEnd || mayGrow)
            if !isAtEnd, chunk.resumeOffset == position.offset {
                // A whole chunk of one call's rows (no call has that many legs): held back, it would be
                // read again forever.
                chunk = reader.read(bytes, offset: position.offset, line: position.line)
            }
            reader.columns = chunk.columns
            if chunk.resumeOffset == position.offset {
                if isAtEnd { return position }
                guard let skipped = try skipOverlongLine(in: file, from: position, isFinished: isFinished) else { return position }
                chunk = skipped
            }
            let next = DeskRecords.FilePosition(inode: file.inode, offset: chunk.resumeOffset, line: chunk.resumeLine)
            let raw = Array(bytes.prefix(chunk.resumeOffset - position.offset))
            let results = try commit(raw, chunk: chunk, path: file.path, position: next, trackingPath: trackingPath)
            try onChunk(Chunk(path: file.path, rowCount: chunk.rows.count, errors: chunk.errors, results: results, position: next))
            position = next
            if isAtEnd { return position }
        }
    }

    /// Whether the file has not been written for `settleSeconds`, so the call its last rows belong to is
    /// complete: nothing was appended after it was opened (bytes up to `end` are all it had then) and its
    /// modification time is that long ago. A time that far ahead of our clock is another host's clock (a
    /// file system mounted from the PBX), not a write in progress.
    private func hasSettled(_ file: CDRFile, readUpTo end: Int) -> Bool {
        end <= file.size && abs(clock().seconds - file.modified.seconds) >= settleSeconds
    }

    /// The column order the file's header row names, for a read that resumes past it (a watcher
    /// restarted mid-file); nil when the file has no header. The header is the first line, or one below a
    /// report's title lines: the file's first lines are read as the first read did.
    private func headerColumns(of file: CDRFile) throws -> CDRColumns? {
        let head = try file.read(at: 0, count: Self.minimumChunkBytes)
        let lineEnds = head.indices.lazy.filter { head[$0] == UInt8(ascii: "\n") }.prefix(CDRReader.maximumPreambleLines + 1)
        guard let last = Array(lineEnds).last else { return nil }
        return self.reader.read(Array(head[...last]), isEndOfInput: true).columns
    }

    /// A whole chunk without the end of a row (`minimumChunkBytes` is twice
    /// `CDRReader.maximumRowBytes`, a quoted field would have been given up inside it): not a `cdr_csv`
    /// row. It is skipped to just past its next line end, so every saved position stays at the start of a
    /// line; nil while that line end has not been written yet (the end of a finished file ends it).
    func skipOverlongLine(in file: CDRFile, from position: DeskRecords.FilePosition, isFinished: Bool) throws -> CDRChunk? {
        var offset = position.offset
        while true {
            let bytes = try file.read(at: offset, count: chunkBytes)
            if let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) {
                offset += newline + 1
                break
            }
            offset += bytes.count
            if bytes.count < chunkBytes {
                guard isFinished else { return nil }
                break
            }
        }
        let error = CDRRowError(line: position.line, reason: "no line end within \(offset - position.offset) bytes: not a CDR row")
        return CDRChunk(rows: [], errors: [error], resumeOffset: offset, resumeLine: position.line + 1)
    }

    /// One transaction: the rows' messages (and their raw bytes) through the pipeline, and the position
    /// with what a CEL file's reader holds there.
    func commit(
        _ raw: [UInt8], chunk: CDRChunk, path: String, position: DeskRecords.FilePosition, trackingPath: String?, heldEvents: String? = nil
    ) throws -> [IngestResult] {
        let messages = chunk.rows.map {
            $0.record.message(timeZone: reader.timeZone, defaultCountry: reader.defaultCountry, localArea: reader.localArea)
        }
        let error = chunk.errors.isEmpty ? nil : chunk.errors.map(\.description).joined(separator: "; ")
        let payload = IngestPayload(channel: .phone, raw: raw, contentType: "text/csv", source: "cdr:" + path, messages: messages, error: error)
        return try store.write { records in
            let now = clock()
            let results = messages.isEmpty && error == nil ? [] : try pipeline.ingest(payload, records: records, now: now)
            if let trackingPath { try records.saveCDRPosition(path: trackingPath, position, heldEvents: heldEvents, at: now) }
            return results
        }
    }
}
