import IntakeCore
import IntakeOutbound

/// The ephemeral answers to `/soporte`, in the language of the customer whose channel it is typed in: the
/// ticket with its priority and deadline, or how to use the command.
/// The deadline is Slack's date token, as in the channel's ticket notice, so each reader sees it in their
/// own time zone rather than as a raw UTC timestamp inside Spanish prose.
enum SlashCommandReply {
    static func text(_ ticket: Ticket?, locale: String, timeZone: LocalTimeZone) -> String {
        let en = locale.lowercased().hasPrefix("en")
        guard let ticket else {
            return en ? "We could not register the request: please write in this channel or to support."
                : "No pudimos registrar el pedido: escribinos en este canal o a soporte."
        }
        let priority = NoticeText.priority(ticket.priority, english: en)
        // A ticket outside the service agreement (contract inactive or suspended) is promised no deadline.
        guard !ticket.flags.contractInactive else {
            return en ? "Ticket \(ticket.number) registered — priority \(priority)." : "Ticket \(ticket.number) registrado — prioridad \(priority)."
        }
        let due = NoticeText.slackDate(ticket.firstResponseDue, offset: timeZone.offsetSeconds(at: ticket.firstResponseDue), english: en)
        return en ? "Ticket \(ticket.number) registered — priority \(priority), first response by \(due)."
            : "Ticket \(ticket.number) registrado — prioridad \(priority), primera respuesta antes de \(due)."
    }

    /// The answer to a command with nothing to report (`/soporte` alone, or only a priority) or that
    /// asks for help (`/soporte ayuda`): how to use it, instead of a ticket.
    static func usage(for messages: [InboundMessage], locale: String) -> String? {
        guard messages.count == 1, let m = messages.first, m.attachments.isEmpty else { return nil }
        let text = (m.text ?? "").trimmingWhitespace().lowercased()
        guard text.isEmpty || ["help", "ayuda", "?", "-h", "--help"].contains(text) else { return nil }
        let command = m.metadata["command"]?.stringValue ?? "/soporte"
        if locale.lowercased().hasPrefix("en") {
            return "Tell us what is happening: \(command) [critical|high|medium|low] description of the problem "
                + "(for example: \(command) high calls are not reaching the sales queue)."
        }
        return "Contanos qué pasa: \(command) [critica|alta|media|baja] descripción del problema "
            + "(por ejemplo: \(command) alta no entran llamadas a la cola de ventas)."
    }
}
