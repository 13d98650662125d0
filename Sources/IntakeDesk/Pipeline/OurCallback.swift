import IntakeCore

/// Our call to a customer that the customer answered (an outbound call the PBX's CDR or the CTI
/// recorded, `internal: true`): calling back a missed call is how a contact center answers it, so the
/// call is our answer on the ticket of the number we called, its first response as a staff message's
/// is. Unanswered, or to a number with no open ticket, it stays a call kept for the record only.
enum OurCallback {
    /// The number we called, when `m` is an outbound call of ours that was answered.
    static func callee(of m: InboundMessage) -> String? {
        guard m.channel == .phone, m.kind == .call, m.metadata["direction"]?.stringValue == "outbound", let callee = m.threadKey else { return nil }
        // The CTI says `answered`; a CDR says it with billable seconds.
        let answered = m.metadata["answered"]?.boolValue ?? ((m.metadata["billsec"]?.intValue ?? 0) > 0)
        return answered ? callee : nil
    }
}
