import IntakeCore
import IntakeMIME

/// Which of our own addresses a list delivered a mail through, when the list is our support address:
/// many companies make soporte@ a Google Group (or a Mailman list) whose members are the agents, so a
/// customer's mail arrives with the list's headers (`Precedence: list`, `List-Id`, a rewritten `From`).
/// Such a mail is a customer's request, not list traffic: its author is the sender, it is no automatic
/// mail, and it is acknowledged to the author, never to the list (RFC 2369 and 2919 name the list).
///
/// The list is ours when its posting address (`List-Post: <mailto:...>`, Google Groups' `Mailing-list:
/// list soporte@...`) is one of our addresses, or its `List-Id` is one of them written as list ids are
/// (`<soporte.acme.com.ar>` for soporte@acme.com.ar, as Google Groups and Mailman form it).
enum OwnList {
    /// The own address the mail came through, lowercased; nil when it came through no list of ours.
    static func address(_ headers: MIMEHeaders, ownAddresses: Set<String>) -> String? {
        guard !ownAddresses.isEmpty else { return nil }
        let posting = headers.values("List-Post").flatMap(mailtoAddresses) + headers.values("Mailing-list").compactMap(mailingListAddress)
        if let own = posting.first(where: ownAddresses.contains) { return own }
        guard let listID = headers["List-Id"].map({ (MessageIDList.parse($0).first ?? $0).trimmingWhitespace().lowercased() }) else { return nil }
        return ownAddresses.sorted().first { $0.replacingOccurrences(of: "@", with: ".") == listID }
    }

    /// The `mailto:` addresses of a `List-Post` value (RFC 2369 §3.4), without their `?` parameters.
    static func mailtoAddresses(_ value: String) -> [String] {
        value.split(separator: "<").compactMap { item in
            let url = String(item.prefix { $0 != ">" }).trimmingWhitespace()
            guard url.lowercased().hasPrefix("mailto:") else { return nil }
            let address = url.dropFirst("mailto:".count).prefix { $0 != "?" }
            return address.isEmpty ? nil : address.lowercased()
        }
    }

    /// The address of Google Groups' `Mailing-list: list soporte@acme.com.ar; contact ...`.
    static func mailingListAddress(_ value: String) -> String? {
        let first = value.split(separator: ";").first.map { String($0).trimmingWhitespace() } ?? ""
        guard first.lowercased().hasPrefix("list ") else { return nil }
        let address = String(first.dropFirst("list ".count)).trimmingWhitespace().lowercased()
        return address.contains("@") ? address : nil
    }
}
