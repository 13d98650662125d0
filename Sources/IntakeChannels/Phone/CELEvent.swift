import IntakeCore

/// One row of Asterisk's Channel Event Logging (CEL): an event of one channel of a call (`CHAN_START`,
/// `ANSWER`, `APP_START`, `BRIDGE_ENTER`, `HANGUP`, `LINKEDID_END`, ...), where a CDR is one row per call.
/// Every channel of a call shares its `linkedid`; the channel the call started on has it as its `uniqueid`.
struct CELEvent: Sendable, Equatable {
    var type: String
    /// `eventtime` as written, and the instant it names: Unix seconds with a fraction when `cel.conf` sets
    /// no `dateformat`, else that format in the PBX's local time.
    var timeText: String
    var time: Timestamp
    var callerName: String
    var callerNumber: String
    /// `CALLERID(DNID)`: the number the caller dialled.
    var dialledNumber: String
    var exten: String
    var context: String
    var channel: String
    var appName: String
    var appData: String
    var amaFlags: String
    var accountCode: String
    var uniqueID: String
    var linkedID: String
    /// `eventextra`: JSON since Asterisk 12 (a `HANGUP`'s `dialstatus`, `hangupcause`).
    var extra: String
    /// The line the row starts on and the offset just past it.
    var line: Int
    var endOffset: Int

    /// The channel's dial status when it hung up (`HANGUP`'s `eventextra.dialstatus`: `BUSY`, `NOANSWER`,
    /// `CANCEL`, `CHANUNAVAIL`, `CONGESTION`, `ANSWER`), if it says.
    var dialStatus: String? {
        guard type == "HANGUP", extra.contains("dialstatus"), let json = try? JSONParser.parse(extra) else { return nil }
        return json["dialstatus"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// Where each field of a CEL row is: named by a header row (a `cel` table exported with its column
/// names, by `cel_odbc`, `cel_pgsql` or a hand-made query), or in the order of the `Master.csv` mapping
/// of Asterisk's `cel_custom.conf.sample`: eventtype, eventtime, CALLERID(name), CALLERID(num),
/// CALLERID(ANI), CALLERID(RDNIS), CALLERID(DNID), exten, context, channame, appname, appdata, amaflags,
/// accountcode, uniqueid, linkedid, BRIDGEPEER, then (userfield,) userdeftype and eventextra, the last.
struct CELColumns: Sendable, Equatable {
    private static let sampleOrder = [
        "eventtype", "eventtime", "cidname", "cidnum", "cidani", "cidrdnis", "ciddnid", "exten", "context", "channame",
        "appname", "appdata", "amaflags", "accountcode", "uniqueid", "linkedid", "peer",
    ]
    private static let aliases = ["bridgepeer": "peer", "eventextra": "extra", "channelname": "channame", "calleridnum": "cidnum",
                                  "calleridname": "cidname", "calleriddnid": "ciddnid", "dnid": "ciddnid"]

    private let index: [String: Int]

    /// The order a header row names, or nil when it names no CEL table (an event type, its time and a channel).
    init?(header: [String]) {
        var index: [String: Int] = [:]
        for (i, field) in header.enumerated() {
            let key = CDRColumns.folded(field)
            let name = Self.aliases[key] ?? key
            if index[name] == nil { index[name] = i }
        }
        guard index["eventtype"] != nil, index["eventtime"] != nil, index["uniqueid"] != nil || index["channame"] != nil
        else { return nil }
        self.index = index
    }

    /// The `cel_custom` sample's order for a header-less row whose first field is an event type; nil for
    /// any other row.
    init?(sampleRow row: [String]) {
        guard row.count >= Self.sampleOrder.count, CDRRecord.celEventTypes.contains(row[0].trimmingWhitespace()) else { return nil }
        var index = Dictionary(uniqueKeysWithValues: Self.sampleOrder.enumerated().map { ($1, $0) })
        if row.count > Self.sampleOrder.count + 1 { index["extra"] = row.count - 1 }
        self.index = index
    }

    /// The event in `row`, or why it is none.
    func event(_ row: [String], line: Int, endOffset: Int, timeZone: LocalTimeZone) -> Result<CELEvent, CDRRowError> {
        let field = { (name: String) -> String in
            guard let i = index[name], i < row.count else { return "" }
            let value = row[i].trimmingWhitespace()
            return value == "NULL" || value == "\\N" ? "" : value
        }
        let type = Self.eventType(field("eventtype")) ?? field("eventtype").uppercased()
        guard !type.isEmpty else { return .failure(CDRRowError(line: line, reason: "CEL row without an event type")) }
        let timeText = field("eventtime")
        guard let time = CDRTime.read(timeText, timeZone: timeZone) else {
            return .failure(CDRRowError(line: line, reason: "bad CEL eventtime: \(timeText)"))
        }
        return .success(CELEvent(
            type: type, timeText: timeText, time: time, callerName: field("cidname"),
            callerNumber: field("cidnum").isEmpty ? field("cidani") : field("cidnum"), dialledNumber: field("ciddnid"),
            exten: field("exten"), context: field("context"), channel: field("channame"), appName: field("appname"),
            appData: field("appdata"), amaFlags: field("amaflags"), accountCode: field("accountcode"),
            uniqueID: field("uniqueid"), linkedID: field("linkedid"), extra: field("extra"), line: line, endOffset: endOffset
        ))
    }
}
