import IntakeCore

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
