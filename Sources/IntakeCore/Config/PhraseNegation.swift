/// Words that turn a rule's phrase into its opposite: "ya no da *error*", "*sin* errores", "no es
/// *urgente*", "not urgent", "el sistema *no está* caído". A customer who writes that the error is gone
/// is not reporting a function down, and a follow-up that says so must not escalate the ticket.
///
/// Only what comes right before a phrase, or between its words (`*`), negates it. A bare `no` before a
/// phrase does not: folding drops the comma of "No, se cortan todas las llamadas" and "No, no funciona",
/// which report the problem; "ya no" does ("ya no se corta": it no longer cuts out).
enum PhraseNegation {
    /// One or two folded words (`TextFolding`) that negate the phrase right after them.
    static let before: Set<[UInt8]> = Set([
        "sin", "ningun", "ninguna", "ningunos", "ningunas", "not", "without", "never", "nunca",
        "ya no", "no hay", "no hubo", "no da", "no dio", "no tira", "no tiro", "no tenemos", "no tuvimos", "no tiene",
        "no es", "no era", "no esta", "no estan", "no more", "no longer", "isn't", "wasn't", "no further",
    ].map { Array($0.utf8) })

    /// A word that, in the words a `*` skips, negates the phrase: "el sistema no está caído".
    static let inGap: Set<[UInt8]> = Set(["no", "not", "sin", "nunca", "never", "isn't"].map { Array($0.utf8) })
}
