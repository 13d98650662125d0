import IntakeCore

/// A customer's last word on a solved problem: "¡Muchas gracias!", "Listo, ya funciona, gracias",
/// "Perfecto, quedó solucionado", "Works now, thanks". Sent after we resolved the ticket, it asks
/// nothing: it is recorded on the ticket, which stays resolved (reopened, the ticket would go back
/// to the queue and count against the SLA; after the reopen window it would open a new one).
///
/// Every word must be a courtesy (`CourtesyWords`) or confirmation word: one word of a request
/// ("no", "otra", "error", "pero") makes it a follow-up that reopens. Asked only of a message that
/// would reopen, link or open a ticket, so the text is folded again here, off the prepared stages.
enum ClosingThanks {
    static let confirmations: Set<String> = [
        "ya", "funciona", "funcionan", "funcionando", "anda", "andan", "andando", "resuelto", "resuelta", "solucionado",
        "solucionada", "solucionaron", "resolvieron", "arreglado", "arreglada", "quedo", "quedamos", "esta", "estamos",
        "correcto", "correctamente", "confirmo", "confirmamos", "era", "eso", "ayuda", "funcionou", "resolvido",
        "works", "working", "now", "fixed", "solved", "resolved", "sorted", "it", "is", "that", "confirmed", "help",
    ]

    /// The resolved or closed ticket `m` thanks us for, and what threaded it there: a message that would
    /// reopen it or open a ticket linking it, or (WhatsApp, phone: the conversation key joins open
    /// tickets only) one that would open a new ticket from the number whose last ticket we resolved.
    static func ticket(thankedBy m: InboundMessage, threading: Threader.Decision, thread: (ref: String, isStrong: Bool)?,
                       route: Router.Decision, records: DeskRecords) throws -> (ticket: Ticket, reason: String)? {
        switch threading {
        case .existing: return nil
        case .reopen(let t, let reason), .newLinked(let t, let reason): return matches(m) ? (t, reason) : nil
        case .none:
            // Most messages here open a new conversation and are no thanks: asked first, in memory, before
            // the store is.
            guard let thread, !thread.isStrong, matches(m), let id = try records.ticketID(forRef: thread.ref),
                  let t = try records.ticket(id: id), !t.status.isOpen, t.customerID == route.customer?.id
            else { return nil }
            return (t, "same conversation \(thread.ref)")
        }
    }

    static func matches(_ m: InboundMessage) -> Bool {
        // Thanks are short: a longer text says more, and is not folded again.
        guard m.kind == .message, !m.isAutoReply, let text = m.effectiveText, text.utf8.count <= 200 else { return false }
        let folded = TextFolding.foldedWords(text, skippingQuotedLines: true)
        guard !folded.isEmpty else { return false }
        // "nada" is a courtesy word only in "de nada"; "ya nada funciona" is a problem.
        return CourtesyWords.everyWord(of: folded) { w in
            w != "nada" && (CourtesyWords.words.contains(w) || confirmations.contains(w))
        }
    }
}
