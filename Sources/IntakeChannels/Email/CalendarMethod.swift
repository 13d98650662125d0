import IntakeCore
import IntakeMIME

/// The iTIP method of a mail's calendar part (RFC 5546 §1.4, carried in mail by iMIP, RFC 6047 §2.4): a
/// `text/calendar` (or `application/ics` file) whose `method` parameter, else its own `METHOD:` line,
/// says what the mail is. `REQUEST` invites, `CANCEL` calls a meeting off, `COUNTER` proposes another time,
/// and `REPLY` is an attendee's answer: Outlook, Gmail and Exchange write it the moment someone clicks
/// Accept or Decline ("Aceptado: ...", "Accepted: ..."), with no text of its own.
enum CalendarMethod {
    /// The method of the first calendar part, uppercased; nil when the mail has none.
    static func of(_ root: MIMEPart) -> String? {
        for part in root.allParts where calendarTypes.contains(part.contentType.mimeType) {
            if let method = part.contentType.parameters["method"]?.trimmingWhitespace(), !method.isEmpty {
                return method.uppercased()
            }
            if let method = methodLine(part.content) { return method }
        }
        return nil
    }

    /// The types Outlook, Gmail and Apple Mail send an invitation as.
    static let calendarTypes: Set<String> = ["text/calendar", "application/ics"]

    /// The value of a `METHOD:` content line of the VCALENDAR (RFC 5545 §3.7.2), read within its first 4 KiB.
    static func methodLine(_ content: [UInt8]) -> String? {
        let text = String(decoding: content.prefix(4096), as: UTF8.self)
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingWhitespace()
            guard trimmed.uppercased().hasPrefix("METHOD:") else { continue }
            let value = trimmed.dropFirst("METHOD:".count).trimmingWhitespace()
            return value.isEmpty ? nil : value.uppercased()
        }
        return nil
    }
}
