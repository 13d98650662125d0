import IntakeDesk

/// The line `ingest`, `replay`, `cdr` and `call log` print for each message: outcome, ticket, channel and
/// external id, reason, separated by tabs (with `--json`, the result's JSON object).
enum ResultLine {
    static func text(_ r: IngestResult, json: Bool) -> String {
        if json { return r.jsonText + "\n" }
        return [r.outcome.rawValue, r.ticketNumber ?? "-", "\(r.channel.rawValue) \(r.externalID ?? "-")", r.reason]
            .map(oneLine).joined(separator: "\t") + "\n"
    }
}

/// `text` as one field of a tab-separated line: a tab, newline or other control character (a subject
/// decoded from `=?UTF-8?Q?uno=09dos=0Atres?=`, an error quoting a response body) becomes a space, so
/// every record stays one line with the same columns.
func oneLine(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return text }
    return String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
}
