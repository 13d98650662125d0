/// First-response deadlines per priority, from the service agreement: critical 2 h, high 4 h,
/// medium 24 h, low 4 days. The table is configurable; these are the defaults.
public struct SLAPolicy: Sendable, Equatable {
    public var firstResponseSeconds: [Priority: Int64]

    public static let agreement = SLAPolicy(firstResponseSeconds: [
        .critical: 2 * 3600,
        .high: 4 * 3600,
        .medium: 24 * 3600,
        .low: 4 * 86_400,
    ])

    public init(firstResponseSeconds: [Priority: Int64]) {
        self.firstResponseSeconds = firstResponseSeconds
    }

    public func firstResponseDue(priority: Priority, from start: Timestamp) -> Timestamp {
        start.adding(seconds: firstResponseSeconds[priority] ?? Self.agreement.firstResponseSeconds[priority]!)
    }

    /// Reads durations such as `"2h"`, `"30m"`, `"4d"`, `"90s"` or a plain number of seconds.
    public static func parseDuration(_ text: String) -> Int64? {
        let t = text.trimmingWhitespace().lowercased()
        guard let last = t.last else { return nil }
        let unit: Int64
        var digits = t
        switch last {
        case "s": unit = 1; digits.removeLast()
        case "m": unit = 60; digits.removeLast()
        case "h": unit = 3600; digits.removeLast()
        case "d": unit = 86_400; digits.removeLast()
        default: unit = 1
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let n = Int64(digits), n > 0, n < 10_000_000 else { return nil }
        return n * unit
    }
}

extension Character {
    public var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension StringProtocol {
    /// Trims spaces, tabs, CR and LF (and other Unicode whitespace) from both ends.
    public func trimmingWhitespace() -> String {
        var start = startIndex
        var end = endIndex
        while start < end, self[start].isWhitespace { start = index(after: start) }
        while end > start, self[index(before: end)].isWhitespace { end = index(before: end) }
        return String(self[start..<end])
    }
}
