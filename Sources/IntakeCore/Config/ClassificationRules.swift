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

    /// The agreement's wording, in both languages, with what a contact center's staff write for it:
    /// calls that do not come in or go out, agents who cannot log in, no audio. `*` stands for a few
    /// words of any kind (`PhraseIndex`): "se cayó el sistema", "el sistema está caído".
    public static let standard = ClassificationRules(rules: [
        Rule(name: "system down", phrases: [
            "sistema caido", "sistema caída", "sistema * caido", "cayo * sistema", "cayo * plataforma", "plataforma * caida",
            "se cayo todo", "cayeron * servidores", "cayo * servidor", "servidor * caido", "servidores * caidos",
            "no funciona nada", "no anda nada", "todo caido", "caida total", "caida general", "caida masiva",
            "plataforma caida", "servicio caido", "bloqueo total", "sistema bloqueado",
            "sin servicio", "fuera de servicio", "sin sistema", "ningun agente puede", "ningun usuario puede",
            "nadie puede", "no podemos operar", "no podemos trabajar", "operacion detenida", "operacion parada",
            "estamos parados", "system down", "system is down", "whole system", "everything is down", "nothing works",
            "outage", "completely down", "nobody can", "no one can", "we are down",
            "se colgo todo", "se tildo todo", "se trabo todo", "colgo * sistema", "tildo * sistema",
            "call center * parado", "contact center * parado", "no hay sistema", "no hay servicio", "no tenemos sistema",
            "no tenemos servicio",
        ], priority: .critical, requestType: .incident),
        Rule(name: "urgent", phrases: ["urgente", "urgencia", "urgent", "asap", "emergencia", "emergency"], priority: .high),
        Rule(name: "function down", phrases: [
            "no funciona", "no funcionan", "no anda", "no andan", "no podemos", "no puedo", "caido", "caidos", "caída",
            "caidas", "dejo de funcionar", "dejo de andar", "error", "errores", "falla", "fallas", "fallo", "no carga",
            "no responde", "no conecta", "no registra", "no levanta", "no inicia", "no abre", "no permite",
            "no entran * llamadas", "no salen * llamadas", "no ingresan * llamadas", "no recibimos * llamadas",
            "sin audio", "no hay audio", "no tienen audio", "no se escucha", "no se escuchan", "se cortan", "se corta",
            "inutilizable", "not working", "doesn't work", "does not work", "broken", "cannot", "can't", "unable to",
            "unusable", "not responding", "no audio", "calls drop",
            // What Argentina and Chile say of a screen or program that hangs, and of what still does not work.
            "se colgo", "se cuelga", "se cuelgan", "se colgaron", "se tildo", "se tilda", "se tildan", "tildado", "tildada",
            "se trabo", "se traba", "se traban", "trabado", "trabada", "se congelo", "se congela", "congelado", "congelada",
            "se clavo", "se clava", "sin funcionar", "sin andar", "anda mal", "funciona mal", "no se puede", "no se pueden",
            "no tenemos audio", "no escucha", "no escuchan", "no nos escucha", "no nos escuchan", "no marca", "no disca",
            "freezes", "frozen", "hangs", "crashed", "crashes", "crashing", "calls are dropping", "calls dropping",
            "no pueden", "no puede", "se cayo", "no nos entran", "no nos salen", "llamadas no entran", "llamadas no salen",
            "llamadas * no ingresan", "not receiving calls", "calls are not coming in", "calls not coming in",
            "no funca", "no funcan", "sin poder", "no me deja", "no nos deja", "no me carga", "no nos carga", "no me abre",
            "colgado", "colgada", "se pego", "se pega", "quedo pegado", "quedo pegada", "no da tono", "sin tono",
            "no hay tono", "no hay linea", "no esta funcionando", "no estan funcionando", "no esta andando", "no estan andando",
            "no esta cargando", "no esta conectando", "isn't working", "aren't working", "wasn't working", "won't load", "won't connect", "doesn't load",
        ], priority: .high, requestType: .incident),
        Rule(name: "degraded", phrases: [
            "lento", "lenta", "lentitud", "demora", "demoras", "intermitente", "intermitencia", "a veces", "entrecortado",
            "entrecortada", "degradado", "slow", "intermittent", "degraded", "choppy",
        ], priority: .medium, requestType: .incident),
        Rule(name: "change request", phrases: [
            "cambio", "cambios", "cambiar", "solicitud de cambio", "nueva funcionalidad", "agregar", "agreguen", "sumar",
            "incorporar", "alta de", "dar de alta", "den de alta", "nuevo usuario", "nuevos usuarios", "usuario nuevo",
            "crear * usuario", "crear * usuarios", "usuarios nuevos", "nueva campana", "habilitar", "change request",
            "new feature", "please add", "new user", "change the", "change our", "change my", "to change", "please change",
        ], priority: .low, requestType: .changeRequest),
        Rule(name: "adjustment", phrases: [
            "ajuste", "ajustes", "ajustar", "modificar", "modificacion", "configurar", "blanquear", "blanqueo",
            "resetear", "restablecer", "desbloquear", "dar de baja", "reasignar", "adjust", "tweak",
            "reconfigure", "reset password", "reset * password", "password reset", "unlock", "modify",
            "usuario * bloqueado",
        ], priority: .low, requestType: .adjustment),
        Rule(name: "query", phrases: [
            "consulta", "consultar", "consultas", "pregunta", "preguntar", "como hago", "como puedo",
            "como podemos", "duda", "dudas", "quisiera saber", "queria saber", "necesito saber", "pueden indicarme",
            "podrian indicarme", "pueden informarme", "informacion", "información", "question",
            "how do i", "how to", "how can", "is it possible", "donde puedo", "donde descargo", "donde encuentro",
            "where can i", "where do i",
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
