public import IntakeCore

/// Whether a message is an automatic answer to other mail: an out-of-office, a customer helpdesk's "we
/// received your request", a bounce or delivery report, a meeting reply. Such a message answers
/// something and asks nothing, so it never opens, reopens or escalates a ticket: on a ticket it is
/// appended as it stands, and with none to join it is kept and ignored. Opening a ticket for it, and
/// acknowledging that ticket, is how two responders loop (RFC 3834 §2).
///
/// Mass mail the adapter also marks automatic (a list's post, `Precedence: bulk | list | junk`, its
/// `auto_reply_reason` `mailing-list` or `precedence`) answers nothing: it still opens a flagged ticket,
/// since a customer's team list that includes our address may carry a request.
public enum AutomaticAnswer {
    public static func matches(_ m: InboundMessage) -> Bool {
        guard m.isAutoReply else { return false }
        let reason = m.metadata["auto_reply_reason"]?.stringValue
        return reason != "mailing-list" && reason != "precedence"
    }
}
