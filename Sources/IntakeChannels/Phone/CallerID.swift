import IntakeCore

/// A caller ID as Asterisk shows it (`clid`, `CALLERID(all)`): `"Juan Perez" <5491152769999>`, also
/// `Juan Perez <5491152769999>`, `<5491152769999>` or a bare number.
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
        }
        var name = nameText.trimmingWhitespace()
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            name = String(name.dropFirst().dropLast()).trimmingWhitespace()
        }
        let repeatsNumber = !name.isEmpty && (E164.read(name) != nil || name == numberText)
        self.name = name.isEmpty || repeatsNumber ? nil : name
        self.number = numberText.flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// Who is at one end of a call, as far as the number tells.
enum CallParty: Equatable {
    /// A customer-facing number, normalized.
    case number(String)
    /// A PBX extension: staff, never a customer.
    case internalExtension(String)
    /// Withheld or unreadable (`anonymous`, `s`, empty), kept as written.
    case unknown(String)

    init(_ raw: String, defaultCountry: String) {
        switch E164.read(raw, defaultCountry: defaultCountry) {
        case .e164(let n): self = .number(n)
        case .internalExtension(let ext): self = .internalExtension(ext)
        case nil: self = .unknown(raw.trimmingWhitespace())
        }
    }

    var isExtension: Bool {
        if case .internalExtension = self { return true }
        return false
    }

    var e164: String? {
        if case .number(let n) = self { return n }
        return nil
    }

    /// What identifies the party in a message: the E.164 number, the extension, or the text as written.
    var id: String {
        switch self {
        case .number(let n), .internalExtension(let n): n
        case .unknown(let raw): raw.isEmpty ? "anonymous" : raw
        }
    }
}

/// Which way a call went, seen from the support line.
public enum CallDirection: String, Sendable, Equatable, CaseIterable {
    /// A customer called us.
    case inbound
    /// An extension called out.
    case outbound
    /// Extension to extension.
    case `internal`

    /// Reads `inbound`/`in`/`incoming`/`entrante`, `outbound`/`out`/`outgoing`/`saliente`, `internal`/`interna`.
    public init?(word: String) {
        switch word.trimmingWhitespace().lowercased() {
        case "inbound", "in", "incoming", "entrante", "entrada": self = .inbound
        case "outbound", "out", "outgoing", "saliente", "salida": self = .outbound
        case "internal", "interna", "interno", "local": self = .internal
        default: return nil
        }
    }

    /// From the two ends: a customer calling in is inbound, an extension calling a number is outbound.
    static func between(_ caller: CallParty, _ callee: CallParty) -> CallDirection {
        guard caller.isExtension else { return .inbound }
        return callee.e164 == nil ? .internal : .outbound
    }
}
