import IntakeCore

/// The times a CDR file holds. `cdr_csv` writes `%Y-%m-%d %T` in the PBX's local time, but CDR files
/// also come out of `cdr_custom` mappings (`${CDR(start,u)}`: Unix seconds with a fraction), database
/// exports (`2024-03-05 14:30:00`, sometimes with a zone) and spreadsheets, which save dates in their
/// locale's form and often drop the seconds (`05/03/2024 14:30`, `3/5/2024 2:30 PM`). Read here:
/// - `YYYY-MM-DD` or `YYYY/MM/DD`, then `T` or a space and `H:MM[:SS[.fraction]]`;
/// - `DD/MM/YYYY` (also with `-` or `.`, and a two-digit year), then the time as above: day first, as
///   Argentina and Chile write dates (`5/3/2024 2:30:00 p. m.` too); month first when the second number
///   is more than 12 (`03/25/2024`) or the time has the English `AM`/`PM`, which month-first locales write;
/// - an optional zone after the time: `Z`, `UTC`, `GMT`, `±HH`, `±HHMM`, `±HH:MM` (then the zone wins
///   over the PBX's offset);
/// - Unix seconds (nine to eleven digits, a fraction tolerated) or milliseconds (twelve to fourteen), UTC
///   by definition.
enum CDRTime {
    /// The instant `text` names; times without a zone are local to the PBX's `timeZone`.
    static func read(_ text: String, timeZone: LocalTimeZone) -> Timestamp? {
        guard let reading = reading(text) else { return nil }
        return reading.isLocal ? timeZone.instant(ofLocal: reading.time) : reading.time
    }

    /// The time `text` names and whether it is local: a time written without a zone comes back as if it
    /// were UTC, for the caller to move by the PBX clock's offset.
    static func reading(_ text: String) -> (time: Timestamp, isLocal: Bool)? {
        var scanner = Scanner(Array(text.trimmingWhitespace().utf8))
        if let epoch = scanner.epochSeconds() { return (epoch, false) }
        guard let date = scanner.date(), scanner.skipDateTimeSeparator(), var time = scanner.time() else { return nil }
        if let meridiem = scanner.meridiem() {
            guard (1...12).contains(time.hour) else { return nil }
            time.hour = time.hour % 12 + (meridiem == .pm ? 12 : 0)
        }
        let (year, month, day) = date.resolved(monthFirst: scanner.sawMeridiem)
        guard let zone = scanner.zone(), scanner.isAtEnd,
              let timestamp = Timestamp(
                  year: year, month: month, day: day, hour: time.hour, minute: time.minute, second: time.second,
                  offsetSeconds: zone ?? 0
              )
        else { return nil }
        return (timestamp, zone == nil)
    }

    private enum Meridiem { case am, pm }

    private struct DateFields {
        var first: Int
        var second: Int
        var third: Int
        var isYearFirst: Bool

        func resolved(monthFirst: Bool) -> (year: Int, month: Int, day: Int) {
            if isYearFirst { return (first, second, third) }
            let year = third < 100 ? 2000 + third : third
            let isMonthFirst = second > 12 || (monthFirst && first <= 12)
            return isMonthFirst ? (year, first, second) : (year, second, first)
        }
    }

    private struct TimeFields {
        var hour: Int
        var minute: Int
        var second: Int
    }

    private struct Scanner {
        let b: [UInt8]
        var i = 0
        var sawMeridiem = false

        init(_ bytes: [UInt8]) { b = bytes }

        var isAtEnd: Bool { i == b.count }

        private func isDigit(_ at: Int) -> Bool { at < b.count && b[at] >= 0x30 && b[at] <= 0x39 }

        /// Up to `maximum` digits as a number, nil when there is none.
        private mutating func number(maximum: Int) -> (value: Int, digits: Int)? {
            var value = 0
            var count = 0
            while count < maximum, isDigit(i) {
                value = value * 10 + Int(b[i] - 0x30)
                i += 1
                count += 1
            }
            return count == 0 ? nil : (value, count)
        }

        private mutating func skip(_ byte: UInt8) -> Bool {
            guard i < b.count, b[i] == byte else { return false }
            i += 1
            return true
        }

        private mutating func skipSpaces() {
            while i < b.count, b[i] == 0x20 { i += 1 }
        }

        /// Unix seconds, 9 to 11 digits; or milliseconds, 12 to 14 (what JavaScript and Java APIs of
        /// PBXs give, `Date.now()`), as the CTI events read them.
        mutating func epochSeconds() -> Timestamp? {
            var j = 0
            while isDigit(j) { j += 1 }
            guard j >= 9, j <= 14 else { return nil }
            var k = j
            if k < b.count, b[k] == UInt8(ascii: ".") {
                k += 1
                while isDigit(k) { k += 1 }
            }
            guard k == b.count, let number = Int64(String(decoding: b[0..<j], as: UTF8.self)) else { return nil }
            return Timestamp(seconds: j >= 12 ? number / 1000 : number)
        }

        mutating func date() -> DateFields? {
            guard let first = number(maximum: 4), i < b.count else { return nil }
            let separator = b[i]
            guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/") || separator == UInt8(ascii: ".") else { return nil }
            i += 1
            guard let second = number(maximum: 2), skip(separator), let third = number(maximum: 4) else { return nil }
            if first.digits == 4 { return third.digits <= 2 ? DateFields(first: first.value, second: second.value, third: third.value, isYearFirst: true) : nil }
            guard first.digits <= 2, third.digits == 4 || third.digits == 2 else { return nil }
            return DateFields(first: first.value, second: second.value, third: third.value, isYearFirst: false)
        }

        mutating func skipDateTimeSeparator() -> Bool {
            if skip(UInt8(ascii: "T")) || skip(UInt8(ascii: "t")) { return true }
            guard i < b.count, b[i] == 0x20 else { return false }
            skipSpaces()
            return true
        }

        mutating func time() -> TimeFields? {
            guard let hour = number(maximum: 2), skip(0x3A), let minute = number(maximum: 2), minute.digits == 2 else { return nil }
            var second = 0
            if skip(0x3A) {
                guard let s = number(maximum: 2), s.digits == 2 else { return nil }
                second = s.value
                if skip(UInt8(ascii: ".")) || skip(UInt8(ascii: ",")) {
                    while isDigit(i) { i += 1 }
                }
            }
            return TimeFields(hour: hour.value, minute: minute.value, second: second)
        }

        /// `AM`/`PM` (`A.M.`), which English month-first locales write, or the Spanish `a. m.`/`p. m.`
        /// (with a space), which day-first ones do: only the English spelling sets `sawMeridiem`.
        mutating func meridiem() -> Meridiem? {
            let start = i
            skipSpaces()
            let word = String(decoding: b[i..<min(i + 5, b.count)], as: UTF8.self).uppercased()
            let spellings: [(String, Meridiem, isEnglish: Bool)] = [
                ("A. M.", .am, false), ("P. M.", .pm, false), ("A.M.", .am, true), ("P.M.", .pm, true), ("AM", .am, true),
                ("PM", .pm, true),
            ]
            for (spelling, value, isEnglish) in spellings where word.hasPrefix(spelling) {
                i += spelling.count
                sawMeridiem = isEnglish
                return value
            }
            i = start
            return nil
        }

        /// The zone's offset east of UTC in seconds: `.some(nil)` when there is none, nil when what
        /// follows the time is not a zone.
        mutating func zone() -> Int?? {
            skipSpaces()
            if isAtEnd { return .some(nil) }
            let rest = String(decoding: b[i...], as: UTF8.self).uppercased()
            if rest == "Z" || rest == "UTC" || rest == "GMT" {
                i = b.count
                return .some(0)
            }
            for prefix in ["UTC", "GMT"] where rest.hasPrefix(prefix) { i += prefix.count }
            guard i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return nil }
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let hours = number(maximum: 2), hours.value <= 14 else { return nil }
            var minutes = 0
            if hours.digits == 2 {
                _ = skip(0x3A)
                if let m = number(maximum: 2) {
                    guard m.digits == 2, m.value < 60 else { return nil }
                    minutes = m.value
                }
            }
            return .some(sign * (hours.value * 3600 + minutes * 60))
        }
    }
}
