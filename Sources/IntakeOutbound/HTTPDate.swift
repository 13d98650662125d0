import IntakeCore

/// An HTTP-date (RFC 9110 §5.6.7) as a `Retry-After` may carry it: the IMF-fixdate every server should
/// send (`Sun, 06 Nov 1994 08:49:37 GMT`) and the two obsolete forms recipients must still accept, RFC
/// 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`).
enum HTTPDate {
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Nil for anything else. A two-digit RFC 850 year is taken as 20yy: a date a server asks us to
    /// wait for is never last century.
    static func parse(_ text: String) -> Timestamp? {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" || $0 == "\t" }).map { $0.lowercased() }
        guard tokens.count >= 5 else { return nil }
        let day, month, year: Int?
        let clock: String
        if let asctimeMonth = monthNumber(tokens[1]) {
            (month, day, clock, year) = (asctimeMonth, Int(tokens[2]), tokens[3], Int(tokens[4]))
            guard tokens.count == 5 else { return nil }
        } else {
            guard tokens.count == 6, tokens[5] == "gmt" else { return nil }
            (day, month, year, clock) = (Int(tokens[1]), monthNumber(tokens[2]), Int(tokens[3]).map { $0 < 100 ? 2000 + $0 : $0 }, tokens[4])
        }
        let hms = clock.split(separator: ":").map { Int($0) }
        guard let day, let month, let year, hms.count == 3, let hour = hms[0], let minute = hms[1], let second = hms[2] else {
            return nil
        }
        return Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    private static func monthNumber(_ token: String) -> Int? {
        months.firstIndex(of: token).map { $0 + 1 }
    }
}
