public import IntakeCore

/// Reads Asterisk `cdr_csv` files (`/var/log/asterisk/cdr-csv/Master.csv`) a chunk at a time, so a file
/// watcher can feed it whatever bytes appeared since the last read and never see a row twice.
///
/// `cdr_csv` writes one record per line: every string field in double quotes with inner quotes doubled,
/// numbers bare, an unset time as an empty bare field, `\n` after the record (RFC 4180 quoting, which
/// also allows embedded newlines inside quotes; CRLF is accepted too). Its columns are listed in
/// `CDRRecord`. A row is complete only once its terminating newline has arrived (outside quotes): the
/// bytes of a half-written trailing row are left for the next read, at `CDRChunk.resumeOffset`.
public struct CDRReader: Sendable {
    /// `cdr_csv` builds each record in a 1024-byte buffer; a quoted field still open after this many bytes
    /// is a stray quote, not a long record, and is reported instead of swallowing the rest of the file.
    public static let maximumRowBytes = 8192

    /// The PBX's time zone: `cdr_csv` writes local time unless `usegmtime=yes` (then UTC).
    public var timeZone: LocalTimeZone
    /// The country a number without international prefix belongs to (`E164.read`).
    public var defaultCountry: String
    /// The area code of the PBX's own line (`phone.local_area_code`), for the local numbers its trunk writes
    /// without one (`E164.read`).
    public var localArea: String?
    /// The column order a header row named, or the separator the first line showed, for reads that start
    /// past it (a chunk after the first, a watcher resuming); nil reads `cdr_csv`'s order (or
    /// `cdr_custom`'s, told apart by its rows) with commas.
    public var columns: CDRColumns?

    public init(timeZone: LocalTimeZone = .argentina, defaultCountry: String = "54", localArea: String? = nil) {
        self.timeZone = timeZone
        self.defaultCountry = defaultCountry
        self.localArea = localArea
    }

    /// Parses the complete rows of `bytes`, which were read from the file at byte `offset`, whose first
    /// byte is on line `line`. With `isEndOfInput` a last row without its newline counts as complete.
    /// At the start of a file, the first line decides the separator (`,`, or `;` or tab when it has more of
    /// them: a file saved from a spreadsheet). A header row on line 1 (or below title lines, see
    /// `tableStart`) sets the column order (`CDRChunk.columns`) when it names the columns a record needs,
    /// and is skipped either way; a first row of a call-log table dumped without a header (XiVO's, Wazo's)
    /// sets that table's order (`CDRColumns(callLogTableRow:)`) and is read as a record; blank lines are skipped; a bad row becomes a `CDRRowError` and reading
    /// goes on. Consecutive rows of one call (the same `linkedid`, else `uniqueid`: a PBX writes a call's
    /// legs together when it ends) become one record (`CDRRecord.absorb`), at the first one's line; a row
    /// that repeats one of them field for field is the same leg written twice and adds nothing. Only
    /// consecutive ones: a read split between two rows of a call can hold back rows that end the bytes,
    /// not rows it already gave, so merging rows apart would make one file read whole and the same file
    /// read in chunks (`cdr import`, `cdr watch`) tell different calls.
    ///
    /// With `holdingBackLastCall`, the last call is left for the next read (`resumeOffset` at its first row)
    /// when its rows end these bytes: more of its legs may follow, in a chunk still to be read or in rows
    /// the PBX is still writing, and a leg read apart from the rest of its call would be taken for a
    /// redelivery of it.
    public func read(
        _ bytes: [UInt8], offset: Int = 0, line: Int = 1, isEndOfInput: Bool = false, holdingBackLastCall: Bool = false
    ) -> CDRChunk {
        var chunk = CDRChunk(rows: [], errors: [], resumeOffset: offset, resumeLine: line, columns: columns)
        let hasByteOrderMark = offset == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF])
        var start = hasByteOrderMark ? 3 : 0
        var currentLine = line
        var headerLine = 1
        if offset == 0, columns == nil {
            // Nothing is read before the table's first line has arrived whole: it decides how every row
            // splits. Title lines above a header row are passed over (`tableStart`).
            guard let table = tableStart(in: bytes, from: start, isEndOfInput: isEndOfInput),
                  let separator = CSVRowScanner.separator(
                      ofFirstLineIn: bytes, from: table.offset, isEndOfInput: isEndOfInput)
            else { return chunk }
            if separator != CSVRowScanner.comma { chunk.columns = CDRColumns(separator: separator) }
            (start, headerLine) = (table.offset, line + table.line - 1)
            currentLine = headerLine
        }
        let separator = chunk.columns?.separator ?? CSVRowScanner.comma
        var scanner = CSVRowScanner(bytes: bytes, maximumRowBytes: Self.maximumRowBytes, separator: separator)
        scanner.position = start
        var rowStarts: [(offset: Int, line: Int)] = []
        /// The call of the row just read, when it was a record: the one the next row may continue.
        var lastCall: String?
        /// The rows of that call as read: one written again (a PBX with two CDR backends on one file, a
        /// module loaded twice) is the same leg, not another one to add.
        var callRows: Set<[String]> = []
        while let scanned = scanner.next(isEndOfInput: isEndOfInput) {
            let rowLine = currentLine
            currentLine += scanned.lineBreaks
            chunk.resumeOffset = offset + scanned.end
            chunk.resumeLine = currentLine
            let previousCall = lastCall
            if scanned.outcome != .blank { lastCall = nil }
            switch scanned.outcome {
            case .blank:
                continue
            case .unterminatedQuote:
                chunk.errors.append(CDRRowError(line: rowLine, reason: "unterminated quoted field"))
            case .fields(let fields):
                if rowLine == headerLine, CDRRecord.isHeader(fields) {
                    chunk.columns = CDRColumns(header: fields, separator: separator) ?? chunk.columns
                    continue
                }
                if rowLine == headerLine, chunk.columns?.sourceIndex == nil,
                   let table = CDRColumns(callLogTableRow: fields, separator: separator) {
                    chunk.columns = table
                }
                let ordered: [String]
                if let columns = chunk.columns {
                    guard let reordered = columns.csvOrder(fields) else {
                        chunk.errors.append(CDRRowError(line: rowLine, reason: "\(fields.count) columns, fewer than the header names"))
                        continue
                    }
                    ordered = reordered
                } else {
                    ordered = fields
                }
                switch CDRRecord.parse(ordered, timeZone: timeZone) {
                case .success(var record):
                    // Asterisk up to 11 writes a CDR for the channel a Dial() opened as well: its `lastapp` is
                    // `AppDial` ("(Outgoing Line)"), its `src` the number dialled. The call is the dialling
                    // channel's row; read alone, this one was a missed call from the customer we called.
                    if record.isDialledChannelsOwnRow { continue }
                    record.dialledNumber = chunk.columns?.dialledNumber(fields) ?? record.dialledNumber
                    lastCall = record.callKey
                    if let key = record.callKey, key == previousCall, let last = chunk.rows.indices.last {
                        if callRows.insert(fields).inserted { chunk.rows[last].record.absorb(record) }
                        chunk.rows[last].endOffset = offset + scanned.end
                        continue
                    }
                    callRows = [fields]
                    rowStarts.append((offset + scanned.start, rowLine))
                    chunk.rows.append(CDRRow(line: rowLine, endOffset: offset + scanned.end, record: record))
                case .failure(let reason):
                    chunk.errors.append(CDRRowError(line: rowLine, reason: reason.message))
                }
            }
        }
        if holdingBackLastCall, lastCall != nil, let last = chunk.rows.indices.last {
            let start = rowStarts[last]
            chunk.rows.removeLast()
            chunk.errors.removeAll { $0.line >= start.line }
            // Right after a byte order mark is no line start to resume at: the file's start is.
            (chunk.resumeOffset, chunk.resumeLine) = offset == 0 && start.offset == 3 && hasByteOrderMark ? (0, line) : start
        }
        return chunk
    }

    /// Reads a whole file's bytes at once (the CLI's `normalize`). A CEL file is read whole too, its
    /// events rebuilt into calls (`CELReader`): a call's events are only all there once it has ended.
    public func readAll(_ bytes: [UInt8]) -> CDRChunk {
        if columns == nil, let calls = CELReader(timeZone: timeZone).readAll(bytes) { return calls }
        return read(bytes, offset: 0, line: 1, isEndOfInput: true)
    }
}

/// What one `CDRReader.read` call found.
public struct CDRChunk: Sendable, Equatable {
    /// Complete, valid rows in file order.
    public var rows: [CDRRow]
    /// Complete rows that could not be read, in file order.
    public var errors: [CDRRowError]
    /// The absolute byte offset where the next read must start: the start of an incomplete trailing row,
    /// or the end of the chunk when everything was consumed.
    public var resumeOffset: Int
    /// The line number at `resumeOffset`.
    public var resumeLine: Int
    /// The column order in effect: the reader's, or the one this chunk's header row named.
    public var columns: CDRColumns?

    public init(rows: [CDRRow], errors: [CDRRowError], resumeOffset: Int, resumeLine: Int, columns: CDRColumns? = nil) {
        self.rows = rows
        self.errors = errors
        self.resumeOffset = resumeOffset
        self.resumeLine = resumeLine
        self.columns = columns
    }
}

/// One valid record with where it came from.
public struct CDRRow: Sendable, Equatable {
    /// The line the row starts on (1-based).
    public var line: Int
    /// The absolute byte offset just past the row's newline.
    public var endOffset: Int
    public var record: CDRRecord

    public init(line: Int, endOffset: Int, record: CDRRecord) {
        self.line = line
        self.endOffset = endOffset
        self.record = record
    }
}

/// A row that could not be read: wrong column count, a bad date or number, a stray quote.
public struct CDRRowError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { "line \(line): \(reason)" }
}
