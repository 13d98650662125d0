import IntakeCore

/// A monitoring system's alert mail, told by its subject: what it is about (a host and service, a
/// trigger, a monitor) and whether it reports a problem or its recovery. A customer's monitoring sends a
/// problem, notifies it again, then sends its recovery, each a mail of its own with no `References`: one
/// matter, so one ticket, found by the alert's key (`MessageRefs`). The default subjects of:
/// - Nagios and Icinga 1: `** PROBLEM Service Alert: web01/HTTP is CRITICAL **`, `** RECOVERY Host Alert: web01 is UP **`;
/// - Icinga 2: `[PROBLEM] HTTP on web01 is CRITICAL!`, `[RECOVERY] ...`;
/// - Zabbix: `Problem: High CPU on web01`, `Resolved: ...`, `Resolved in 5m 0s: ...`, older `PROBLEM:`/`OK:`;
/// - Prometheus Alertmanager and Grafana: `[FIRING:2] HighCPU (web01)`, `[RESOLVED] HighCPU (web01)`;
/// - UptimeRobot: `Monitor is DOWN: Portal`, `Monitor is UP: Portal`.
enum MonitoringAlert {
    enum State: String {
        case problem
        case recovery
    }

    /// The alert's key (lowercased) and state, or nil for a subject that is no alert.
    static func read(subject: String) -> (key: String, state: State)? {
        var s = subject.trimmingWhitespace()
        if s.hasPrefix("**"), s.hasSuffix("**"), s.count > 4 {
            s = String(s.dropFirst(2).dropLast(2)).trimmingWhitespace()
            guard let alert = s.range(of: " Alert: ") else { return nil }
            let words = s[..<alert.lowerBound].split(separator: " ")
            guard words.count == 2, let state = state(String(words[0])), ["host", "service"].contains(words[1].lowercased()) else { return nil }
            return key(beforeLastIs: s[alert.upperBound...]).map { ("nagios:\(words[1].lowercased()):\($0)", state) }
        }
        if s.hasPrefix("["), let close = s.firstIndex(of: "]") {
            let label = s[s.index(after: s.startIndex)..<close].split(separator: ":").first.map(String.init) ?? ""
            let rest = s[s.index(after: close)...].trimmingWhitespace()
            guard let state = state(label), !rest.isEmpty else { return nil }
            if ["firing", "resolved"].contains(label.lowercased()) { return ("alertmanager:" + rest.lowercased(), state) }
            return key(beforeLastIs: Substring(rest)).map { ("icinga:" + $0, state) }
        }
        if s.lowercased().hasPrefix("monitor is "), let colon = s.firstIndex(of: ":") {
            let word = s[s.index(s.startIndex, offsetBy: 11)..<colon].trimmingWhitespace().lowercased()
            let name = s[s.index(after: colon)...].trimmingWhitespace()
            guard !name.isEmpty, let state: State = word == "down" ? .problem : word == "up" ? .recovery : nil else { return nil }
            return ("uptimerobot:" + name.lowercased(), state)
        }
        if let colon = s.firstIndex(of: ":") {
            let label = s[..<colon].trimmingWhitespace()
            let name = s[s.index(after: colon)...].trimmingWhitespace()
            let lower = label.lowercased()
            let state: State? = switch lower {
            case "problem": .problem
            case "resolved", "ok": .recovery
            default: lower.hasPrefix("resolved in ") ? .recovery : nil
            }
            // Zabbix's word is its own (`Problem:` the way Zabbix writes it, not a person's `problema:`).
            guard let state, !name.isEmpty, label == "Problem" || label == "PROBLEM" || state == .recovery else { return nil }
            return ("zabbix:" + name.lowercased(), state)
        }
        return nil
    }

    private static func state(_ word: String) -> State? {
        switch word.uppercased() {
        case "PROBLEM", "FIRING", "FLAPPINGSTART", "DOWNTIMESTART": .problem
        case "RECOVERY", "RESOLVED", "OK", "FLAPPINGSTOP": .recovery
        default: nil
        }
    }

    /// `web01/HTTP is CRITICAL` → `web01/http`.
    private static func key(beforeLastIs text: Substring) -> String? {
        guard let range = text.range(of: " is ", options: .backwards) else { return nil }
        let key = text[..<range.lowerBound].trimmingWhitespace()
        return key.isEmpty ? nil : key.lowercased()
    }
}
