import IntakeCore

/// A call someone of ours talked in is our answer: a customer's call an operator took (a CDR or CTI
/// call answered, an operator's call log), and our call to a customer that the customer answered
/// (an outbound call, `internal: true`: calling back a missed call is how a contact center answers
/// it). Either is the first response on the ticket of the customer's number, as a staff message is.
/// Unanswered calls, and ours to a number with no open ticket, answer nothing.
enum AnsweredCall {
    /// The number we called, when `m` is an outbound call of ours that was answered.
    static func callee(ofOurCall m: InboundMessage) -> String? {
        guard m.channel == .phone, m.kind == .call, m.metadata["direction"]?.stringValue == "outbound", let callee = m.threadKey else { return nil }
        return isAnswered(m) ? callee : nil
    }

    /// Whether `m` is a customer's call that someone of ours answered.
    static func isAnsweredInbound(_ m: InboundMessage) -> Bool {
        m.channel == .phone && m.kind == .call && m.metadata["internal"]?.boolValue != true && isAnswered(m)
    }

    /// The CTI says `answered`; a CDR says it with billable seconds; an operator's log is of a call taken.
    private static func isAnswered(_ m: InboundMessage) -> Bool {
        m.metadata["answered"]?.boolValue ?? m.metadata["billsec"]?.intValue.map { $0 > 0 } ?? (m.metadata["source"]?.stringValue == "calllog")
    }
}
