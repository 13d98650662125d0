/// Where a mail's text is when it has none of its own: a winmail.dat, an RTF body, a named text part, a
/// forwarded message (a message/rfc822 part, or one inside a winmail.dat).
extension MIMEMessage {
    /// The body of the mail's own winmail.dat (`TNEFReader.Body`): Outlook, sending rich text, may put the
    /// whole body there, compressed RTF only, with no text part or an empty one beside it.
    static func tnefText(_ root: MIMEPart, fromHTML: inout Bool) -> String? {
        for part in root.ownParts where part.isTNEF && !part.isMultipart {
            guard let body = TNEFReader.contents(part.content).body.text else { continue }
            if body.isHTML { fromHTML = true }
            return body.text
        }
        return nil
    }

    /// The text of the mail's own RTF body (`text/rtf` or `application/rtf`, no file): what some gateways
    /// turn a winmail.dat into, and what older Windows mailers send alone. An RTF document a customer
    /// attaches has a filename and is no body.
    static func rtfText(_ root: MIMEPart, fromHTML: inout Bool) -> String? {
        for part in root.ownParts where !part.isMultipart && ["text/rtf", "application/rtf"].contains(part.contentType.mimeType) {
            guard part.disposition?.isAttachment != true, part.filename == nil,
                  let body = RTFText.visibleText(part.content)
            else { continue }
            if body.isHTML { fromHTML = true }
            return body.text
        }
        return nil
    }

    /// The first text/plain or text/html part with a filename but not marked as an attachment, with that
    /// filename: phones, MMS gateways and scanners send their text so (`text/plain; name="mensaje.txt"`).
    /// Read only when the mail has no other text; encapsulated messages are not looked into.
    static func namedText(
        _ part: MIMEPart, fromHTML: inout Bool, warnings: inout [String]
    ) -> (text: String, filename: String)? {
        if part.contentType.isMessage { return nil }
        if let signed = part.signedEntity { return namedText(signed, fromHTML: &fromHTML, warnings: &warnings) }
        if part.isMultipart {
            for child in part.children {
                if let found = namedText(child, fromHTML: &fromHTML, warnings: &warnings) { return found }
            }
            return nil
        }
        let type = part.contentType
        guard type.type == "text", type.subtype == "plain" || type.subtype == "html",
              part.disposition?.isAttachment != true, let filename = part.filename
        else { return nil }
        let text = part.text(warnings: &warnings)
        guard !text.allSatisfy(\.isWhitespace) else { return nil }
        if type.subtype == "html" { fromHTML = true }
        return (type.subtype == "html" ? HTMLText.text(text) : text, filename)
    }

    /// The text of the first encapsulated message, under the header lines a client writes when it forwards
    /// inline: for a mail whose only content is a forwarded message (Outlook's and Thunderbird's "forward as
    /// attachment" with nothing written), the request is in there. Nil when there is none or it has no text.
    static func forwardedText(_ root: MIMEPart, fromHTML: inout Bool, warnings: inout [String]) -> String? {
        guard let forwarded = root.allParts.first(where: \.contentType.isMessage)?.children.first else { return nil }
        return forwardedText(of: forwarded, fromHTML: &fromHTML, warnings: &warnings)
    }

    /// The text of the first message attached inside the mail's own winmail.dat (`TNEFReader.files`):
    /// Outlook forwarding a mail as an attachment from a rich-text message puts it there, not in a
    /// message/rfc822 part.
    static func tnefForwardedText(_ root: MIMEPart, fromHTML: inout Bool, warnings: inout [String]) -> String? {
        for part in root.ownParts where part.isTNEF && !part.isMultipart {
            let files = TNEFReader.files(part.content)
            guard let message = files.first(where: { $0.contentType == "message/rfc822" }) else { continue }
            return forwardedText(of: MIMEMessage.parse(message.content).root, fromHTML: &fromHTML, warnings: &warnings)
        }
        return nil
    }

    /// A forwarded message's text under the header lines a client writes when it forwards inline. A
    /// forwarded message with no text of its own (none, or blank, as Outlook's "forward as attachment"
    /// leaves it) that carries another message gives that one's text, each level under its own header
    /// lines, as nested inline forwards read: a colleague passing on, with nothing written, the monitoring
    /// alert someone forwarded to them.
    static func forwardedText(of forwarded: MIMEPart, fromHTML: inout Bool, warnings: inout [String]) -> String? {
        var body = text(of: forwarded, fromHTML: &fromHTML, warnings: &warnings)
        if body?.allSatisfy(\.isWhitespace) ?? true,
           let inner = forwarded.ownParts.first(where: \.contentType.isMessage)?.children.first,
           let innerText = forwardedText(of: inner, fromHTML: &fromHTML, warnings: &warnings)
        {
            body = innerText
        }
        guard let body else { return nil }
        var lines = ["---------- Forwarded message ----------"]
        for name in ["From", "Date", "Subject", "To"] {
            if let value = forwarded.headers.decoded(name, warnings: &warnings) { lines.append("\(name): \(value)") }
        }
        return lines.joined(separator: "\n") + "\n\n" + body
    }
}
