extension CustomerDirectory {
    /// Reads `{"customers": [...]}` (or a bare array). Errors name the entry and the key; an unknown key
    /// (`whatsap`, `priorty_floor`) or a value of the wrong type is refused, as in the gateway's
    /// configuration: read as absent, a typo drops a customer's invited numbers or floor without a word.
    /// Keys starting with `_` are comments. `zoneInfo` gives the TZif bytes of a `time_zone`
    /// (`America/Santiago`) from the system's zoneinfo, nil when there is no such zone.
    public init(json: JSONValue, zoneInfo: (String) -> [UInt8]? = SystemZoneInfo.bytes(named:)) throws(ConfigError) {
        let list: [JSONValue]
        if let a = json.arrayValue {
            list = a
        } else {
            var r = ConfigReader(json, path: "")
            guard case .object = json, let a = try r.array("customers") else {
                throw ConfigError(key: "customers", problem: "expected an array of customers")
            }
            try r.finish()
            list = a
        }
        var customers: [Customer] = []
        for (i, entry) in list.enumerated() {
            customers.append(try Self.customer(entry, at: "customers[\(i)]", zoneInfo: zoneInfo))
        }
        self.init(customers: customers)
    }

    /// The languages of our notices: a customer's `locale` is one of them, alone or with a region (`es-AR`).
    static let locales = ["es", "en"]

    private static func customer(_ v: JSONValue, at path: String, zoneInfo: (String) -> [UInt8]?) throws(ConfigError) -> Customer {
        var r = ConfigReader(v, path: path)
        try r.object()
        guard let id = try r.string("id"), !id.isEmpty else { throw ConfigError(key: "\(path).id", problem: "missing customer id") }
        let name = try r.string("name") ?? id
        var contract = Customer.ContractStatus.active
        // `contract_status` is the older spelling.
        let written = (contract: try r.string("contract"), older: try r.string("contract_status"))
        if let c = written.contract ?? written.older {
            guard let status = Customer.ContractStatus(rawValue: c.lowercased()) else {
                let key = written.contract != nil ? "contract" : "contract_status"
                throw ConfigError(key: "\(path).\(key)", problem: "`\(c)` is not active, inactive or suspended")
            }
            contract = status
        }
        var floor: Priority?
        if let f = try r.string("priority_floor") {
            guard let p = Priority(word: f) else { throw ConfigError(key: "\(path).priority_floor", problem: "`\(f)` is not a priority") }
            floor = p
        }
        var locale = "es"
        if let l = try r.string("locale") {
            let language = l.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
            guard locales.contains(language) else {
                throw ConfigError(key: "\(path).locale", problem: "`\(l)` is not es or en (the languages of our notices)")
            }
            locale = l
        }
        var zone: LocalTimeZone?
        if let name = try r.string("time_zone") {
            switch LocalTimeZone.named(name, zoneInfo: zoneInfo) {
            case .success(let z): zone = z
            case .failure(let problem): throw ConfigError(key: "\(path).time_zone", problem: problem.description)
            }
        }
        var area: String?
        if let written = try r.string("area_code") {
            guard let digits = E164.argentineAreaCode(written) else {
                throw ConfigError(key: "\(path).area_code", problem: "`\(written)` is no Argentine area code (11, 351, 2944: 2 to 4 digits after the 0)")
            }
            area = digits
        }
        var focal: Customer.FocalPoint?
        if var f = try r.section("focal_point") {
            focal = Customer.FocalPoint(name: try f.string("name"), email: try f.string("email"), phone: try f.string("phone"))
            try f.finish()
        }
        let customer = Customer(
            id: id, name: name, contract: contract, slackChannel: try r.string("slack_channel"), focalPoint: focal,
            domains: try r.strings("domains") ?? [], emails: try r.strings("emails") ?? [], phones: try r.strings("phones") ?? [],
            whatsapp: try r.strings("whatsapp") ?? [], slackUsers: try r.strings("slack_users") ?? [], priorityFloor: floor,
            locale: locale, timeZone: zone, areaCode: area
        )
        try r.finish()
        return customer
    }

    /// Problems a support engineer should fix: a number or domain claimed by two customers, a public mail
    /// provider's domain claimed as a customer's, a number that does not normalize, a duplicate id.
    public func problems() -> [String] {
        var problems: [String] = []
        var ids: [String: String] = [:]
        var claims: [String: String] = [:]
        func claim(_ key: String, by customer: String) {
            if let other = claims[key], other != customer {
                problems.append("\(key) is claimed by both \(other) and \(customer)")
            } else {
                claims[key] = customer
            }
        }
        for c in customers {
            if ids[c.id] != nil { problems.append("customer id \(c.id) appears twice") }
            ids[c.id] = c.id
            for d in c.domains {
                if PublicMailDomains.all.contains(d.lowercased()) {
                    problems.append("\(c.id): domain \(d.lowercased()) is a public mail provider's: every sender there would be \(c.id)'s (list the people under `emails`)")
                }
                claim("domain \(d.lowercased())", by: c.id)
            }
            for e in c.emails { claim("email \(e.lowercased())", by: c.id) }
            if let ch = c.slackChannel { claim("slack channel \(ch)", by: c.id) }
            for (kind, numbers) in [("phone", c.phones + [c.focalPoint?.phone].compactMap { $0 }), ("whatsapp", c.whatsapp)] {
                var seen = Set<String>()
                for raw in numbers {
                    let n: String
                    switch E164.parse(raw, areaCode: c.areaCode) {
                    case .success(let number): n = number
                    case .failure(let problem):
                        problems.append("\(c.id): \(kind) number `\(raw)` does not normalize to E.164: it \(problem)")
                        continue
                    }
                    let canonical = E164.lookupVariants(n).sorted().first ?? n
                    if seen.insert(canonical).inserted { claim("number \(canonical)", by: c.id) }
                }
            }
        }
        return problems
    }
}

/// A configuration problem: which key, and what is wrong with it.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String?
    public var key: String
    public var problem: String

    public init(file: String? = nil, key: String, problem: String) {
        self.file = file
        self.key = key
        self.problem = problem
    }

    public var description: String {
        (file.map { "\($0): " } ?? "") + (key.isEmpty ? problem : "`\(key)`: \(problem)")
    }
}
