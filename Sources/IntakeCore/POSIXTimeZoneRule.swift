/// The POSIX TZ string at the end of a TZif file (RFC 8536 §3.3, POSIX.1 §8.3 "TZ", with RFC 8536's
/// extensions: hours from -167 to 167 in a rule's time): `<-04>4<-03>,M9.1.6/24,M4.1.6/24` is standard
/// time 4 hours west of UTC, daylight time an hour ahead of it from the first Saturday of September at
/// 24:00 until the first Saturday of April at 24:00 (local time). Offsets are written west-positive.
struct POSIXTimeZoneRule: Sendable, Equatable {
    /// Seconds east of UTC.
    let standardOffset: Int
    let daylight: Daylight?

    struct Daylight: Sendable, Equatable {
        let offset: Int
        let start: Change
        let end: Change
    }

    /// A day of the year and a local time of day (seconds, may exceed a day or be negative).
    struct Change: Sendable, Equatable {
        enum Day: Sendable, Equatable {
            /// `Jn`: 1...365, February 29 never counted.
            case julian(Int)
            /// `n`: 0...365, February 29 counted in leap years.
            case zeroBased(Int)
            /// `Mm.w.d`: weekday d (0 Sunday) of week w (5: the last) of month m.
            case monthWeekDay(month: Int, week: Int, weekday: Int)
        }

        let day: Day
        let time: Int

        /// Days since 1970-01-01 of the change's day in `year`.
        func epochDay(in year: Int) -> Int64 {
            let january1 = Timestamp.days(fromCivil: year, 1, 1)
            switch day {
            case .julian(let n):
                return january1 + Int64(n - 1) + (Timestamp.isLeap(year) && n >= 60 ? 1 : 0)
            case .zeroBased(let n):
                return january1 + Int64(n)
            case .monthWeekDay(let month, let week, let weekday):
                let first = Timestamp.days(fromCivil: year, month, 1)
                // 1970-01-01 was a Thursday (4).
                let firstWeekday = Int(((first % 7) + 11) % 7)
                var day = 1 + (weekday - firstWeekday + 7) % 7 + (week - 1) * 7
                while day > Timestamp.daysIn(month: month, year: year) { day -= 7 }
                return first + Int64(day - 1)
            }
        }
    }

    init?(_ text: String) {
        var scanner = Scanner(Array(text.utf8))
        guard scanner.name(), let std = scanner.offset() else { return nil }
        standardOffset = -std
        if scanner.isAtEnd {
            daylight = nil
            return
        }
        guard scanner.name() else { return nil }
        var dst = standardOffset + 3600
        if let written = scanner.offset() { dst = -written }
        guard scanner.take(UInt8(ascii: ",")), let start = scanner.change(), scanner.take(UInt8(ascii: ",")),
              let end = scanner.change(), scanner.isAtEnd
        else { return nil }
        daylight = Daylight(offset: dst, start: start, end: end)
    }

    /// Seconds east of UTC at `seconds` (UTC).
    func utcOffset(at seconds: Int64) -> Int {
        guard let daylight else { return standardOffset }
        let (year, _, _) = Timestamp.civil(fromDays: Timestamp.floorDiv(seconds + Int64(standardOffset), 86_400))
        // Each change at the local time in force before it: the start in standard time, the end in daylight.
        func instant(_ change: Change, year: Int, offset: Int) -> Int64 {
            change.epochDay(in: year) * 86_400 + Int64(change.time - offset)
        }
        // The year of `seconds` and its neighbours, so changes near New Year fall on the right side.
        for y in [year + 1, year, year - 1] {
            let start = instant(daylight.start, year: y, offset: standardOffset)
            let end = instant(daylight.end, year: y, offset: daylight.offset)
            // The latest change at or before `seconds` decides.
            let latest = [(start, daylight.offset), (end, standardOffset)].filter { $0.0 <= seconds }.max { $0.0 < $1.0 }
            if let latest { return latest.1 }
        }
        return standardOffset
    }

    private struct Scanner {
        let b: [UInt8]
        var i = 0

        init(_ b: [UInt8]) { self.b = b }

        var isAtEnd: Bool { i == b.count }

        mutating func take(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }

        /// `<-04>` or three or more letters.
        mutating func name() -> Bool {
            if take(UInt8(ascii: "<")) {
                guard let close = b[i...].firstIndex(of: UInt8(ascii: ">")), close > i else { return false }
                i = close + 1
                return true
            }
            let start = i
            while i < b.count, (0x41...0x5A).contains(b[i] & 0xDF) { i += 1 }
            return i - start >= 3
        }

        /// `[+-]hh[:mm[:ss]]` in seconds, as written (west-positive for a zone's offset).
        mutating func offset() -> Int? {
            var sign = 1
            if take(UInt8(ascii: "-")) { sign = -1 } else { _ = take(UInt8(ascii: "+")) }
            guard let hours = number(), hours <= 167 else { return nil }
            var seconds = hours * 3600
            if take(UInt8(ascii: ":")) {
                guard let minutes = number(), minutes < 60 else { return nil }
                seconds += minutes * 60
                if take(UInt8(ascii: ":")) {
                    guard let s = number(), s < 60 else { return nil }
                    seconds += s
                }
            }
            return sign * seconds
        }

        mutating func change() -> Change? {
            let day: Change.Day
            if take(UInt8(ascii: "M")) {
                guard let m = number(), (1...12).contains(m), take(UInt8(ascii: ".")), let w = number(), (1...5).contains(w),
                      take(UInt8(ascii: ".")), let d = number(), (0...6).contains(d)
                else { return nil }
                day = .monthWeekDay(month: m, week: w, weekday: d)
            } else if take(UInt8(ascii: "J")) {
                guard let n = number(), (1...365).contains(n) else { return nil }
                day = .julian(n)
            } else {
                guard let n = number(), (0...365).contains(n) else { return nil }
                day = .zeroBased(n)
            }
            var time = 7200
            if take(UInt8(ascii: "/")) {
                guard let t = offset() else { return nil }
                time = t
            }
            return Change(day: day, time: time)
        }

        private mutating func number() -> Int? {
            let start = i
            var n = 0
            while i < b.count, (0x30...0x39).contains(b[i]), i - start < 4 {
                n = n * 10 + Int(b[i] - 0x30)
                i += 1
            }
            return i > start ? n : nil
        }
    }
}
