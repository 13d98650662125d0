import IntakeCore
import IntakeDesk

/// `intake sla`: open tickets against their first-response deadlines.
enum SLACommand: Command {
    static let name = "sla"
    static let abstract = "Open tickets by priority: open, due within the hour, breached, without an active contract."
    static let help = """
        Usage: intake sla [--json]

          --json          the same table as JSON

        Tickets of customers whose contract is inactive or suspended are outside the service
        agreement: they count as open, never as due or breached, and are shown apart (no contract).
        That is a ticket opened while the contract was not active, or whose customer's contract the
        directory says is not active now (suspended while the ticket is open).
        \(StoreOptions.help)
        """
    static let spec = Arguments.Spec(valueOptions: StoreOptions.valueOptions, flags: ["json"], maxPositionals: 0)

    static func run(_ args: Arguments) throws -> Int32 {
        let loaded = try Runtime.config(args)
        let store = try Runtime.existingStore(loaded)
        let now = Timestamp.now()
        let rows = try store.read { try $0.slaSummary(now: now, inactiveCustomers: loaded.directory.inactiveCustomerIDs) }
        if args.has("json") {
            let items: [JSONValue] = rows.map {
                ["priority": .string($0.priority.rawValue), "open": .int($0.open), "due_within_hour": .int($0.dueWithinHour), "breached": .int($0.breached),
                 "contract_inactive": .int($0.contractInactive)]
            }
            writeOut(JSONWriter.string(["at": .string(now.iso8601), "priorities": .array(items)], pretty: true) + "\n")
            return ExitStatus.ok
        }
        var out = "priority   open  due<1h  breached  no contract\n"
        for r in rows {
            out += r.priority.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                + String(format: "%6d  %6d  %8d  %11d\n", r.open, r.dueWithinHour, r.breached, r.contractInactive)
        }
        writeOut(out)
        return ExitStatus.ok
    }
}
