extension CustomerDirectory {
    /// Reads `{"customers": [...]}` (or a bare array). Errors name the entry and the key.
    public init(json: JSONValue) throws(ConfigError) {
        let list: [JSONValue]
        if let a = json.arrayValue {
            list = a
        } else if let a = json["customers"]?.arrayValue {
            list = a
        } else {
            throw ConfigError(key: "customers", problem: "expected an array of customers")
        }
        var customers: [Customer] = []
        for (i, entry) in list.enumerated() {
            customers.append(try Self.customer(entry, at: "customers[\(i)]"))
        }
        self.init(customers: customers)
    }

    private static func customer(_ v: JSONValue, at path: String) throws(ConfigError) -> Customer {
        guard case .object = v else { throw ConfigError(key: path, problem: "expected an object") }
        guard let id = v["id"]?.stringValue, !id.isEmpty else { throw ConfigError(key: "\(path).id", problem: "missing customer id") }
        let name = v["name"]?.stringValue ?? id
        var contract = Customer.ContractStatus.active
        if let c = v["contract"]?.stringValue ?? v["contract_status"]?.stringValue {
            guard let status = Customer.ContractStatus(rawValue: c.lowercased()) else {
                throw ConfigError(key: "\(path).contract", problem: "`\(c)` is not active, inactive or suspended")
            }
            contract = status
        }
        var floor: Priority?
        if let f = v["priority_floor"]?.stringValue {
            guard let p = Priority(word: f) else { throw ConfigError(key: "\(path).priority_floor", problem: "`\(f)` is not a priority") }
            floor = p
        }
        func strings(_ key: String) throws(ConfigError) -> [String] {
            guard let value = v[key], !value.isNull else { return [] }
            guard let items = value.arrayValue else { throw ConfigError(key: "\(path).\(key)", problem: "expected an array of strings") }
            var out: [String] = []
            for item in items {
                guard let s = item.stringValue else { throw ConfigError(key: "\(path).\(key)", problem: "expected an array of strings") }
                out.append(s)
            }
            return out
        }
        var focal: Customer.FocalPoint?
        if let f = v["focal_point"], case .object = f {
            focal = Customer.FocalPoint(name: f["name"]?.stringValue, email: f["email"]?.stringValue, phone: f["phone"]?.stringValue)
        }
        return Customer(
            id: id, name: name, contract: contract, slackChannel: v["slack_channel"]?.stringValue, focalPoint: focal,
            domains: try strings("domains"), emails: try strings("emails"), phones: try strings("phones"),
            whatsapp: try strings("whatsapp"), slackUsers: try strings("slack_users"), priorityFloor: floor,
            locale: v["locale"]?.stringValue ?? "es"
        )
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
                    switch E164.parse(raw) {
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
