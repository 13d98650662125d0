/// The tags a mail gateway or a list writes before the sender's own subject: Microsoft 365 and
/// security-gateway rules that mark mail from outside the company (`[EXTERNAL] `, `[EXTERNO] `, `[EXT] `,
/// `*EXTERNAL* `, `EXTERNAL: `), a list's `[soporte] `, a spam filter's `[SPAM?] `. What the sender's
/// client wrote (`RV:`, `Respuesta automática:`) comes after them, so a subject is read for those
/// prefixes without them: `[EXTERNAL] RV: Pedido` is a forward.
public enum SubjectTags {
    /// The subject from its first word that is no such tag.
    public static func droppingLeading(_ subject: String) -> Substring {
        var rest = Substring(subject).drop(while: \.isWhitespace)
        while let tagEnd = leadingTagEnd(rest) {
            rest = rest[tagEnd...].drop(while: \.isWhitespace)
        }
        return rest
    }

    /// Where a leading tag ends: a bracketed one (`[...]`, `(EXTERNAL)`, `*EXTERNAL*`) of up to 40
    /// characters, or an unbracketed external marker with its colon.
    static func leadingTagEnd(_ text: Substring) -> Substring.Index? {
        guard let first = text.first else { return nil }
        if let close = closers[first], let end = text.dropFirst().prefix(40).firstIndex(of: close) {
            let inside = text[text.index(after: text.startIndex)..<end].lowercased()
            guard first == "[" || externalWords.contains(inside.trimmingSpaces()) else { return nil }
            return text.index(after: end)
        }
        let lower = text.prefix(12).lowercased()
        guard let word = externalWords.first(where: { lower.hasPrefix($0 + ":") }) else { return nil }
        return text.index(text.startIndex, offsetBy: word.count + 1)
    }

    static let closers: [Character: Character] = ["[": "]", "(": ")", "*": "*"]

    /// The words of an external-sender tag outside square brackets, where any tag counts.
    static let externalWords: Set<String> = ["external", "externo", "externa", "ext", "exterior"]
}
