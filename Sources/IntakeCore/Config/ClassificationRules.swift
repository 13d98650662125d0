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
        let hasBracket = text.utf8.withContiguousStorageIfAvailable { $0.contains(UInt8(ascii: "[")) } ?? text.utf8.contains(UInt8(ascii: "["))
        guard hasBracket else { return nil }
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
        let joined = switch (subject, text) {
        case let (subject?, text?): subject + " " + text
        case let (subject?, nil): subject
        case let (nil, text?): text
        case (nil, nil): ""
        }
        // The reasons are worded once, at the end: a marker, else the deciding rule, else the default.
        let marker = Self.marker(in: joined)
        var priority = marker
        var priorityMatch: (rule: String, phrase: String)?
        let matches = index.matches(in: TextFolding.foldedWords(joined), ruleCount: rules.count)
        var type: RequestType?
        var typeMatch: (rule: String, phrase: String)?
        var typePosition = Int.max
        for (ruleIndex, rule) in rules.enumerated() {
            guard let (phrase, position) = matches[ruleIndex] else { continue }
            if let p = rule.priority, marker == nil, priority.map({ p > $0 }) ?? true {
                priority = p
                priorityMatch = (rule.name, phrase)
            }
            // The type is what the sender says first ("Consulta: ¿cómo cambio...?" is a query).
            if let t = rule.requestType, position < typePosition {
                type = t
                typePosition = position
                typeMatch = (rule.name, phrase)
            }
        }
        let priorityReason = if let marker {
            "explicit marker [\(marker.rawValue)]"
        } else if let m = priorityMatch {
            "rule `\(m.rule)` matched \"\(m.phrase)\""
        } else {
            "default priority \(defaultPriority.rawValue)"
        }
        let typeReason = if let m = typeMatch { "rule `\(m.rule)` matched \"\(m.phrase)\"" } else { "default type \(defaultType.rawValue)" }
        return Decision(priority: priority ?? defaultPriority, requestType: type ?? defaultType,
                        priorityReason: priorityReason, typeReason: typeReason)
    }
}

/// Phrases as folded words (`TextFolding.foldedWords`: one space between words), indexed by a hash of
/// their first word. Matching walks the folded text's words once, without making a `String` of each:
/// a candidate matches when its bytes follow at a word start and end at a word boundary, so a hash
/// collision only costs a comparison.
private struct PhraseIndex: Sendable {
    private var byFirstWord: [UInt64: [(folded: [UInt8], rule: Int, phrase: String)]] = [:]
    /// A 256-bit filter of the first words' hashes (top 8 bits): most words of a text are no phrase's
    /// first word, and this answers so without a dictionary lookup.
    private var firstWordFilter = [UInt64](repeating: 0, count: 4)

    init(_ rules: [ClassificationRules.Rule]) {
        for (i, rule) in rules.enumerated() {
            for phrase in rule.phrases {
                let folded = TextFolding.foldedWords(phrase)
                guard !folded.isEmpty else { continue }
                let firstWord = folded.firstIndex(of: 0x20) ?? folded.endIndex
                let hash = folded.withUnsafeBufferPointer { Self.hash($0, 0, firstWord) }
                byFirstWord[hash, default: []].append((folded, i, phrase))
                firstWordFilter[Int(hash >> 62)] |= 1 << (hash >> 56 & 63)
            }
        }
    }

    /// For each rule (by index) that matches, its first matching phrase and the word position where it
    /// starts; nil for the others.
    func matches(in folded: [UInt8], ruleCount: Int) -> [(String, Int)?] {
        var found = [(String, Int)?](repeating: nil, count: ruleCount)
        folded.withUnsafeBufferPointer { text in
            let filter = (firstWordFilter[0], firstWordFilter[1], firstWordFilter[2], firstWordFilter[3])
            var position = 0
            var start = 0
            while start < text.count {
                var end = start
                while end < text.count, text[end] != 0x20 { end += 1 }
                let hash = Self.hash(text, start, end)
                let bits = switch hash >> 62 { case 0: filter.0; case 1: filter.1; case 2: filter.2; default: filter.3 }
                if bits & 1 << (hash >> 56 & 63) != 0, let candidates = byFirstWord[hash] {
                    for c in candidates where found[c.rule] == nil && Self.phrase(c.folded, isAt: start, in: text) {
                        found[c.rule] = (c.phrase, position)
                    }
                }
                position += 1
                start = end + 1
            }
        }
        return found
    }

    /// Whether `phrase` is at `start` of `text` and ends where a word does.
    private static func phrase(_ phrase: [UInt8], isAt start: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let end = start + phrase.count
        guard end <= text.count, end == text.count || text[end] == 0x20 else { return false }
        return phrase.withUnsafeBufferPointer { p in
            for k in 0..<p.count where p[k] != text[start + k] { return false }
            return true
        }
    }

    /// FNV-1a (64-bit) of `bytes[start..<end]`.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in start..<end { h = (h ^ UInt64(bytes[i])) &* 0x100_0000_01b3 }
        return h
    }
}
