import Foundation
import IntakeCore
import IntakeMIME

/// The author of a post that a mailing list or group re-sent under its own address. When the author's
/// domain publishes DMARC `p=reject`, Google Groups (which also serves as many companies' soporte@ address)
/// and Mailman rewrite `From` to `'Juan Perez' via Soporte <soporte@acme.com.ar>` (RFC 7960 §4.1.3.1), so
/// every such customer would be one sender, the list. The author is kept in `X-Original-From` (Google
/// Groups), else in `Reply-To` (Mailman's `from_is_list`) or `X-Original-Sender`.
enum ListRewrittenSender {
    /// The author, or nil when `from` is no rewrite (an `X-Original-From` that names `from` itself is none).
    /// Without `X-Original-From`, a `From` counts as rewritten when the mail came through a list of ours
    /// (`viaOwnList`, see `OwnList`) and `From` is one of our addresses, or when its name says ` via ` on a
    /// mail with `List-Id` or `List-Post`: elsewhere a `Reply-To` is just where the sender wants answers to
    /// go. Our own addresses are never the author.
    static func author(
        headers: MIMEHeaders, from: MailAddress?, ownAddresses: Set<String> = [], viaOwnList: Bool = false
    ) -> MailAddress? {
        let listName = from?.name.flatMap(nameBeforeVia)
        if var original = headers["X-Original-From"].flatMap({ AddressParser.parse($0).first }) {
            guard original.normalized != from?.normalized, !ownAddresses.contains(original.normalized) else { return nil }
            if original.name == nil { original.name = listName }
            return original
        }
        guard let from else { return nil }
        let isOwnListFrom = viaOwnList && ownAddresses.contains(from.normalized)
        let isNamedRewrite = listName != nil && (headers.contains("List-Id") || headers.contains("List-Post"))
        guard isOwnListFrom || isNamedRewrite else { return nil }
        let isAuthor = { (address: MailAddress) in address.normalized != from.normalized && !ownAddresses.contains(address.normalized) }
        let replyTo = headers["Reply-To"].flatMap { AddressParser.parse($0).first(where: isAuthor) }
        let sender = headers["X-Original-Sender"].flatMap { AddressParser.parse($0).first(where: isAuthor) }
        guard var author = replyTo ?? sender else { return nil }
        if author.name == nil { author.name = listName }
        return author
    }

    /// `'Juan Perez' via Soporte` → `Juan Perez`; nil when the name has no ` via `.
    static func nameBeforeVia(_ name: String) -> String? {
        guard let via = name.range(of: " via ", options: .caseInsensitive) else { return nil }
        var author = String(name[..<via.lowerBound]).trimmingWhitespace()
        if author.count >= 2, author.first == "'" || author.first == "\"", author.last == author.first {
            author = String(author.dropFirst().dropLast())
        }
        return author.isEmpty ? nil : author
    }
}
