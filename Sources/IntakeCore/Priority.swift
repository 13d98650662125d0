/// The four priorities of the service agreement, most urgent first.
public enum Priority: String, Sendable, CaseIterable, Comparable, Codable {
    /// The whole system is blocked.
    case critical
    /// Functions down, the system unusable.
    case high
    /// Functions affected, still usable.
    case medium
    /// Minor; normal operation goes on.
    case low

    /// 0 for critical ... 3 for low.
    public var rank: Int {
        switch self {
        case .critical: 0
        case .high: 1
        case .medium: 2
        case .low: 3
        }
    }

    public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rank > rhs.rank }

    /// Reads English and Spanish names (`critica`, `crítica`, `alta`, `media`, `baja`, `urgente`).
    public init?(word: String) {
        switch word.lowercased().folding() {
        case "critical", "critica", "critico", "urgente", "urgent", "p1": self = .critical
        case "high", "alta", "alto", "p2": self = .high
        case "medium", "media", "medio", "normal", "p3": self = .medium
        case "low", "baja", "bajo", "p4": self = .low
        default: return nil
        }
    }
}

/// The four request types the service agreement names.
public enum RequestType: String, Sendable, CaseIterable, Codable {
    case incident
    case changeRequest = "change_request"
    case adjustment
    case query

    public init?(word: String) {
        switch word.lowercased().folding() {
        case "incident", "incidente", "incidencia": self = .incident
        case "change_request", "change", "cambio", "change request", "solicitud de cambio": self = .changeRequest
        case "adjustment", "ajuste": self = .adjustment
        case "query", "consulta", "question", "pregunta": self = .query
        default: return nil
        }
    }
}

/// A ticket's life: new until someone answers, open while worked, pending on the customer, then resolved
/// and closed.
public enum TicketStatus: String, Sendable, CaseIterable, Codable {
    case new
    case open
    case pending
    case resolved
    case closed

    /// Open statuses still count against the SLA.
    public var isOpen: Bool { self == .new || self == .open || self == .pending }

    /// A status as an operator or a desk writes it, in English or Spanish (`resuelto`, `cerrado`), or as
    /// Zammad names its states (`pending reminder`, `merged`).
    public init?(word: String) {
        switch word.lowercased().folding().trimmingWhitespace() {
        case "new", "nuevo", "nueva": self = .new
        case "open", "abierto", "abierta", "en curso", "in progress": self = .open
        case "pending", "pendiente", "pending reminder", "pending close", "en espera", "waiting": self = .pending
        case "resolved", "resuelto", "resuelta", "solved", "solucionado": self = .resolved
        case "closed", "cerrado", "cerrada", "merged": self = .closed
        default: return nil
        }
    }
}

extension String {
    /// Lowercase-insensitive comparison helper: strips Spanish accents (á→a, ñ→n) so rules match either way.
    public func folding() -> String {
        var out = String.UnicodeScalarView()
        for s in unicodeScalars {
            switch s {
            case "á", "à", "ä", "â": out.append("a")
            case "é", "è", "ë", "ê": out.append("e")
            case "í", "ì", "ï", "î": out.append("i")
            case "ó", "ò", "ö", "ô": out.append("o")
            case "ú", "ù", "ü", "û": out.append("u")
            case "ñ": out.append("n")
            case "Á", "À", "Ä", "Â": out.append("A")
            case "É", "È", "Ë", "Ê": out.append("E")
            case "Í", "Ì", "Ï", "Î": out.append("I")
            case "Ó", "Ò", "Ö", "Ô": out.append("O")
            case "Ú", "Ù", "Ü", "Û": out.append("U")
            case "Ñ": out.append("N")
            default: out.append(s)
            }
        }
        return String(out)
    }
}
