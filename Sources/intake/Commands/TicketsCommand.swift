import IntakeCore
import IntakeDesk

/// `intake tickets`: list tickets.
enum TicketsCommand: Command {
    static let name = "tickets"
    static let abstract = "List tickets in the desk store."
    static let help = """
        Usage: intake tickets [--status S] [--customer ID] [--json]

          --status S      new, open, pending, resolved or closed
          --customer ID   only this customer's tickets (an id neither in the directory nor on any
                          ticket is an error)
          --json          a JSON array of tickets
        \(StoreOptions.help)
        """
    static let spec = Arguments.Spec(valueOptions: StoreOptions.valueOptions.union(["status", "customer"]), flags: ["json"], maxPositionals: 0)

    static func run(_ args: Arguments) throws -> Int32 {
        var filter = DeskRecords.TicketFilter(customerID: args.value("customer"))
        if let s = args.value("status") {
            guard let status = TicketStatus(rawValue: s.lowercased()) else { throw UsageError("unknown status `\(s)` (new, open, pending, resolved or closed)") }
            filter.status = status
        }
        let loaded = try Runtime.config(args)
        let store = try Runtime.existingStore(loaded)
        let tickets = try store.read { try $0.tickets(filter) }
        // A mistyped id (`ACME`, `acme-sa`) would list nothing and look like a customer without tickets.
        if let id = filter.customerID, tickets.isEmpty, loaded.directory.customer(id: id) == nil {
            let ids = loaded.directory.customers.map(\.id)
            throw CommandFailure("no customer `\(id)` in the directory and no ticket of it" + (ids.isEmpty ? "" : " (customers: \(ids.joined(separator: ", ")))"))
        }
        if args.has("json") {
            writeOut(JSONWriter.string(.array(tickets.map(\.json)), pretty: true) + "\n")
        } else {
            var out = ""
            for t in tickets {
                out += [t.number, t.status.rawValue, t.priority.rawValue, t.requestType.rawValue, t.customerID ?? "(unknown)",
                        "due " + t.firstResponseDue.iso8601, t.subject ?? ""].map(oneLine).joined(separator: "\t") + "\n"
            }
            writeOut(out)
        }
        return ExitStatus.ok
    }
}
