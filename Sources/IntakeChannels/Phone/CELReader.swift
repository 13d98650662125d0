import IntakeCore

/// Reads a whole CEL file (`cel-custom/Master.csv`, a `cel` table export) into calls, one record each,
/// as a CDR file would have them: a PBX that logs CEL and no CDRs still tells us who called and whether
/// anyone took the call. The events are grouped by `linkedid` (else `uniqueid`) and each group is rebuilt
/// by `CDRRecord.init(celEvents:)`. A call whose first channel has not hung up yet is not over: it is
/// reported, not taken for a missed call.
struct CELReader {
    var utcOffsetSeconds: Int

    /// The calls in `bytes`, or nil when they are no CEL file: its first row is neither a CEL header nor an
    /// event of the `cel_custom` sample's order.
    func readAll(_ bytes: [UInt8]) -> CDRChunk? {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard let separator = CSVRowScanner.separator(ofFirstLineIn: bytes, from: start, isEndOfInput: true) else { return nil }
        var scanner = CSVRowScanner(bytes: bytes, maximumRowBytes: CDRReader.maximumRowBytes, separator: separator)
        scanner.position = start
        var columns: CELColumns?
        var chunk = CDRChunk(rows: [], errors: [], resumeOffset: bytes.count, resumeLine: 1)
        var calls: [String: [CELEvent]] = [:]
        var order: [String] = []
        var line = 1
        while let row = scanner.next(isEndOfInput: true) {
            let rowLine = line
            line += row.lineBreaks
            switch row.outcome {
            case .blank:
                continue
            case .unterminatedQuote:
                guard columns != nil else { return nil }
                chunk.errors.append(CDRRowError(line: rowLine, reason: "unterminated quoted field"))
            case .fields(let fields):
                if columns == nil {
                    if let header = CELColumns(header: fields) {
                        columns = header
                        continue
                    }
                    guard let sample = CELColumns(sampleRow: fields) else { return nil }
                    columns = sample
                }
                guard let current = columns else { continue }
                switch current.event(fields, line: rowLine, endOffset: row.end, utcOffsetSeconds: utcOffsetSeconds) {
                case .success(let event):
                    let key = [event.linkedID, event.uniqueID, event.channel].first { !$0.isEmpty } ?? "line \(rowLine)"
                    if calls[key] == nil { order.append(key) }
                    calls[key, default: []].append(event)
                case .failure(let error):
                    chunk.errors.append(error)
                }
            }
        }
        guard columns != nil else { return nil }
        chunk.resumeLine = line
        for key in order {
            guard let events = calls[key], let first = events.first else { continue }
            if let record = CDRRecord(celEvents: events) {
                chunk.rows.append(CDRRow(line: first.line, endOffset: events.map(\.endOffset).max() ?? first.endOffset, record: record))
            } else {
                chunk.errors.append(CDRRowError(line: first.line, reason: "call \(key) has not ended in this file (its channel has not hung up)"))
            }
        }
        chunk.errors.sort { $0.line < $1.line }
        return chunk
    }
}
