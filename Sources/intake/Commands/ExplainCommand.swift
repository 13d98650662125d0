import IntakeCore
import IntakeDesk

/// `intake explain NUMBER`: every decision the pipeline made about a ticket.
enum ExplainCommand: Command {
    static let name = "explain"
    static let abstract = "Explain why a ticket has its customer, thread, priority and deadline."
    static let help = """
        Usage: intake explain NUMBER [--json]

        Prints, in order, each decision recorded for the ticket: which directory rule chose the customer,
        what threaded each message, why a message was a duplicate, which rule set the priority, the type
        and the first-response deadline.

          NUMBER          the ticket number, e.g. INT-1042, int-1042 or the subject tag [#INT-1042]
          --json          the decisions as a JSON array
        \(StoreOptions.help)
        """
    static let spec = Arguments.Spec(valueOptions: StoreOptions.valueOptions, flags: ["json"])

    static func run(_ args: Arguments) throws -> Int32 {
        guard args.positionals.count == 1 else { throw UsageError("give one ticket NUMBER") }
        let number = Runtime.ticketNumber(args.positionals[0])
        let store = try Runtime.existingStore(try Runtime.config(args))
        guard let (ticket, decisions) = try store.read({ r in
            try r.ticket(number: number).map { ($0, try r.decisions(ticketID: $0.id)) }
        }) else { throw CommandFailure("no ticket \(number)") }
        if args.has("json") {
            let items: [JSONValue] = decisions.map {
                ["stage": .string($0.stage), "detail": .string($0.detail), "at": .string($0.at.iso8601)]
            }
            writeOut(JSONWriter.string(["ticket": .string(ticket.number), "decisions": .array(items)], pretty: true) + "\n")
            return ExitStatus.ok
        }
        var out = "\(ticket.number): \(ticket.priority.rawValue) \(ticket.requestType.rawValue), customer \(ticket.customerID ?? "(unknown)"), first response due \(ticket.firstResponseDue.iso8601)\n"
        for d in decisions {
            out += "  \(d.at.iso8601)  \(d.stage.padding(toLength: 11, withPad: " ", startingAt: 0)) \(oneLine(d.detail))\n"
        }
        writeOut(out)
        return ExitStatus.ok
    }
}
