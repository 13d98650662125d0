/// The plain-text alternative some mailers write instead of the text: PHPMailer's `To view this email
/// message, open it in a program that understands HTML!` (its default when a script gives no `AltBody`,
/// which web forms, shops and monitoring scripts seldom do), older versions' `To view the message, please
/// use an HTML compatible email viewer!`, and the Spanish and Portuguese phrasings of the same. The
/// message is in the HTML alternative (RFC 2046 §5.1.4 has both carry the same content); read as the
/// text, a support ticket would say only "use an HTML viewer".
enum HTMLPlaceholder {
    /// Whether the whole text (short, as a placeholder is) says only to read the mail as HTML.
    static func isPlaceholder(_ text: String) -> Bool {
        let lower = text.trimmingSpaces().lowercased()
        guard lower.count < 200, lower.contains("html") else { return false }
        // A whole word each: `compatible con HTML5` is a customer's question, not the placeholder.
        return phrases.contains { phrase in
            guard let range = lower.range(of: phrase) else { return false }
            let next = lower[range.upperBound...].first
            return !(next?.isLetter == true || next?.isNumber == true)
        }
    }

    static let phrases = [
        "program that understands html", "html compatible", "html-compatible", "does not support html",
        "doesn't support html", "compatible con html", "compatible con el formato html", "no soporta html",
        "no admite html", "compatível com html", "não suporta html",
    ]
}
