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
