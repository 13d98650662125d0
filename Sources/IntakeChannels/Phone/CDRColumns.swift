import IntakeCore

/// The column order a CDR file's header row names. Files exported from a CDR database (the `cdr` table of
/// FreePBX and Issabel through `cdr_mysql`/`cdr_adaptive_odbc`, CSV reports) carry a header and their own
/// order: `calldate, clid, src, dst, dcontext, channel, dstchannel, lastapp, lastdata, duration, billsec,
/// disposition, amaflags, accountcode, uniqueid, userfield, did, recordingfile, cnum, ..., linkedid,
/// peeraccount, sequence`, with no answer or end time. With a header, a row is read by those names and
/// put into `cdr_csv`'s order; columns we do not use (`did`, `recordingfile`, ...) are left aside.
/// XiVO's call-log CSV (`Call Date,Caller,Called,Period,user Field`, the caller as `Name (number)`, the
/// period the seconds talked, 0 when nobody answered) and its `call_log` table (`date, source_name,
/// source_exten, destination_exten, answered, duration, ...`) are read the same way, as is Wazo's
/// call-logd CSV (`id, tenant_uuid, answered, start, answer, end, destination_extension, ...,
/// source_extension, source_name, ...`, its duration empty when nobody answered); a file without a
/// disposition has one inferred (`CDRRecord.inferredDisposition`).
public struct CDRColumns: Sendable, Equatable {
    /// For each `cdr_csv` column (`CDRRecord.columnNames`), its index in the file's rows, if present; nil
    /// for a file without a header, whose rows are in `cdr_csv`'s (or `cdr_custom`'s) own order.
    let sourceIndex: [Int?]?
    /// Where the dialled number (`did`) is, when the file has it.
    let didIndex: Int?
    /// Where FreePBX's caller name and number (`cnam`, `cnum`) are, when the file has them.
    let callerNameIndex: Int?
    let callerNumberIndex: Int?
    /// Where the start's time of day is, when a report puts the date and the time in two columns
    /// (`Fecha;Hora;...`).
    let startTimeIndex: Int?

    /// The names of a time-of-day column beside a date-only start column.
    static let timeOfDayNames: Set<String> = ["time", "hora", "calltime", "horainicio", "starttime"]
    /// The byte between fields: `,`, or the `;` or tab of a file saved from a spreadsheet.
    public let separator: UInt8

    /// The names a header may give each `cdr_csv` column (compared lowercased, with `_` and spaces
    /// removed): database column names, the labels of PBX reports, and their Spanish.
    static let aliases: [String: String] = [
        "calldate": "start", "starttime": "start", "callstart": "start", "date": "start", "datetime": "start",
        "fecha": "start", "fechahora": "start", "inicio": "start",
        "answertime": "answer", "endtime": "end", "callend": "end", "dateanswer": "answer", "dateend": "end",
        "source": "src", "from": "src", "origen": "src", "destination": "dst", "to": "dst", "destino": "dst",
        "callerid": "clid", "destinationcontext": "dcontext", "context": "dcontext",
        "destinationchannel": "dstchannel", "lastapplication": "lastapp",
        "billableseconds": "billsec", "billsecs": "billsec", "talktime": "billsec",
        "duración": "duration", "duracion": "duration",
        "status": "disposition", "estado": "disposition", "uniqueid": "uniqueid", "callid": "uniqueid",
        "caller": "clid", "called": "dst", "period": "billsec", "sourceexten": "src", "sourceextension": "src",
        "destinationexten": "dst", "destinationextension": "dst", "answered": "disposition",
        "src.channel": "channel", "sourcechannel": "channel", "canalorigen": "channel",
        "dst.channel": "dstchannel", "canaldestino": "dstchannel",
        // 3CX's CDR service, with its field names as the header (`time-start`, `from-no`, `to-no`).
        "time-start": "start", "time-answered": "answer", "time-end": "end", "from-no": "src", "to-no": "dst",
    ]

    /// The names of a caller-name column beside the number: FreePBX's `cnam`, XiVO's `source_name`.
    static let callerNameNames = ["cnam", "sourcename", "callername"]

    /// The column order of `header`, or nil when it does not name the columns a record needs: the start
    /// time, the source (or caller id), the destination and a duration, billsec or end time (the call's
    /// length is then measured, as in Wazo's call-log table). The disposition is
    /// read when there is one: XiVO's exports and many reports have none.
    public init?(header: [String], separator: UInt8 = UInt8(ascii: ",")) {
        var position: [String: Int] = [:]
        for (index, field) in header.enumerated() {
            if let name = Self.columnName(field), position[name] == nil { position[name] = index }
        }
        let has = { (name: String) in position[name] != nil }
        let index = { (name: String) in header.firstIndex { Self.folded($0) == name } }
        let hasCaller = has("src") || has("clid") || index("cnum") != nil
        guard has("start"), has("dst"), hasCaller, has("duration") || has("billsec") || has("end") else { return nil }
        sourceIndex = CDRRecord.columnNames.map { position[$0] }
        didIndex = index("did") ?? index("dial-no")
        callerNameIndex = Self.callerNameNames.lazy.compactMap(index).first
        callerNumberIndex = index("cnum")
        let startIndex = position["start"]
        startTimeIndex = header.indices.first { $0 != startIndex && Self.timeOfDayNames.contains(Self.folded(header[$0])) }
        self.separator = separator
    }

    /// A file without a header whose fields are separated by `separator`.
    public init(separator: UInt8) {
        sourceIndex = nil
        didIndex = nil
        callerNameIndex = nil
        callerNumberIndex = nil
        startTimeIndex = nil
        self.separator = separator
    }

    /// The `cdr_csv` column a header field names, if any.
    static func columnName(_ field: String) -> String? {
        let key = folded(field)
        let name = aliases[key] ?? key
        return CDRRecord.columnNames.contains(name) ? name : nil
    }

    /// A header field lowercased without `_` and spaces.
    static func folded(_ field: String) -> String {
        field.trimmingWhitespace().lowercased().filter { $0 != "_" && $0 != " " }
    }

    /// The row's dialled number, if the file has that column and the row a value in it.
    func dialledNumber(_ row: [String]) -> String? {
        guard let didIndex, didIndex < row.count else { return nil }
        let value = row[didIndex].trimmingWhitespace()
        return value.isEmpty ? nil : value
    }

    /// The row's fields in `cdr_csv`'s order, all 21 columns (absent ones empty), or nil when the row is
    /// shorter than the header says.
    /// Without a `clid` column, the caller id is put together from FreePBX's `cnam` and `cnum`, and `cnum`
    /// stands in for an empty `src`; without a `src` column, the number in the caller id does (XiVO's
    /// `Caller`), so rows without a uniqueid still get fallback ids of their own (`fallbackExternalID`
    /// hashes `src`); a start with no time of day takes the time column's.
    func csvOrder(_ row: [String]) -> [String]? {
        guard let sourceIndex else { return row }
        guard let last = sourceIndex.compactMap({ $0 }).max(), row.count > last else { return nil }
        var fields = sourceIndex.map { $0.map { row[$0] } ?? "" }
        let value = { (index: Int?) in index.flatMap { $0 < row.count ? row[$0].trimmingWhitespace() : nil } ?? "" }
        let (srcColumn, clidColumn, startColumn) = (1, 4, 9)
        let timeOfDay = value(startTimeIndex)
        if !timeOfDay.isEmpty, !fields[startColumn].contains(":") { fields[startColumn] = fields[startColumn].trimmingWhitespace() + " " + timeOfDay }
        if fields[srcColumn].trimmingWhitespace().isEmpty { fields[srcColumn] = value(callerNumberIndex) }
        if sourceIndex[srcColumn] == nil, fields[srcColumn].isEmpty, let number = CallerID(fields[clidColumn]).number {
            fields[srcColumn] = number
        }
        if sourceIndex[clidColumn] == nil {
            let name = value(callerNameIndex)
            let number = value(callerNumberIndex).isEmpty ? fields[srcColumn] : value(callerNumberIndex)
            // In angle brackets even without a name: a withheld caller's `src` (`Restricted`, `Privado`)
            // is no number, and bare it would be read as the caller's name.
            fields[clidColumn] = name.isEmpty ? "<\(number)>" : "\"\(name)\" <\(number)>"
        }
        return fields
    }
}
