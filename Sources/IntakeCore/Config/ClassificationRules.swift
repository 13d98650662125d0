/// Configurable keyword rules that set a ticket's priority and request type from its subject and text,
/// in Spanish and English. Matching is case- and accent-insensitive on word boundaries; explicit markers
/// such as `[CRITICA]` or `[P1]` win over keywords; the most urgent matching rule wins.
public struct ClassificationRules: Sendable, Equatable {
    public struct Rule: Sendable, Equatable {
        public var name: String
        public var phrases: [String]
        public var priority: Priority?
        public var requestType: RequestType?

        public init(name: String, phrases: [String], priority: Priority? = nil, requestType: RequestType? = nil) {
            self.name = name
            self.phrases = phrases
            self.priority = priority
            self.requestType = requestType
        }
    }

    public var rules: [Rule]
    public var defaultPriority: Priority
    public var defaultType: RequestType

    public init(rules: [Rule], defaultPriority: Priority = .medium, defaultType: RequestType = .incident) {
        self.rules = rules
        self.defaultPriority = defaultPriority
        self.defaultType = defaultType
    }

    /// The agreement's wording, in both languages.
    public static let standard = ClassificationRules(rules: [
        Rule(name: "system down", phrases: [
            "sistema caido", "sistema caída", "se cayo todo", "no funciona nada", "todo caido", "caida total",
            "plataforma caida", "servicio caido", "no anda nada", "bloqueo total", "sistema bloqueado",
            "todo el sistema", "system down", "system is down", "whole system", "everything is down", "nothing works",
            "outage", "completely down",
        ], priority: .critical, requestType: .incident),
        Rule(name: "urgent", phrases: ["urgente", "urgent", "asap", "emergencia", "emergency"], priority: .high),
        Rule(name: "function down", phrases: [
            "no funciona", "no anda", "no podemos", "no puedo", "caido", "caída", "error", "falla", "no carga",
            "inutilizable", "not working", "doesn't work", "does not work", "broken", "cannot", "can't", "unusable",
        ], priority: .high, requestType: .incident),
        Rule(name: "degraded", phrases: ["lento", "intermitente", "a veces", "slow", "intermittent", "degradado"],
             priority: .medium, requestType: .incident),
        Rule(name: "change request", phrases: [
            "cambio", "solicitud de cambio", "nueva funcionalidad", "agregar", "alta de", "change request",
            "new feature", "please add", "habilitar",
        ], priority: .low, requestType: .changeRequest),
        Rule(name: "adjustment", phrases: ["ajuste", "ajustar", "modificar", "configurar", "adjust", "tweak", "reconfigure"],
             priority: .low, requestType: .adjustment),
        Rule(name: "query", phrases: [
            "consulta", "pregunta", "como hago", "cómo", "duda", "quisiera saber", "question", "how do i", "how to",
            "informacion", "información",
        ], priority: .low, requestType: .query),
    ])

    /// Explicit priority markers: `[CRITICA]`, `[Alta]`, `[P2]`, `[URGENTE]`, `[low]`.
    public static func marker(in text: String) -> Priority? {
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "[") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "]") else { return nil }
            if let p = Priority(word: String(after[..<close]).trimmingWhitespace()) { return p }
            rest = after[after.index(after: close)...]
        }
        return nil
    }

    public struct Decision: Sendable, Equatable {
        public var priority: Priority
        public var requestType: RequestType
        public var priorityReason: String
        public var typeReason: String
    }

    public func classify(subject: String?, text: String?) -> Decision {
        let haystack = " " + Self.fold([subject, text].compactMap { $0 }.joined(separator: " ")) + " "
        var priority: Priority?
        var priorityReason = "default priority \(defaultPriority.rawValue)"
        if let m = Self.marker(in: [subject, text].compactMap { $0 }.joined(separator: " ")) {
            priority = m
            priorityReason = "explicit marker [\(m.rawValue)]"
        }
        var type: RequestType?
        var typeReason = "default type \(defaultType.rawValue)"
        var typePosition = Int.max
        for rule in rules {
            guard let (phrase, position) = Self.firstMatch(of: rule.phrases, in: haystack) else { continue }
            if let p = rule.priority, priority == nil || (p > priority! && !priorityReason.hasPrefix("explicit")) {
                priority = p
                priorityReason = "rule `\(rule.name)` matched \"\(phrase)\""
            }
            // The type is what the sender says first ("Consulta: ¿cómo cambio...?" is a query).
            if let t = rule.requestType, position < typePosition {
                type = t
                typePosition = position
                typeReason = "rule `\(rule.name)` matched \"\(phrase)\""
            }
        }
        return Decision(priority: priority ?? defaultPriority, requestType: type ?? defaultType,
                        priorityReason: priorityReason, typeReason: typeReason)
    }

    /// The phrase of `phrases` that occurs first in `haystack` (whole words), with its offset.
    static func firstMatch(of phrases: [String], in haystack: String) -> (String, Int)? {
        var best: (String, Int)?
        for phrase in phrases {
            guard let range = haystack.range(of: " " + fold(phrase) + " ") else { continue }
            let offset = haystack.distance(from: haystack.startIndex, to: range.lowerBound)
            if best == nil || offset < best!.1 { best = (phrase, offset) }
        }
        return best
    }

    /// Lowercase, accents folded, punctuation as spaces, whitespace collapsed.
    static func fold(_ text: String) -> String {
        var out = ""
        var lastSpace = true
        for ch in text.lowercased().folding() {
            if ch.isLetter || ch.isNumber || ch == "'" {
                out.append(ch)
                lastSpace = false
            } else if !lastSpace {
                out.append(" ")
                lastSpace = true
            }
        }
        return out.trimmingWhitespace()
    }
}
