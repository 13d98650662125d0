import Foundation
package import IntakeCore

/// The words of our notices, in Spanish (the default) or English, and the deadline as a person reads it.
/// The service's slash-command answer uses them too, so a customer reads one wording everywhere.
package enum NoticeText {
    package static func priority(_ p: Priority, english: Bool) -> String {
        if english { return p.rawValue }
        switch p {
        case .critical: return "crítica"
        case .high: return "alta"
        case .medium: return "media"
        case .low: return "baja"
        }
    }

    static let spanishMonths = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                                "octubre", "noviembre", "diciembre"]
    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                                "October", "November", "December"]

    /// `3 de junio de 2024, 14:00 (UTC-03:00)` / `June 3, 2024, 14:00 (UTC-03:00)`.
    static func deadline(_ time: Timestamp, offset: Int, english: Bool) -> String {
        let iso = time.adding(seconds: Int64(offset)).iso8601
        let parts = iso.split(whereSeparator: { $0 == "-" || $0 == "T" || $0 == ":" })
        guard parts.count >= 5, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month), let day = Int(parts[2]) else {
            return iso
        }
        var zone = "UTC"
        if offset != 0 {
            let minutes = abs(offset) / 60
            zone += (offset < 0 ? "-" : "+") + two(minutes / 60) + ":" + two(minutes % 60)
        }
        let clock = "\(parts[3]):\(parts[4])"
        return english ? "\(englishMonths[month - 1]) \(day), \(year), \(clock) (\(zone))"
            : "\(day) de \(spanishMonths[month - 1]) de \(year), \(clock) (\(zone))"
    }

    /// Slack's date token (api.slack.com, "Formatting text: dates"): each reader sees the deadline in
    /// their own time zone. The fallback after `|` is what clients that cannot render it show, and what
    /// notifications show: the deadline as the rest of the sentence reads it, not an ISO timestamp.
    package static func slackDate(_ time: Timestamp, offset: Int, english: Bool) -> String {
        "<!date^\(time.seconds)^{date_short_pretty} {time}|\(deadline(time, offset: offset, english: english))>"
    }

    /// Slack text escaping: only `&`, `<` and `>` are control characters in message text.
    static func slackEscape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
