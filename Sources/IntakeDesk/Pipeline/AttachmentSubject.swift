import IntakeCore

/// The subject of a ticket opened by a message with no subject and no text, only media (a WhatsApp voice
/// note or photo, a Slack file without a comment): what was sent, so the ticket list and the desk show
/// more than an empty line. Spanish, as the missed-call subjects are.
enum AttachmentSubject {
    static func of(_ m: InboundMessage) -> String? {
        guard let first = m.attachments.first else { return nil }
        let more = m.attachments.count > 1 ? " (+\(m.attachments.count - 1))" : ""
        if let name = first.filename?.trimmingWhitespace(), !name.isEmpty { return "Adjunto: " + name + more }
        if m.metadata["voice"]?.boolValue == true { return "Mensaje de voz" + more }
        let type = first.contentType?.lowercased() ?? ""
        let what = type.hasPrefix("image/") ? "Imagen" : type.hasPrefix("audio/") ? "Audio" : type.hasPrefix("video/") ? "Video" : "Archivo adjunto"
        return what + more
    }
}
