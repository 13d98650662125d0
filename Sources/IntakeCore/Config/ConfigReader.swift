/// Reads one JSON object of the configuration, remembering which keys were read so `finish()` can
/// refuse unknown ones. Every error carries the full dotted key path.
struct ConfigReader {
    let value: JSONValue
    let path: String
    private var seen: Set<String> = []

    init(_ value: JSONValue, path: String) {
        self.value = value
        self.path = path
    }

    private func key(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    func object() throws(ConfigError) {
        guard case .object = value else { throw ConfigError(key: path, problem: "expected a JSON object") }
    }

    func has(_ name: String) -> Bool { value[name] != nil }

    private mutating func raw(_ name: String) -> JSONValue? {
        seen.insert(name)
        guard let v = value[name], !v.isNull else { return nil }
        return v
    }

    mutating func string(_ name: String) throws(ConfigError) -> String? {
        guard let v = raw(name) else { return nil }
        guard let s = v.stringValue else { throw ConfigError(key: key(name), problem: "expected a string") }
        return s
    }

    mutating func url(_ name: String) throws(ConfigError) -> String? {
        guard let s = try string(name) else { return nil }
        guard s.contains("://") else { throw ConfigError(key: key(name), problem: "`\(s)` is not a URL") }
        return s.hasSuffix("/") ? String(s.dropLast()) : s
    }

    mutating func bool(_ name: String) throws(ConfigError) -> Bool? {
        guard let v = raw(name) else { return nil }
        guard let b = v.boolValue else { throw ConfigError(key: key(name), problem: "expected true or false") }
        return b
    }

    mutating func number(_ name: String) throws(ConfigError) -> Double? {
        guard let v = raw(name) else { return nil }
        guard case .number(let n) = v else { throw ConfigError(key: key(name), problem: "expected a number") }
        return n
    }

    mutating func int(_ name: String, range: ClosedRange<Int>) throws(ConfigError) -> Int? {
        guard let n = try number(name) else { return nil }
        guard n == n.rounded(), let i = Int(exactly: n), range.contains(i) else {
            throw ConfigError(key: key(name), problem: "expected a whole number in \(range.lowerBound)...\(range.upperBound)")
        }
        return i
    }

    /// A duration: `"2h"`, `"30m"`, `"4d"`, `"45s"` or a number of seconds.
    mutating func duration(_ name: String) throws(ConfigError) -> Int64? {
        guard let v = raw(name) else { return nil }
        guard let text = v.textValue, let d = SLAPolicy.parseDuration(text) else {
            throw ConfigError(key: key(name), problem: "expected a duration like \"2h\", \"30m\", \"4d\" or seconds")
        }
        return d
    }

    mutating func seconds(_ name: String) throws(ConfigError) -> Double? {
        guard let v = raw(name) else { return nil }
        if case .number(let n) = v, n > 0 { return n }
        guard let text = v.stringValue, let d = SLAPolicy.parseDuration(text) else {
            throw ConfigError(key: key(name), problem: "expected a positive duration like \"5s\" or a number of seconds")
        }
        return Double(d)
    }

    mutating func oneOf(_ name: String, _ allowed: [String]) throws(ConfigError) -> String? {
        guard let s = try string(name) else { return nil }
        guard allowed.contains(s.lowercased()) else {
            throw ConfigError(key: key(name), problem: "`\(s)` is not one of \(allowed.joined(separator: ", "))")
        }
        return s.lowercased()
    }

    mutating func array(_ name: String) throws(ConfigError) -> [JSONValue]? {
        guard let v = raw(name) else { return nil }
        guard let a = v.arrayValue else { throw ConfigError(key: key(name), problem: "expected an array") }
        return a
    }

    mutating func strings(_ name: String) throws(ConfigError) -> [String]? {
        guard let a = try array(name) else { return nil }
        var out: [String] = []
        for item in a {
            guard let s = item.stringValue else { throw ConfigError(key: key(name), problem: "expected an array of strings") }
            out.append(s)
        }
        return out
    }

    mutating func section(_ name: String) throws(ConfigError) -> ConfigReader? {
        guard let v = raw(name) else { return nil }
        let reader = ConfigReader(v, path: key(name))
        try reader.object()
        return reader
    }

    /// Refuses keys nobody read: a typo must not fall back silently to a default. Keys starting with
    /// `_` or `#` are comments.
    func finish() throws(ConfigError) {
        guard case .object(let o) = value else { return }
        for k in o.keys where !seen.contains(k) && !k.hasPrefix("_") && !k.hasPrefix("#") {
            throw ConfigError(key: key(k), problem: "unknown key")
        }
    }
}
