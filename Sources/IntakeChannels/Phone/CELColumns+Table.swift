import IntakeCore

/// The `cel` table as a database stores it, for the CEL a PBX writes through `cel_odbc` or `cel_pgsql`.
extension CELColumns {
    /// The event named by a number: `cel_odbc` and `cel_pgsql` write the event's number when the table's
    /// `eventtype` column is an integer. 1–6 mean the same in every Asterisk since 1.8 (`cel.h`); the
    /// numbers above changed in Asterisk 12 (`LINKEDID_END` is 22 before it, 14 after) and are kept as
    /// given, so the calls of such a table end when their channels have hung up.
    static let numberedEventTypes = ["1": "CHAN_START", "2": "CHAN_END", "3": "HANGUP", "4": "ANSWER", "5": "APP_START", "6": "APP_END"]

    /// The table's columns in the order Asterisk's and Wazo's schemas create them; FreePBX's
    /// `asteriskcdrdb.cel` has no `userdeftype`.
    private static let tableOrder = [
        "id", "eventtype", "eventtime", "userdeftype", "cidname", "cidnum", "cidani", "cidrdnis", "ciddnid", "exten", "context",
        "channame", "appname", "appdata", "amaflags", "accountcode", "peeraccount", "uniqueid", "linkedid", "userfield", "peer", "extra",
    ]

    /// The event type a field names, by name or by number; nil for any other field.
    static func eventType(_ field: String) -> String? {
        let value = field.trimmingWhitespace().uppercased()
        if CDRRecord.celEventTypes.contains(value) { return value }
        guard let number = Int(value), (1...30).contains(number) else { return nil }
        return numberedEventTypes[value] ?? value
    }

    /// The order of a header-less row of the `cel` table dumped as stored (`copy cel to ... CSV`, `SELECT *
    /// ... INTO OUTFILE`): an integer `id`, an event type, then the table's columns. With or without
    /// `userdeftype` is told by where the `uniqueid` and `linkedid` are: Asterisk ids (`seconds.sequence`,
    /// after the system name when `asterisk.conf` sets one). Nil for any other row.
    init?(tableRow row: [String]) {
        guard row.count >= Self.tableOrder.count - 2, UInt64(row[0].trimmingWhitespace()) != nil, Self.eventType(row[1]) != nil else { return nil }
        var names = Self.tableOrder
        if !(Self.isUniqueID(row[17]) && Self.isUniqueID(row[18])) {
            guard Self.isUniqueID(row[16]), Self.isUniqueID(row[17]) else { return nil }
            names.remove(at: 3)
        }
        self.init(header: Array(names.prefix(row.count)))
    }

    private static func isUniqueID(_ field: String) -> Bool {
        let id = field.trimmingWhitespace().split(separator: "-").last ?? ""
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
    }
}
