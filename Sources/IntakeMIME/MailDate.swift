public import IntakeCore

/// RFC 5322 §3.3 dates with the obsolete forms of §4.3 and what mailers actually write: optional day
/// name, comments (`-0300 (ART)`), two-digit years (< 50 → 20xx, else 19xx) and three-digit ones (+1900),
/// missing seconds, `HH.MM.SS`, a 12-hour clock with `AM`/`PM`, Spanish month names, IMAP's `03-Jun-2024`, named zones
/// (`GMT`, `UT`, `UTC`, `Z`, US zones; military letters count as `-0000` as §4.3 says; South American and
/// European names: `regionalZones`), `+05:30`, `GMT+0200`, `GMT-3`, asctime order (`Mon Jun  3 10:00:00
/// 2024`), extra whitespace. A missing zone is read as UTC. Alerting scripts that write ISO 8601
/// (`2024-06-03T10:00:00-03:00`) are read as such, and so are the forms that write the zone apart: Ruby's
/// `Time#to_s` (`2024-06-03 10:00:00 -0300`) and Go's `time.Time.String()` (`2024-06-03 10:00:00.5 -0300 -03`).
public enum MailDate {
    public static func parse(_ text: String) -> Timestamp? {
        let trimmed = text.trimmingSpaces()
        if trimmed.utf8.count >= 19, trimmed.utf8.prefix(4).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
           trimmed.utf8.dropFirst(4).first == UInt8(ascii: "-")
        {
            return Timestamp(iso8601: trimmed) ?? isoWithZoneWord(trimmed)
        }
        var day: Int?
        var month: Int?
        var year: Int?
        var yearDigits = 0
        var time: (Int, Int, Int)?
        var offset: Int?
        var monthIsFirstWord = false
        var meridiem: String?
        for (index, token) in tokens(text).enumerated() {
            let lower = token.lowercased()
            if let m = monthNumber(lower) {
                // In Spanish the day name `mar` (martes) opens the date: a later month name wins over it.
                if month == nil || monthIsFirstWord {
                    month = m
                    monthIsFirstWord = index == 0
                }
            } else if ["am", "pm", "a.m.", "p.m."].contains(lower), time != nil {
                meridiem = String(lower.prefix(1))
            } else if token.contains(":") {
                if time == nil, let t = parseTime(token) {
                    time = t
                } else if time != nil, offset == nil, let o = numericZone(token) ?? offsetFromUTCName(lower) {
                    offset = o
                }
            } else if let first = token.first, first == "+" || first == "-" {
                if offset == nil { offset = numericZone(token) }
            } else if time == nil, let t = dottedTime(token) {
                time = t
            } else if token.allSatisfy(\.isASCIIDigit) {
                let n = Int(token) ?? -1
                if day == nil, token.count <= 2, year == nil || month != nil {
                    day = n
                } else if year == nil {
                    year = n
                    yearDigits = token.count
                } else if day == nil, token.count <= 2 {
                    day = n
                }
            } else if time != nil || year != nil, offset == nil, let o = namedZone(lower) ?? offsetFromUTCName(lower) {
                offset = o
            }
        }
        guard let d = day, let m = month, var y = year, let (clockHour, mi, s) = time else { return nil }
        var h = clockHour
        if meridiem == "p", h < 12 { h += 12 } else if meridiem == "a", h == 12 { h = 0 }
        if yearDigits <= 2 {
            y += y < 50 ? 2000 : 1900
        } else if yearDigits == 3 {
            y += 1900
        }
        return Timestamp(year: y, month: m, day: d, hour: h, minute: mi, second: s, offsetSeconds: offset ?? 0)
    }

    /// `YYYY-MM-DD HH:MM:SS[.fraction]` followed, after a space, by its zone: a numeric offset or a zone
    /// name (what follows the first zone, Go's abbreviation, is ignored). Nil when the first two words are
    /// no ISO 8601 date and time or the third is no zone.
    static func isoWithZoneWord(_ text: String) -> Timestamp? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard words.count >= 3, let local = Timestamp(iso8601: words[0] + "T" + words[1]) else { return nil }
        let zone = words[2].lowercased()
        guard let offset = numericZone(zone) ?? namedZone(zone) ?? offsetFromUTCName(zone) else { return nil }
        return local.adding(seconds: Int64(-offset))
    }

    /// Words of the date with comments removed and `,` as a separator.
    static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        var depth = 0
        for ch in text {
            if ch == "(" { depth += 1; continue }
            if ch == ")" { depth = max(0, depth - 1); continue }
            if depth > 0 { continue }
            if ch == " " || ch == "\t" || ch == "," || ch == "\r" || ch == "\n" {
                if !current.isEmpty { out.append(current) }
                current = ""
            } else if (ch == "+" || ch == "-"), !current.isEmpty, current.last?.isASCIIDigit == true, current.contains(":") {
                out.append(current)
                current = String(ch)
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { out.append(current) }
        return out.flatMap(splittingDashedDate)
    }

    /// `03-Jun-2024` (IMAP's date-time form, RFC 3501 §9, which some scripts copy into Date) as three words.
    static func splittingDashedDate(_ token: String) -> [String] {
        let pieces = token.split(separator: "-", omittingEmptySubsequences: false)
        guard pieces.count == 3, monthNumber(pieces[1].lowercased()) != nil,
              pieces[0].allSatisfy(\.isASCIIDigit), pieces[2].allSatisfy(\.isASCIIDigit), !pieces[0].isEmpty, !pieces[2].isEmpty
        else { return [token] }
        return pieces.map(String.init)
    }

    /// Each month's names, English (RFC 5322) and Spanish (what scripts formatting in a Spanish locale
    /// write: `ene`, `abr`, `ago`, `dic`, full names), lowercased; a trailing `.` is ignored.
    static let monthWords: [[String]] = [
        ["jan", "january", "ene", "enero"], ["feb", "february", "febrero"], ["mar", "march", "marzo"],
        ["apr", "april", "abr", "abril"], ["may", "mayo"], ["jun", "june", "junio"], ["jul", "july", "julio"],
        ["aug", "august", "ago", "agosto"], ["sep", "sept", "september", "set", "septiembre", "setiembre"],
        ["oct", "october", "octubre"], ["nov", "november", "noviembre"], ["dec", "december", "dic", "diciembre"],
    ]

    static func monthNumber(_ lower: String) -> Int? {
        let name = lower.hasSuffix(".") ? String(lower.dropLast()) : lower
        guard name.count >= 3, name.first?.isLetter == true else { return nil }
        return monthWords.firstIndex { $0.contains(name) }.map { $0 + 1 }
    }

    /// `HH:MM` or `HH:MM:SS` (a fraction after the seconds is ignored).
    static func parseTime(_ token: String) -> (Int, Int, Int)? {
        let pieces = token.split(separator: ":", omittingEmptySubsequences: false)
        guard pieces.count == 2 || pieces.count == 3 else { return nil }
        var numbers: [Int] = []
        for (k, piece) in pieces.enumerated() {
            var p = piece
            if k == 2, let dot = p.firstIndex(of: ".") { p = p[..<dot] }
            guard !p.isEmpty, p.count <= 2, p.allSatisfy(\.isASCIIDigit), let n = Int(p) else { return nil }
            numbers.append(n)
        }
        return (numbers[0], numbers[1], numbers.count == 3 ? numbers[2] : 0)
    }

    /// `HH.MM` or `HH.MM.SS`: the time as some non-compliant mailers write it (Python's email.utils reads
    /// it too). Minutes and seconds of two digits, so a `3.` or a version number is no time.
    static func dottedTime(_ token: String) -> (Int, Int, Int)? {
        let pieces = token.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count == 2 || pieces.count == 3, pieces.dropFirst().allSatisfy({ $0.count == 2 }) else { return nil }
        return parseTime(pieces.joined(separator: ":"))
    }

    /// `+HHMM`, `-HHMM`, `+HH:MM`, `+HH`, `+H` (`GMT-3`).
    static func numericZone(_ token: String) -> Int? {
        guard let sign = token.first, sign == "+" || sign == "-" else { return nil }
        let digits = token.dropFirst().filter { $0 != ":" }
        guard digits.allSatisfy(\.isASCIIDigit), [1, 2, 4].contains(digits.count), let n = Int(digits) else { return nil }
        let (h, m) = digits.count == 4 ? (n / 100, n % 100) : (n, 0)
        guard h < 24, m < 60 else { return nil }
        return (sign == "-" ? -1 : 1) * (h * 3600 + m * 60)
    }

    /// `GMT+0200`, `UTC-03:00`: a zone name with the offset glued on, as JavaScript's `Date.toString()`
    /// (`Tue Jul 01 2003 10:52:37 GMT+0200 (CEST)`) and scripts built on it write; the offset is east of UTC.
    static func offsetFromUTCName(_ lower: String) -> Int? {
        for name in ["gmt", "utc", "ut"] where lower.hasPrefix(name) {
            return numericZone(String(lower.dropFirst(name.count)))
        }
        return nil
    }

    /// Zone names of RFC 5322 §4.3 (and `UTC`); single military letters are `-0000`; then `regionalZones`.
    static func namedZone(_ lower: String) -> Int? {
        switch lower {
        case "gmt", "ut", "utc", "z", "wet": return 0
        case "edt": return -4 * 3600
        case "est", "cdt": return -5 * 3600
        case "cst", "mdt": return -6 * 3600
        case "mst", "pdt": return -7 * 3600
        case "pst": return -8 * 3600
        default:
            if lower.count == 1, let c = lower.first, c.isLetter, c != "j" { return 0 }
            return regionalZones[lower].map { $0 * 3600 }
        }
    }

    /// Zone names `date` and old mailers write instead of an offset (`Mon Jun  3 10:00:00 ART 2024` from a
    /// cron script in Buenos Aires), in hours east of UTC. RFC 5322 §4.3 reads a zone name it does not define
    /// as -0000 unless its meaning is known out of band; these are, for the senders we serve (South America
    /// and Europe). Names that mean two zones (`IST`, `AST`, `ECT`) are left out; `BST` is British Summer Time.
    static let regionalZones: [String: Int] = [
        "art": -3, "uyt": -3, "brt": -3, "clst": -3, "pyst": -3, "clt": -4, "pyt": -4, "bot": -4, "vet": -4,
        "pet": -5, "cot": -5, "bst": 1, "cet": 1, "met": 1, "mez": 1, "west": 1, "cest": 2, "mest": 2, "mesz": 2,
        "eet": 2, "eest": 3, "msk": 3,
    ]

    private static let dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Formats `Mon, 03 Jun 2024 14:00:00 -0300` for a `Date:` header, shown at `offsetSeconds` from UTC.
    public static func format(_ time: Timestamp, offsetSeconds: Int = 0) -> String {
        let local = time.adding(seconds: Int64(offsetSeconds))
        let iso = Array(local.iso8601.utf8)
        func field(_ from: Int, _ count: Int) -> Int {
            iso[from..<(from + count)].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        let year = field(0, 4)
        let month = field(5, 2)
        let day = field(8, 2)
        let days = Int((local.seconds >= 0 ? local.seconds / 86_400 : (local.seconds - 86_399) / 86_400) % 7)
        let weekday = dayNames[((days + 4) % 7 + 7) % 7]
        let sign = offsetSeconds < 0 ? "-" : "+"
        let magnitude = abs(offsetSeconds) / 60
        let zone = sign + twoDigits(magnitude / 60) + twoDigits(magnitude % 60)
        let clock = String(decoding: iso[11..<19], as: UTF8.self)
        return "\(weekday), \(twoDigits(day)) \(monthNames[month - 1]) \(year) \(clock) \(zone)"
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
