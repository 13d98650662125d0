import IntakeCore

/// The words of an acknowledgement, in Spanish or English: the ticket, its priority and the deadline
/// for a first answer, shown in the caller's time zone.
enum AcknowledgementText {
    static func body(_ input: Acknowledgement.Input) -> String {
        let tag = input.ticketTag
        let due = input.firstResponseDue.map { deadline($0, offset: input.utcOffsetSeconds, language: input.language) }
        let name = input.recipientName?.trimmingWhitespace() ?? ""
        switch input.language {
        case .es:
            return """
                \(name.isEmpty ? "Hola:" : "Hola, \(name):")

                Recibimos su mensaje y registramos el ticket \(tag).

                Prioridad: \(spanishPriority(input.priority))\(due.map { "\nPrimera respuesta antes del \($0)." } ?? "")

                Para agregar información, responda a este correo conservando [#\(tag)] en el asunto.

                Este es un mensaje automático; no es necesario responderlo.
                """
        case .en:
            return """
                \(name.isEmpty ? "Hello," : "Hello \(name),")

                We received your message and opened ticket \(tag).

                Priority: \(input.priority.rawValue)\(due.map { "\nFirst response by \($0)." } ?? "")

                To add information, reply to this email keeping [#\(tag)] in the subject.

                This is an automatic message; there is no need to answer it.
                """
        }
    }

    static func spanishPriority(_ p: Priority) -> String {
        switch p {
        case .critical: "crítica"
        case .high: "alta"
        case .medium: "media"
        case .low: "baja"
        }
    }

    static let spanishMonths = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                                "octubre", "noviembre", "diciembre"]
    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                                "October", "November", "December"]

    /// `3 de junio de 2024, 14:00 (UTC-03:00)` / `June 3, 2024, 14:00 (UTC-03:00)`.
    static func deadline(_ time: Timestamp, offset: Int, language: Acknowledgement.Language) -> String {
        let iso = time.adding(seconds: Int64(offset)).iso8601
        let parts = iso.split(whereSeparator: { $0 == "-" || $0 == "T" || $0 == ":" })
        guard parts.count >= 5, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return iso }
        let clock = "\(parts[3]):\(parts[4])"
        var zone = "UTC"
        if offset != 0 {
            let minutes = abs(offset) / 60
            zone += (offset < 0 ? "-" : "+") + pad(minutes / 60) + ":" + pad(minutes % 60)
        }
        switch language {
        case .es: return "\(day) de \(spanishMonths[month - 1]) de \(year), \(clock) (\(zone))"
        case .en: return "\(englishMonths[month - 1]) \(day), \(year), \(clock) (\(zone))"
        }
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
