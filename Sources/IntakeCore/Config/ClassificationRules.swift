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

    public var rules: [Rule] {
        didSet { index = PhraseIndex(rules) }
    }
    public var defaultPriority: Priority
    public var defaultType: RequestType
    /// The phrases folded into words once, looked up by their first word: one pass over the text
    /// finds every rule that matches, whatever the number of phrases.
    private var index: PhraseIndex

    public init(rules: [Rule], defaultPriority: Priority = .medium, defaultType: RequestType = .incident) {
        self.rules = rules
        self.defaultPriority = defaultPriority
        self.defaultType = defaultType
        index = PhraseIndex(rules)
    }

    public static func == (a: ClassificationRules, b: ClassificationRules) -> Bool {
        a.rules == b.rules && a.defaultPriority == b.defaultPriority && a.defaultType == b.defaultType
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
        guard text.utf8.contains(UInt8(ascii: "[")) else { return nil }
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
        let joined = [subject, text].compactMap { $0 }.joined(separator: " ")
        var priority: Priority?
        var priorityReason = "default priority \(defaultPriority.rawValue)"
        if let m = Self.marker(in: joined) {
            priority = m
            priorityReason = "explicit marker [\(m.rawValue)]"
        }
        let matches = index.matches(in: Self.words(joined))
        var type: RequestType?
        var typeReason = "default type \(defaultType.rawValue)"
        var typePosition = Int.max
        for (ruleIndex, rule) in rules.enumerated() {
            guard let (phrase, position) = matches[ruleIndex] else { continue }
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

    static func words(_ text: String) -> [String] { TextFolding.words(text) }
}

/// Phrases as word sequences, indexed by their first word.
private struct PhraseIndex: Sendable {
    private var byFirstWord: [String: [(words: [String], rule: Int, phrase: String)]] = [:]

    init(_ rules: [ClassificationRules.Rule]) {
        for (i, rule) in rules.enumerated() {
            for phrase in rule.phrases {
                let words = ClassificationRules.words(phrase)
                guard let first = words.first else { continue }
                byFirstWord[first, default: []].append((words, i, phrase))
            }
        }
    }

    /// For each rule that matches, its first matching phrase and the word position where it starts.
    func matches(in words: [String]) -> [Int: (String, Int)] {
        var found: [Int: (String, Int)] = [:]
        for (position, word) in words.enumerated() {
            guard let candidates = byFirstWord[word] else { continue }
            for c in candidates where found[c.rule] == nil && position + c.words.count <= words.count {
                if words[position..<(position + c.words.count)].elementsEqual(c.words) { found[c.rule] = (c.phrase, position) }
            }
        }
        return found
    }
}
