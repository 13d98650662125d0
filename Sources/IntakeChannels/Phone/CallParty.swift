import IntakeCore

/// Who is at one end of a call, as far as the number tells.
enum CallParty: Equatable {
    /// A customer-facing number, normalized.
    case number(String)
    /// A PBX extension: staff, never a customer.
    case internalExtension(String)
    /// Withheld or unreadable (`anonymous`, `s`, empty), kept as written.
    case unknown(String)

    init(_ raw: String, defaultCountry: String, localArea: String? = nil) {
        switch E164.read(raw, defaultCountry: defaultCountry, areaCode: localArea) {
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
