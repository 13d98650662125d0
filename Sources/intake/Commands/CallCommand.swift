import Foundation
import IntakeChannels
import IntakeCore
import IntakeDesk

/// `intake call log`: an operator records a phone call from the terminal, as `POST /calls` does.
enum CallCommand: Command {
    static let name = "call"
    static let abstract = "Record a phone call an operator took (or made) through the pipeline."
    static let help = """
        Usage: intake call log --from NUMBER --operator NAME --notes TEXT [--priority P] [--type T]
                               [--customer ID] [--direction inbound|outbound] [--duration S] [--call-id ID] [--json]

        Builds the same call log `POST /calls` takes and validates it the same way, runs it through the
        pipeline (routed by the caller's number, threaded onto the caller's open ticket or a new one) and
        prints the outcome like `ingest`: outcome, ticket, channel and id, reason (with --json, one JSON object). An option value the call
        log refuses (a --from that is not a phone number or is an internal extension, an unknown --priority,
        a --duration that is not seconds) is a usage error, exit status 2. The same log recorded twice (same
        caller, operator and notes, or the same --call-id) is a duplicate.

          --from NUMBER   the caller's number, local (011 15 5276-9999) or international (+54 9 11 ...)
          --operator NAME who took the call
          --notes TEXT    what the caller asked for: the ticket text
          --priority P    critical, high, medium or low (or crítica, alta, media, baja)
          --type T        incident, change_request, adjustment or query
          --customer ID   the customer, when the number is not in the directory
          --direction D   inbound (default) or outbound
          --duration S    seconds, or mm:ss
          --call-id ID    the PBX's call id (the message's external id)
          --json          the result as JSON
        \(StoreOptions.help)
        """

    /// Options and the call-log fields they fill, in the order the fields are read.
    private static let fields: [(option: String, field: String)] = [
        ("from", "from"), ("operator", "operator"), ("notes", "notes"), ("priority", "priority"), ("type", "type"),
        ("customer", "customer"), ("direction", "direction"), ("duration", "duration"), ("call-id", "callId"),
    ]
    static let spec = Arguments.Spec(valueOptions: StoreOptions.valueOptions.union(fields.map(\.option)), flags: ["json"])

    static func run(_ args: Arguments) throws -> Int32 {
        guard args.positionals == ["log"] else { throw UsageError("the only subcommand is `log`: intake call log --from NUMBER ...") }
        for required in ["from", "operator", "notes"] where (args.value(required) ?? "").trimmingWhitespace().isEmpty {
            throw UsageError("--\(required) is required")
        }
        let loaded = try Runtime.config(args)
        // The pipeline routes an unknown id to triage like an unknown caller: a typo would go unnoticed.
        if let customer = args.value("customer"), !loaded.directory.customers.contains(where: { $0.id == customer }) {
            let directory = loaded.directoryFile ?? "none loaded"
            throw UsageError("--customer `\(customer)` is not in the customer directory (\(directory))")
        }
        let log = try callLog(args, defaultCountry: loaded.config.phone.defaultCountry, localArea: loaded.config.phone.localAreaCode, timeZone: loaded.config.phone.cdrTimeZone)
        let store = try Runtime.store(loaded)
        let pipeline = Runtime.pipeline(loaded)
        let raw = Array(JSONWriter.string(json(args)).utf8)
        let payload = IngestPayload(channel: .phone, raw: raw, contentType: "application/json", source: "cli:call", messages: [log.message])
        let results = try store.write { try pipeline.ingest(payload, records: $0, now: Timestamp.now()) }
        for r in results {
            writeOut(ResultLine.text(r, json: args.has("json")))
        }
        return ExitStatus.ok
    }

    /// The options as the JSON object `POST /calls` takes, read by `CallLog`'s own validation.
    private static func json(_ args: Arguments) -> JSONValue {
        var object = JSONObject()
        for (option, field) in fields {
            if let value = args.value(option) { object[field] = .string(value) }
        }
        return .object(object)
    }

    /// The call log, or the validation error worded with option names (`--from is not a phone number`):
    /// every field comes from an option, so what the call log refuses is a bad option value (exit 2).
    private static func callLog(_ args: Arguments, defaultCountry: String, localArea: String?, timeZone: LocalTimeZone) throws(UsageError) -> CallLog {
        do {
            return try CallLog(json: json(args), defaultCountry: defaultCountry, localArea: localArea, timeZone: timeZone)
        } catch {
            var reason = error.reason
            for (option, field) in fields { reason = reason.replacingOccurrences(of: "`\(field)`", with: "--\(option)") }
            throw UsageError(reason)
        }
    }
}
