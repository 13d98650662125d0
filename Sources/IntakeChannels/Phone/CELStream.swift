public import IntakeCore

/// Reads a CEL file (`cel_custom`'s `Master.csv`, a `cel` table export) a chunk at a time, as `cdr import`
/// and `cdr watch` read files, and rebuilds its calls (`CDRRecord.init(celEvents:)`). A call's events
/// are written while it goes on, one row per channel event, mixed with other calls' rows, so a read sees
/// calls that have not ended: their events are held (`held`) until the call is over, across reads and,
/// through `state`, across restarts of the watcher, which commits it with the file's position.
///
/// A call is over at its `LINKEDID_END`, or once every channel it started has hung up (`HANGUP` or
/// `CHAN_END`), for a `cel.conf` that does not log `LINKEDID_END`. The `CHAN_END` and `LINKEDID_END` rows
/// that follow the last `HANGUP` may come in a later read: the linkedids of the calls last taken as over
/// are remembered (`ended`) and those rows dropped. At the end of a file that will not grow any more,
/// the calls still held are rebuilt if their first channel hung up, else reported (`finish`).
public struct CELStream: Sendable {
    /// How many ended calls are remembered: far more than the calls that end within one read.
    static let endedMemory = 256

    private struct Held: Sendable {
        var fields: [String]
        var event: CELEvent
    }

    public let timeZone: LocalTimeZone
    private let columns: CELColumns
    private let separator: UInt8
    private let hasHeader: Bool
    private var held: [String: [Held]] = [:]
    private var order: [String] = []
    private var ended: [String] = []

    /// The stream of a file whose first bytes are `head`, or nil when they are no CEL file: the first
    /// row is neither a CEL header, an event in the `cel_custom` sample's order nor a row of the `cel`
    /// table dumped without its header (or has not arrived whole, unless `isEndOfInput`).
    public init?(head: [UInt8], isEndOfInput: Bool, timeZone: LocalTimeZone) {
        let start = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard let separator = CSVRowScanner.separator(ofFirstLineIn: head, from: start, isEndOfInput: isEndOfInput) else { return nil }
        var scanner = CSVRowScanner(bytes: head, maximumRowBytes: CDRReader.maximumRowBytes, separator: separator)
        scanner.position = start
        var first: [String]?
        while first == nil, let row = scanner.next(isEndOfInput: isEndOfInput) {
            switch row.outcome {
            case .blank: continue
            case .unterminatedQuote: return nil
            case .fields(let fields): first = fields
            }
        }
        guard let first else { return nil }
        if let header = CELColumns(header: first) {
            (columns, hasHeader) = (header, true)
        } else if let sample = CELColumns(sampleRow: first) ?? CELColumns(tableRow: first) {
            (columns, hasHeader) = (sample, false)
        } else {
            return nil
        }
        self.separator = separator
        self.timeZone = timeZone
    }

    /// Whether events of calls not yet over are held.
    public var isHolding: Bool { !order.isEmpty }

    /// The complete rows of `bytes`, read from the file at `offset` (line `line`), with the calls that
    /// ended in them; with `isEndOfInput` a last row without its newline counts as complete.
    public mutating func read(_ bytes: [UInt8], offset: Int, line: Int, isEndOfInput: Bool) -> CDRChunk {
        var chunk = CDRChunk(rows: [], errors: [], resumeOffset: offset, resumeLine: line)
        var scanner = CSVRowScanner(bytes: bytes, maximumRowBytes: CDRReader.maximumRowBytes, separator: separator)
        scanner.position = offset == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var awaitingHeader = offset == 0 && hasHeader
        var currentLine = line
        while let row = scanner.next(isEndOfInput: isEndOfInput) {
            let rowLine = currentLine
            currentLine += row.lineBreaks
            (chunk.resumeOffset, chunk.resumeLine) = (offset + row.end, currentLine)
            switch row.outcome {
            case .blank:
                continue
            case .unterminatedQuote:
                chunk.errors.append(CDRRowError(line: rowLine, reason: "unterminated quoted field"))
            case .fields(let fields):
                if awaitingHeader {
                    awaitingHeader = false
                    continue
                }
                switch columns.event(fields, line: rowLine, endOffset: offset + row.end, timeZone: timeZone) {
                case .success(let event): add(Held(fields: fields, event: event), to: &chunk)
                case .failure(let error): chunk.errors.append(error)
                }
            }
        }
        return chunk
    }

    /// The calls still held once the file will not grow: each rebuilt when its first channel hung up,
    /// else reported as not ended.
    public mutating func finish() -> CDRChunk {
        var chunk = CDRChunk(rows: [], errors: [], resumeOffset: 0, resumeLine: 0)
        for key in order {
            let events = held[key, default: []].map(\.event)
            guard let first = events.first else { continue }
            if let record = CDRRecord(celEvents: events) {
                chunk.rows.append(CDRRow(line: first.line, endOffset: events.map(\.endOffset).max() ?? first.endOffset, record: record))
            } else {
                chunk.errors.append(CDRRowError(line: first.line, reason: "call \(key) has not ended in this file (its channel has not hung up)"))
            }
        }
        (held, order) = ([:], [])
        return chunk
    }

    private mutating func add(_ event: Held, to chunk: inout CDRChunk) {
        let e = event.event
        let key = [e.linkedID, e.uniqueID, e.channel].first { !$0.isEmpty } ?? "line \(e.line)"
        guard !ended.contains(key) else { return }
        if held[key] == nil { order.append(key) }
        held[key, default: []].append(event)
        let events = held[key, default: []].map(\.event)
        guard Self.isOver(events), let record = CDRRecord(celEvents: events) else { return }
        chunk.rows.append(CDRRow(line: events[0].line, endOffset: e.endOffset, record: record))
        held[key] = nil
        order.removeAll { $0 == key }
        ended.append(key)
        if ended.count > Self.endedMemory { ended.removeFirst(ended.count - Self.endedMemory) }
    }

    private static func isOver(_ events: [CELEvent]) -> Bool {
        if events.contains(where: { $0.type == "LINKEDID_END" }) { return true }
        let channels = Set(events.map { $0.uniqueID.isEmpty ? $0.channel : $0.uniqueID })
        let hungUp = Set(events.filter { $0.type == "HANGUP" || $0.type == "CHAN_END" }.map { $0.uniqueID.isEmpty ? $0.channel : $0.uniqueID })
        return channels.isSubset(of: hungUp)
    }
}

extension CELStream {
    /// What the stream holds, as JSON for the store: the held events' rows with their lines and ends, and
    /// the ended calls' linkedids. Nil when it holds and remembers nothing.
    public var state: String? {
        guard !order.isEmpty || !ended.isEmpty else { return nil }
        let events = order.flatMap { held[$0, default: []] }.map { h -> JSONValue in
            ["line": .number(Double(h.event.line)), "end": .number(Double(h.event.endOffset)), "fields": .array(h.fields.map(JSONValue.string))]
        }
        return JSONWriter.string(["events": .array(events), "ended": .array(ended.map(JSONValue.string))])
    }

    /// Takes back what `state` saved (a watcher restarted mid-file); rows that no longer read are dropped.
    public mutating func restore(_ state: String) {
        guard let json = try? JSONParser.parse(Array(state.utf8)) else { return }
        var none = CDRChunk(rows: [], errors: [], resumeOffset: 0, resumeLine: 0)
        for item in json["events"]?.arrayValue ?? [] {
            guard let fields = item["fields"]?.arrayValue?.compactMap(\.stringValue), let line = item["line"]?.intValue,
                  case .success(let event) = columns.event(fields, line: line, endOffset: item["end"]?.intValue ?? 0, timeZone: timeZone)
            else { continue }
            add(Held(fields: fields, event: event), to: &none)
        }
        ended = (json["ended"]?.arrayValue ?? []).compactMap(\.stringValue)
    }
}
