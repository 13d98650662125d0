/// A UTC instant in whole seconds since the Unix epoch, with the civil-calendar conversions the
/// contract needs (`YYYY-MM-DDTHH:MM:SSZ`). Written here so no formatter state is shared across threads.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var seconds: Int64

    public init(seconds: Int64) {
        self.seconds = seconds
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.seconds < rhs.seconds }

    /// Saturates instead of trapping: times come from outside (a Slack `ts`, a CDR date).
    public func adding(seconds delta: Int64) -> Timestamp {
        let (sum, overflow) = seconds.addingReportingOverflow(delta)
        return Timestamp(seconds: overflow ? (delta > 0 ? .max : .min) : sum)
    }

    public var description: String { iso8601 }

    /// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the range `iso8601` can spell with four digits.
    static let representable: ClosedRange<Int64> = -62_135_596_800...253_402_300_799

    /// `YYYY-MM-DDTHH:MM:SSZ`; times outside years 1...9999 are clamped to that range.
    public var iso8601: String {
        let clamped = min(max(seconds, Self.representable.lowerBound), Self.representable.upperBound)
        let days = Self.floorDiv(clamped, 86_400)
        let (y, m, d) = Self.civil(fromDays: days)
        let rem = Int(clamped - days * 86_400)
        // Written into the string's own storage: one allocation, not an array's and then the string's
        // (several of these are written for every message).
        return String(unsafeUninitializedCapacity: 20) { b in
            var at = 0
            func digits(_ n: Int, _ width: Int) {
                var divisor = 1
                for _ in 1..<width { divisor *= 10 }
                while divisor > 0 {
                    b[at] = UInt8(0x30 + (n / divisor) % 10)
                    at += 1
                    divisor /= 10
                }
            }
            func mark(_ byte: UInt8) {
                b[at] = byte
                at += 1
            }
            digits(y, 4); mark(0x2D); digits(m, 2); mark(0x2D); digits(d, 2); mark(0x54)
            digits(rem / 3600, 2); mark(0x3A); digits(rem / 60 % 60, 2); mark(0x3A); digits(rem % 60, 2); mark(0x5A)
            return at
        }
    }

    /// Builds a timestamp from civil UTC fields; nil when a field is out of range. Years are 1...9999
    /// (ISO 8601's four digits): a date header with a year of twenty digits must not overflow the day
    /// count, and the offset is bounded to ±24 h for the same reason.
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, offsetSeconds: Int = 0) {
        guard (1...9999).contains(year), (-86_400...86_400).contains(offsetSeconds), (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        let days = Self.days(fromCivil: year, month, day)
        seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59)) - Int64(offsetSeconds)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS` with an optional fraction and `Z` or `±HH:MM` (a space is accepted for
    /// `T`, a missing zone is UTC). Nil on anything else.
    public init?(iso8601 text: String) {
        let b = Array(text.utf8)
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var v = 0
            for i in from..<(from + count) {
                guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        guard b.count >= 19, let y = num(0, 4), b[4] == 0x2D, let mo = num(5, 2), b[7] == 0x2D, let d = num(8, 2),
              b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " ") || b[10] == UInt8(ascii: "t"),
              let h = num(11, 2), b[13] == 0x3A, let mi = num(14, 2), b[16] == 0x3A, let s = num(17, 2)
        else { return nil }
        var i = 19
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
        }
        var offset = 0
        if i < b.count {
            if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
                i += 1
            } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                guard let oh = num(i + 1, 2) else { return nil }
                var j = i + 3
                if j < b.count, b[j] == 0x3A { j += 1 }
                let om = num(j, 2) ?? 0
                if num(j, 2) != nil { j += 2 }
                offset = sign * (oh * 3600 + om * 60)
                i = j
            }
        }
        guard i == b.count else { return nil }
        self.init(year: y, month: mo, day: d, hour: h, minute: mi, second: s, offsetSeconds: offset)
    }

    public static func now() -> Timestamp {
        Timestamp(seconds: Int64(Clock.wallSeconds()))
    }

    /// Division rounding towards minus infinity, for every `a` (Int64.min included).
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && a < 0) ? q - 1 : q
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's days_from_civil.
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64(month > 2 ? month - 3 : month + 9)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }
}
