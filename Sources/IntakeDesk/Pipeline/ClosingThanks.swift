import IntakeCore

/// A customer's last word on a solved problem: "¡Muchas gracias!", "Listo, ya funciona, gracias",
/// "Perfecto, quedó solucionado", "Works now, thanks". Sent after we resolved the ticket, it asks
/// nothing: it is recorded on the ticket, which stays resolved (reopened, the ticket would go back
/// to the queue and count against the SLA; after the reopen window it would open a new one).
///
/// Every word must be a courtesy (`CourtesyWords`) or confirmation word: one word of a request
/// ("no", "otra", "error", "pero") makes it a follow-up that reopens. Asked only of a message that
/// would reopen or follow a closed ticket, which is rare, so the text is folded again here.
enum ClosingThanks {
    static let confirmations: Set<String> = [
        "ya", "funciona", "funcionan", "funcionando", "anda", "andan", "andando", "resuelto", "resuelta", "solucionado",
        "solucionada", "solucionaron", "resolvieron", "arreglado", "arreglada", "quedo", "quedamos", "esta", "estamos",
        "correcto", "correctamente", "confirmo", "confirmamos", "era", "eso", "ayuda", "funcionou", "resolvido",
        "works", "working", "now", "fixed", "solved", "resolved", "sorted", "it", "is", "that", "confirmed", "help",
    ]

    static func matches(_ m: InboundMessage) -> Bool {
        guard m.kind == .message, !m.isAutoReply, let text = m.effectiveText else { return false }
        let folded = TextFolding.foldedWords(text, skippingQuotedLines: true)
        guard !folded.isEmpty else { return false }
        // "nada" is a courtesy word only in "de nada"; "ya nada funciona" is a problem.
        return folded.split(separator: 0x20).allSatisfy { word in
            let w = String(decoding: word, as: UTF8.self)
            return w != "nada" && (CourtesyWords.words.contains(w) || confirmations.contains(w))
        }
    }
}
