import IntakeCore

/// Title lines above a report's header row.
///
/// Call reports exported from PBX web interfaces and spreadsheets often start with a title, the date range
/// asked for or an empty row (`Reporte de llamadas;;;;`, `Desde 01/11/2026 hasta 30/11/2026`), and only
/// then the header row. Those lines are neither a header nor a record; when a header follows them within
/// the first lines, the table starts at that header: it tells the separator and the column order, and the
/// lines above it are skipped. A file whose first line is a header or a record has no preamble.
extension CDRReader {
    /// How many lines are looked at for a header below title lines.
    public static let maximumPreambleLines = 10

    /// Where the table starts in a read from the start of the file: the byte offset and line of its first
    /// line, which is the header row when title lines precede it, else the first line. Nil while it cannot
    /// be told yet: only title lines have arrived, and the end of the input has not.
    func tableStart(in bytes: [UInt8], from start: Int, isEndOfInput: Bool) -> (offset: Int, line: Int)? {
        var lineStart = start
        var line = 1
        for _ in 0..<Self.maximumPreambleLines {
            let separator = CSVRowScanner.separator(ofFirstLineIn: bytes, from: lineStart, isEndOfInput: isEndOfInput)
            guard let separator else { return isEndOfInput ? (start, 1) : nil }
            var scanner = CSVRowScanner(bytes: bytes, maximumRowBytes: Self.maximumRowBytes, separator: separator)
            scanner.position = lineStart
            guard let row = scanner.next(isEndOfInput: isEndOfInput) else { return isEndOfInput ? (start, 1) : nil }
            switch row.outcome {
            case .blank:
                break
            case .unterminatedQuote:
                return (start, 1)
            case .fields(let fields):
                if CDRRecord.isHeader(fields) { return (lineStart, line) }
                if case .success = CDRRecord.parse(fields, timeZone: timeZone) { return (start, 1) }
                if CDRColumns(callLogTableRow: fields, separator: separator) != nil { return (start, 1) }
            }
            lineStart = row.end
            line += row.lineBreaks
        }
        return (start, 1)
    }
}
