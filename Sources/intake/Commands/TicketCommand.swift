import IntakeCore
import IntakeDesk

/// `intake ticket NUMBER`: one ticket with its messages.
enum TicketCommand: Command {
    static let name = "ticket"
    static let abstract = "Show one ticket and its messages, or set its status."
    static let help = """
        Usage: intake ticket NUMBER [--json]
               intake ticket NUMBER --status STATUS [--note TEXT] [--json]

          NUMBER          the ticket number, e.g. INT-1042, int-1042 or the subject tag [#INT-1042]
          --json          the ticket and its messages as JSON (with --status: the ticket as changed)
          --status STATUS set the ticket's status: new, open, pending, resolved or closed (or nuevo,
                          abierto, pendiente, resuelto, cerrado). A customer's reply within the
                          reopen window (config `reopen_window`) reopens a resolved ticket; after it,
                          or to a closed ticket, a new ticket links this one. Recorded for
                          `intake explain`, and sent to the desk as `ticket.status_changed`.
          --note TEXT     why, kept with the change
        \(StoreOptions.help)
        """
    static let spec = Arguments.Spec(valueOptions: StoreOptions.valueOptions.union(["status", "note"]), flags: ["json"])

    static func run(_ args: Arguments) throws -> Int32 {
        guard args.positionals.count == 1 else { throw UsageError("give one ticket NUMBER") }
        let number = Runtime.ticketNumber(args.positionals[0])
        if let status = args.value("status") { return try setStatus(status, of: number, args) }
        guard args.value("note") == nil else { throw UsageError("--note goes with --status") }
        let store = try Runtime.existingStore(try Runtime.config(args))
        guard let (ticket, messages) = try store.read({ r -> (Ticket, [JSONValue])? in
            guard let t = try r.ticket(number: number) else { return nil }
            return (t, try r.messages(ticketID: t.id))
        }) else { throw CommandFailure("no ticket \(number)") }
        if args.has("json") {
            var o = ticket.json.objectValue ?? JSONObject()
            o["messages"] = .array(messages)
            writeOut(JSONWriter.string(.object(o), pretty: true) + "\n")
            return ExitStatus.ok
        }
        var out = """
            \(ticket.number)  \(oneLine(ticket.subject ?? "(no subject)"))
              customer     \(ticket.customerID ?? "(unknown)")\(ticket.flags.unknownCustomer ? "  [unknown customer: triage]" : "")\(ticket.flags.contractInactive ? "  [contract not active]" : "")
              status       \(ticket.status.rawValue)
              priority     \(ticket.priority.rawValue), \(ticket.requestType.rawValue)
              first reply  due \(ticket.firstResponseDue.iso8601)\(firstReply(ticket))
              origin       \(ticket.originChannel.rawValue) from \(oneLine(ticket.senderID))
              reply route  \(ticket.replyRoute.channel.rawValue) \(oneLine(ticket.replyRoute.address))
              created      \(ticket.createdAt.iso8601), updated \(ticket.updatedAt.iso8601)

            """
        for m in messages {
            let text = printable(m["text"]?.stringValue ?? "")
            let sender = oneLine(m["sender"]?["id"]?.stringValue ?? "")
            out += "- [\(m["outcome"]?.stringValue ?? "")] \(m["received_at"]?.stringValue ?? "") \(m["channel"]?.stringValue ?? "") \(sender)\n"
            out += text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n") + "\n"
        }
        writeOut(out)
        return ExitStatus.ok
    }

    /// When we first answered, and whether inside the deadline.
    private static func firstReply(_ ticket: Ticket) -> String {
        guard let at = ticket.firstRespondedAt else { return ", not answered yet" }
        return ", answered \(at.iso8601)" + (at.seconds <= ticket.firstResponseDue.seconds ? " (in time)" : " (late)")
    }

    private static func setStatus(_ name: String, of number: String, _ args: Arguments) throws -> Int32 {
        guard let status = TicketStatus(word: name) else {
            throw UsageError("unknown status `\(name)` (new, open, pending, resolved or closed; also in Spanish: resuelto, cerrado, ...)")
        }
        let loaded = try Runtime.config(args)
        let store = try Runtime.existingStore(loaded)
        let change = TicketStatusChange(status: status, actor: "an operator (intake ticket)", note: args.value("note"), tellsTheDesk: true)
        let destinations = Runtime.pipeline(loaded).settings.destinations
        let outcome = try store.write { try change.apply(toTicket: number, records: $0, destinations: destinations, now: Timestamp.now()) }
        let (ticket, what): (Ticket, String) = switch outcome {
        case .noSuchTicket: throw CommandFailure("no ticket \(number)")
        case .unchanged(let ticket): (ticket, "already \(status.rawValue)")
        case .changed(let ticket, let from): (ticket, "was \(from.rawValue)")
        }
        writeOut(args.has("json") ? JSONWriter.string(ticket.json, pretty: true) + "\n" : "\(ticket.number)\t\(status.rawValue)\t\(what)\n")
        return ExitStatus.ok
    }
}
