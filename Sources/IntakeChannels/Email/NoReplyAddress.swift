/// An address nobody reads answers at, so no acknowledgement goes there (RFC 3834 §2: a responder may
/// refuse to answer `owner-*`, `*-request` and the like). Told by its local part, with `-`, `_` and `.`
/// ignored: the English `noreply` and `donotreply`, and what Spanish and Portuguese senders write instead
/// (banks, tax agencies, e-commerce: `no-responder@`, `noresponda@`, `no_contestar@`, `naoresponda@`,
/// `nao-responder@`); and a list's administrative addresses (`owner-soporte@`, `soporte-owner@`,
/// `soporte-request@`, Mailman's `soporte-bounces@`), which answer with robots or not at all.
enum NoReplyAddress {
    static func matches(localPart: String) -> Bool {
        let lower = localPart.lowercased()
        let compact = lower.filter { $0 != "-" && $0 != "_" && $0 != "." }
        return noReplyWords.contains(where: compact.contains) || isListAdministrative(localPart: localPart)
    }

    /// A list's administrative address: its robots write from it (digests, notices), never a person.
    static func isListAdministrative(localPart: String) -> Bool {
        let lower = localPart.lowercased()
        return lower.hasPrefix("owner-") || listSuffixes.contains(where: lower.hasSuffix)
    }

    /// Whether a whole address (`local@domain`) is one.
    static func matches(address: String) -> Bool {
        matches(localPart: address.split(separator: "@").first.map(String.init) ?? "")
    }

    /// Each a stem: `norespond` is `no-responder`, `noresponda`, `no_respondas`; `naorespond` is
    /// `naoresponda`, `nao-responder`.
    static let noReplyWords = ["noreply", "donotreply", "norespond", "norespuesta", "nocontestar", "naorespond"]

    static let listSuffixes = ["-owner", "-request", "-bounces"]
}
