public import IntakeCore

/// A ticket opened for a sender the directory did not know (a customer's staff member writing from a
/// number not yet invited), found again by the same sender's next message once the directory knows
/// them: it becomes the customer's ticket rather than staying in triage beside a second, new one.
enum UnknownSenderTicket {
    /// `t` as `route`'s customer's, with the decision `explain` prints; nil when `t` has a customer
    /// already or the message's sender is still unknown.
    static func adopt(_ t: Ticket, route: Router.Decision, label: String, records: DeskRecords, now: Timestamp) throws
        -> (ticket: Ticket, decision: DeskRecords.Decision)?
    {
        guard t.customerID == nil, let customer = route.customer else { return nil }
        try records.assignCustomer(ticketID: t.id, customer: customer, updatedAt: now)
        var adopted = t
        adopted.customerID = customer.id
        adopted.flags.unknownCustomer = false
        adopted.flags.contractInactive = !customer.isContractActive
        return (adopted, .init("route", "\(label): \(route.reason); \(t.number), opened for this unknown sender, is now \(customer.id)'s"))
    }
}
