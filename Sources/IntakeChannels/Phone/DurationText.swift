import IntakeCore

/// A duration written with units, as PBX reports export it: `95s`, `1m 35s`, `1h 2m 5s`, `2 min 5 seg`,
/// and Issabel's and Elastix's CDR report, which writes the billable seconds and, from a minute on, the
/// same in hours, minutes and seconds for people: `95s (1m 35s)` (the part in parentheses is left out).
enum DurationText {
    private static let unitSeconds: [String: Int] = [
        "h": 3600, "hs": 3600, "hr": 3600, "hrs": 3600, "m": 60, "min": 60, "mins": 60,
        "s": 1, "sec": 1, "secs": 1, "seg": 1, "segs": 1,
    ]

    static func seconds(_ text: String) -> Int? {
        var rest = Substring(text.trimmingWhitespace())
        if rest.hasSuffix(")"), let open = rest.firstIndex(of: "(") { rest = rest[..<open] }
        var total = 0
        var sawUnit = false
        while let first = rest.first(where: { $0 != " " }) {
            rest = rest.drop { $0 == " " }
            guard first.isASCIIDigit else { return nil }
            let digits = rest.prefix(while: \.isASCIIDigit)
            rest = rest.dropFirst(digits.count).drop { $0 == " " }
            let unit = rest.prefix(while: \.isLetter)
            rest = rest.dropFirst(unit.count)
            guard digits.count <= 9, let n = Int(digits), let size = unitSeconds[unit.lowercased()] else { return nil }
            total += n * size
            sawUnit = true
        }
        return sawUnit && total < 1_000_000_000 ? total : nil
    }
}
