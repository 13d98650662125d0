import IntakeCore

/// A caller ID as Asterisk shows it (`clid`, `CALLERID(all)`): `"Juan Perez" <5491152769999>`, also
/// `Juan Perez <5491152769999>`, `<5491152769999>` or a bare number; and as XiVO's call logs write it,
/// the number in parentheses: `Juan Perez (5491152769999)`.
public struct CallerID: Sendable, Equatable {
    /// The display name; nil when absent or when it only repeats the number.
    public var name: String?
    public var number: String?

    public init(name: String?, number: String?) {
        self.name = name
        self.number = number
    }

    public init(_ clid: String) {
        let text = clid.trimmingWhitespace()
        var nameText = text
        var numberText: String?
        if let open = text.lastIndex(of: "<"), let close = text[open...].firstIndex(of: ">") {
            numberText = String(text[text.index(after: open)..<close]).trimmingWhitespace()
            nameText = String(text[..<open])
        } else if E164.read(text) != nil {
            numberText = text
            nameText = ""
        } else if text.hasSuffix(")"), let open = text.lastIndex(of: "("),
                  case let inner = text[text.index(after: open)..<text.index(before: text.endIndex)],
                  E164.read(String(inner)) != nil {
            numberText = inner.trimmingWhitespace()
            nameText = String(text[..<open])
        }
        var name = nameText.trimmingWhitespace()
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            name = String(name.dropFirst().dropLast()).trimmingWhitespace()
        }
        let repeatsNumber = !name.isEmpty && (E164.read(name) != nil || name.lowercased() == numberText?.lowercased())
        self.name = name.isEmpty || repeatsNumber || Self.isWithheld(name) ? nil : name
        self.number = numberText.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// What PBXs and carriers show for a caller who withheld their number (`"Anonymous" <anonymous>`,
    /// `Restricted`, Spanish `Privado`): no name, or every such call would read `Restricted (Restricted)`.
    static let withheldWords: Set<String> = [
        "anonymous", "anonimo", "anónimo", "restricted", "private", "privado", "número privado", "numero privado",
        "unknown", "desconocido", "unavailable", "no disponible", "withheld", "oculto", "número oculto",
    ]

    /// Also Asterisk's own placeholder for an absent name, `<unknown>` (AMI, `CALLERID(name)` unset).
    static func isWithheld(_ text: String) -> Bool {
        let lower = text.lowercased()
        return withheldWords.contains(lower) || lower == "<unknown>"
    }
}
