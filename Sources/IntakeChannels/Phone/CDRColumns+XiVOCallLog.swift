import IntakeCore

/// XiVO's `call_log` table dumped without a header. XiVO's documentation exports its call logs with
/// `copy call_log to '/tmp/call_logs.csv' WITH delimiter ',' NULL AS '' CSV FORCE QUOTE source_name,
/// destination_name`, which writes no header row: the table's columns in their order, `id, date,
/// source_name, source_exten, destination_name, destination_exten, user_field, answered, duration`, the
/// answer as PostgreSQL's boolean (`t`/`f`) and the duration as an `interval` (`00:03:05.52`). Columns
/// later versions added after them (the line identities) are left aside.
extension CDRColumns {
    static let xivoCallLogHeader = [
        "id", "date", "source_name", "source_exten", "destination_name", "destination_exten", "user_field", "answered",
        "duration",
    ]

    /// The column order of a header-less `call_log` row, or nil when `row` is none: an integer id, a date, a
    /// boolean in the eighth column and a duration in the ninth.
    init?(xivoCallLogRow row: [String], separator: UInt8) {
        let field = { (index: Int) in row[index].trimmingWhitespace() }
        guard row.count >= Self.xivoCallLogHeader.count, UInt64(field(0)) != nil, CDRTime.reading(field(1)) != nil,
              ["t", "f", "true", "false"].contains(field(7).lowercased()), CallLog.seconds(field(8)) != nil
        else { return nil }
        let unnamed = Array(repeating: "", count: row.count - Self.xivoCallLogHeader.count)
        self.init(header: Self.xivoCallLogHeader + unnamed, separator: separator)
    }
}
