import Foundation
import IntakeCore
import IntakeDesk

/// `intake outbox`: look at the outbox, put dead events back in the queue, purge old ones.
enum OutboxCommand: Command {
    static let name = "outbox"
    static let abstract = "List outbox events, retry dead ones, purge old ones."
    static let help = """
        Usage: intake outbox [list] [--state S] [--json]
               intake outbox retry ID
               intake outbox retry --dead
               intake outbox purge --older-than DURATION

          list            events with their state, attempts and last error (the default)
          --state S       pending, delivered, dead or skipped
          --json          a JSON array of events
          retry ID        queue event ID again, due now (a dead one with its attempts reset, a
                          skipped or waiting one)
          retry --dead    queue every dead event again, due now, with its attempts reset
          purge           delete delivered, skipped and dead events created more than DURATION ago
          --older-than D  e.g. 30d, 12h, 90m
        \(StoreOptions.help)
        """
    static let spec = Arguments.Spec(valueOptions: StoreOptions.valueOptions.union(["state", "older-than"]), flags: ["json", "dead"])

    /// The options only one action takes: given to another, they are refused rather than ignored.
    private static let optionsOfAction: [(option: String, action: String)] = [
        ("state", "list"), ("json", "list"), ("dead", "retry"), ("older-than", "purge"),
    ]

    static func run(_ args: Arguments) throws -> Int32 {
        let action = args.positionals.first ?? "list"
        guard ["list", "retry", "purge"].contains(action) else { throw UsageError("unknown action `\(action)` (list, retry or purge)") }
        for (option, owner) in optionsOfAction where owner != action && (args.value(option) != nil || args.has(option)) {
            throw UsageError("--\(option) is for `outbox \(owner)`")
        }
        switch action {
        case "list":
            return try list(args)
        case "retry":
            return try retry(args)
        default:
            return try purge(args)
        }
    }

    private static func list(_ args: Arguments) throws -> Int32 {
        guard args.positionals.count <= 1 else { throw UsageError("list takes no arguments") }
        var state: OutboxEvent.State?
        if let s = args.value("state") {
            guard let parsed = OutboxEvent.State(rawValue: s.lowercased()) else {
                throw UsageError("unknown state `\(s)` (pending, delivered, dead or skipped)")
            }
            state = parsed
        }
        let store = try Runtime.existingStore(try Runtime.config(args))
        let events = try store.read { try $0.outbox(state: state) }
        if args.has("json") {
            writeOut(JSONWriter.string(.array(events.map(\.json)), pretty: true) + "\n")
            return ExitStatus.ok
        }
        var out = ""
        for e in events {
            out += [String(e.id), e.state.rawValue, e.destination, e.eventType, e.ticketID.map { "ticket \($0)" } ?? "-",
                    "attempts \(e.attempts)", e.state == .pending ? "next " + e.nextAttemptAt.iso8601 : "created " + e.createdAt.iso8601,
                    e.lastError ?? ""].map(oneLine).joined(separator: "\t") + "\n"
        }
        writeOut(out)
        return ExitStatus.ok
    }

    private static func retry(_ args: Arguments) throws -> Int32 {
        let id: Int64?
        if args.has("dead") {
            guard args.positionals.count == 1 else { throw UsageError("give either an event ID or --dead") }
            id = nil
        } else {
            guard args.positionals.count == 2 else { throw UsageError("give an event ID or --dead") }
            guard let parsed = Int64(args.positionals[1]) else { throw UsageError("`\(args.positionals[1])` is not an event ID") }
            id = parsed
        }
        let store = try Runtime.existingStore(try Runtime.config(args))
        let now = Timestamp.now()
        let changed = try store.write { try $0.retryOutbox(id: id, now: now) }
        if let id, changed == 0 { throw CommandFailure("no event \(id) that can be retried (delivered events stay delivered)") }
        writeOut("\(changed) event\(changed == 1 ? "" : "s") queued\n")
        return ExitStatus.ok
    }

    private static func purge(_ args: Arguments) throws -> Int32 {
        guard args.positionals.count == 1 else { throw UsageError("purge takes no arguments besides --older-than") }
        guard let text = args.value("older-than") else { throw UsageError("--older-than is required (e.g. 30d)") }
        guard let seconds = SLAPolicy.parseDuration(text) else { throw UsageError("`\(text)` is not a duration like 30d, 12h or 90m") }
        let store = try Runtime.existingStore(try Runtime.config(args))
        let before = Timestamp.now().adding(seconds: -seconds)
        let deleted = try store.write { try $0.purgeOutbox(before: before) }
        writeOut("\(deleted) event\(deleted == 1 ? "" : "s") purged (created before \(before.iso8601))\n")
        return ExitStatus.ok
    }
}
