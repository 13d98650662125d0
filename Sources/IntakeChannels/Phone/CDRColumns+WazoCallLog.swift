import IntakeCore

/// Wazo's `call_logd_call_log` table dumped without a header (`copy call_logd_call_log to '/tmp/cdr.csv'
/// CSV`, as XiVO's documentation shows for its older `call_log`). Since Wazo squashed its migrations into
/// a baseline (23.05, again 25.14) the table is created with `id, date, date_answer, date_end,
/// tenant_uuid, source_name, source_exten, source_internal_exten, source_internal_context,
/// source_line_identity, requested_name, requested_exten, requested_context, requested_internal_exten,
/// requested_internal_context, destination_name, destination_exten, destination_internal_exten,
/// destination_internal_context, destination_line_identity, direction, user_field, ...`: no duration or
/// disposition, which come from the answer and end times.
///
/// A database created before those baselines and upgraded since has the columns in the order its
/// migrations added them, which no row can reveal, so a row is read this way only when it shows this
/// order: an integer id, the call's time, answer and end times (or empty), the tenant's UUID in the
/// fifth column and a direction (`inbound`, `internal`, `outbound`) in the twenty-first. Any other order
/// is refused as no CDR rather than read with callers and destinations swapped.
extension CDRColumns {
    static let wazoCallLogHeader = [
        "id", "date", "date_answer", "date_end", "tenant_uuid", "source_name", "source_exten", "source_internal_exten",
        "source_internal_context", "source_line_identity", "requested_name", "requested_exten", "requested_context",
        "requested_internal_exten", "requested_internal_context", "destination_name", "destination_exten",
        "destination_internal_exten", "destination_internal_context", "destination_line_identity", "direction",
        "user_field",
    ]

    private static let wazoDirections: Set<String> = ["inbound", "internal", "outbound"]

    /// The column order of a header-less `call_logd_call_log` row, or nil when `row` shows another order.
    init?(wazoCallLogRow row: [String], separator: UInt8) {
        guard row.count >= Self.wazoCallLogHeader.count else { return nil }
        let field = { (index: Int) in row[index].trimmingWhitespace() }
        let isTimeOrEmpty = { (index: Int) in field(index).isEmpty || CDRTime.reading(field(index)) != nil }
        guard UInt64(field(0)) != nil, CDRTime.reading(field(1)) != nil, isTimeOrEmpty(2), isTimeOrEmpty(3),
              Self.isUUID(field(4)), Self.wazoDirections.contains(field(20))
        else { return nil }
        let unnamed = Array(repeating: "", count: row.count - Self.wazoCallLogHeader.count)
        self.init(header: Self.wazoCallLogHeader + unnamed, separator: separator)
    }

    /// The column order of a header-less dump of a call-log table this reader knows (XiVO's `call_log`,
    /// Wazo's `call_logd_call_log`), told by the first row.
    init?(callLogTableRow row: [String], separator: UInt8) {
        guard let columns = CDRColumns(xivoCallLogRow: row, separator: separator)
            ?? CDRColumns(wazoCallLogRow: row, separator: separator)
        else { return nil }
        self = columns
    }

    /// `8-4-4-4-12` hexadecimal digits.
    private static func isUUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}
