public import IntakeCore

/// Whether a message is an automatic answer to other mail: an out-of-office, a customer helpdesk's "we
/// received your request", a bounce or delivery report, a meeting reply. Such a message answers
/// something and asks nothing, so it never opens, reopens or escalates a ticket: on a ticket it is
/// appended as it stands, and with none to join it is kept and ignored. Opening a ticket for it, and
/// acknowledging that ticket, is how two responders loop (RFC 3834 §2).
///
/// Mail the adapter also marks automatic that answers nothing still opens a flagged ticket: mass mail (a
/// list's post, `Precedence: bulk | list | junk`; `auto_reply_reason` `mailing-list` or `precedence`),
/// since a customer's team list that includes our address may carry a request, and a notification
/// (`Auto-Submitted: auto-generated` on no reply; `auto-generated`), a customer's monitoring alert.
public enum AutomaticAnswer {
    public static func matches(_ m: InboundMessage) -> Bool {
        guard m.isAutoReply else { return false }
        let reason = m.metadata["auto_reply_reason"]?.stringValue
        return !["mailing-list", "precedence", "auto-generated"].contains(reason)
    }
}
