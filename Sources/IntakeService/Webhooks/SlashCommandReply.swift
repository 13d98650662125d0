import IntakeCore
import IntakeOutbound

/// The ephemeral answer to `/soporte`: the ticket, its priority and deadline in the customer's language.
/// The deadline is Slack's date token, as in the channel's ticket notice, so each reader sees it in their
/// own time zone rather than as a raw UTC timestamp inside Spanish prose.
enum SlashCommandReply {
    static func text(_ ticket: Ticket?, locale: String) -> String {
        let en = locale.lowercased().hasPrefix("en")
        guard let ticket else {
            return en ? "We could not register the request: please write in this channel or to support."
                : "No pudimos registrar el pedido: escribinos en este canal o a soporte."
        }
        let priority = NoticeText.priority(ticket.priority, english: en)
        let due = NoticeText.slackDate(ticket.firstResponseDue)
        return en ? "Ticket \(ticket.number) registered — priority \(priority), first response by \(due)."
            : "Ticket \(ticket.number) registrado — prioridad \(priority), primera respuesta antes de \(due)."
    }
}
