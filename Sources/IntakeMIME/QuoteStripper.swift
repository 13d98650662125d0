/// Removes what a reply repeats or appends, to leave the text a ticket needs: the quoted history and
/// the signature. The message itself keeps its full text; this is only for the ticket.
///
/// The history starts at the first of: a reply header (`On ... wrote:`, `El ... escribió:`, `Em ... escreveu:`,
/// also wrapped over two lines as Gmail does), an Outlook header block (`From:`/`De:` followed within a few
/// lines by `Sent:`/`Enviado:`/`Enviada em:`/`Date:`/`Fecha:`/`Data:` and `Subject:`/`Asunto:`/`Assunto:`,
/// with the `____` rule above it),
/// `-----Original Message-----` and its Spanish form. The note ends earlier at the signature separator
/// `-- ` (RFC 3676 §4.3), a mobile trailer (`Sent from my iPhone`, `Enviado desde mi iPhone`, ...) or a
/// legal disclaimer (`isDisclaimer`), and starts after a mail gateway's external-sender warning
/// (`leadingBanner`).
/// Lines quoted with `>` are dropped wherever they are.
///
/// A forwarded message is the request, so it is kept from its marker on, after the forwarder's note
/// (whose signature or phone trailer may come before the marker, as an iPhone puts it). A forward that
/// carries no marker (Outlook's `RV:`/`FW:` repeats the header block a reply has) is told by its subject
/// (`isForward`): its history is the forwarded message. A forward quoted whole (Apple Mail's plain text:
/// `> Begin forwarded message:`) is kept without that one level of quoting.
public enum QuoteStripper {
    public static func strip(_ text: String, isForward: Bool = false) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let (cut, forwarded) = cuts(lines, isForward: isForward)
        let banner = leadingBanner(lines[..<cut])
        var kept = lines[banner..<cut].filter { !$0.hasPrefix(">") && !isImagePlaceholder($0) }
        if let forwarded {
            while let last = kept.last, last.trimmingSpacesSubstring().isEmpty { kept.removeLast() }
            if !kept.isEmpty { kept.append("") }
            // Apple Mail's plain text quotes the message it forwards (`> Begin forwarded message:`): one
            // level of quoting is the forward's own, what is quoted inside it is its history. Its HTML
            // quotes the message (`blockquote type="cite"`) under an unquoted marker on the iPhone.
            let firstAfter = lines[(forwarded + 1)...].first { !$0.trimmingSpacesSubstring().isEmpty }
            let isQuoted = lines[forwarded].hasPrefix(">") || firstAfter?.hasPrefix(">") == true
            kept += lines[forwarded...].map { isQuoted ? unquotedOnce($0) : $0 }.filter { !$0.hasPrefix(">") }
        }
        while let last = kept.last, last.trimmingSpacesSubstring().isEmpty { kept.removeLast() }
        while let first = kept.first, first.trimmingSpacesSubstring().isEmpty { kept.removeFirst() }
        if kept.isEmpty, forwarded == nil, let answer = bottomPostedAnswer(lines, historyAt: cut) { return answer }
        let result = kept.map { String($0.trimmingTrailingSpaces()) }.joined(separator: "\n")
        return result.isEmpty ? text : result
    }

    /// The answer of a mail written below the quote it answers (bottom-posting, as Thunderbird and list
    /// etiquette have it, or answers between the quoted lines): nothing above the reply header, the
    /// quote in `>` lines under it, the sender's own lines after or between them. Those lines, with
    /// their own signature cut, are the note; nil when the history is not quoted (an Outlook block,
    /// whose original text cannot be told from an answer) or nothing of the sender's follows it.
    static func bottomPostedAnswer(_ lines: [Substring], historyAt cut: Int) -> String? {
        guard cut < lines.count else { return nil }
        let below = lines[(cut + 1)...]
        // The header may be wrapped over two lines (Gmail): the quote starts on the first or second line.
        guard let quote = below.firstIndex(where: { $0.hasPrefix(">") }), quote <= cut + 2 else { return nil }
        let own = lines[quote...].filter { !$0.hasPrefix(">") }
        guard own.contains(where: { !$0.trimmingSpacesSubstring().isEmpty }) else { return nil }
        return strip(own.joined(separator: "\n"))
    }

    /// A line that only stands for an inline image: Outlook's plain alternative writes `[cid:image001.png@01DA...]`
    /// where its HTML shows a signature's logo, which is no text of the request.
    static func isImagePlaceholder(_ line: Substring) -> Bool {
        let trimmed = line.trimmingSpacesSubstring()
        return trimmed.hasPrefix("[cid:") && trimmed.hasSuffix("]") && !trimmed.dropFirst().contains("[")
    }

    /// The line without its first `>` and the space after it.
    static func unquotedOnce(_ line: Substring) -> Substring {
        guard line.hasPrefix(">") else { return line }
        let rest = line.dropFirst()
        return rest.hasPrefix(" ") ? rest.dropFirst() : rest
    }

    /// Where the note ends (`cut`) and, for a forward, where the forwarded message starts.
    static func cuts(_ lines: [Substring], isForward: Bool) -> (cut: Int, forwarded: Int?) {
        var noteEnd: Int?
        for (index, raw) in lines.enumerated() {
            let lower = raw.trimmingSpacesSubstring().lowercased()
            if isForwardMarker(lower) { return (noteEnd ?? index, index) }
            if let start = historyStart(lines, at: index, lower: lower) {
                return (noteEnd ?? start, isForward ? start : nil)
            }
            if noteEnd == nil, raw == "-- " || raw == "--" || raw == "-- \r" || isTrailer(lower) || isDisclaimer(lines, at: index, lower: lower) {
                noteEnd = index
            }
        }
        return (noteEnd ?? lines.count, nil)
    }

    /// Where quoted history starts if it starts at line `index` (the line before it, for a rule above an
    /// Outlook header block); nil if it does not.
    static func historyStart(_ lines: [Substring], at index: Int, lower: String) -> Int? {
        if isSeparator(lower) || isReplyHeader(lower) { return index }
        // Gmail wraps a long header over two lines. The next line being a whole header of its own is no
        // wrap: `El pedido no llegó.` above `En miércoles, ... escribió:` read as one header cut everything.
        if index + 1 < lines.count, !lower.isEmpty, !lower.hasPrefix(">"),
           replyHeaderStarts.contains(where: { lower.hasPrefix($0) })
        {
            let next = lines[index + 1].trimmingSpacesSubstring().lowercased()
            if !isReplyHeader(next), isReplyHeader(lower + " " + next) { return index }
        }
        if isAttributionOfQuote(lines, at: index, lower: lower) { return index }
        if isHeaderStart(lower), isOutlookBlock(lines, from: index) {
            if index > 0, lines[index - 1].trimmingSpacesSubstring().allSatisfy({ $0 == "_" || $0 == "-" }),
               lines[index - 1].count >= 8
            {
                return index - 1
            }
            return index
        }
        let line = lines[index].trimmingSpacesSubstring()
        if line.allSatisfy({ $0 == "_" }), line.count >= 20, index + 1 < lines.count,
           isHeaderStart(lines[index + 1].trimmingSpacesSubstring().lowercased())
        {
            return index
        }
        return nil
    }

    /// Whether a subject says its mail is a forward: `Fwd:`, `Fw:`, and Outlook's `RV:` (Spanish), `ENC:`
    /// (Portuguese), `TR:` (French), `WG:` (German), before any `Re:`, after the tags a gateway or a list
    /// writes first (`SubjectTags`: `[EXTERNAL] RV: ...`).
    public static func isForwardSubject(_ subject: String?) -> Bool {
        let lower = SubjectTags.droppingLeading(subject ?? "").lowercased()
        return ["fwd:", "fw:", "rv:", "enc:", "tr:", "wg:"].contains { lower.hasPrefix($0) }
    }

    static func isSeparator(_ lower: String) -> Bool {
        let stripped = lower.filter { $0 != "-" && $0 != " " && $0 != "*" }
        guard lower.hasPrefix("---") || lower.hasPrefix("___") || lower.hasPrefix("***") else { return false }
        return ["originalmessage", "mensajeoriginal", "mensagemoriginal", "originalnachricht", "messaged'origine"].contains(stripped)
    }

    /// `---------- Forwarded message ---------`, `Begin forwarded message:`, `Mensaje reenviado`, Portuguese
    /// `Mensagem encaminhada` (Gmail, Thunderbird, Apple Mail's `Início da mensagem encaminhada:`) and
    /// `mensagem reencaminhada` (Portugal), Lotus
    /// Notes' `----- Forwarded by Name/ORG on <date> -----` (`Reenviado por ... con fecha`, as long as the
    /// names): what follows is the request itself.
    static func isForwardMarker(_ lower: String) -> Bool {
        if lower.hasPrefix("-----"), lower.count < 200, lower.contains("forwarded by ") || lower.contains("reenviado por ") {
            return true
        }
        return lower.count < 80 && [
            "forwarded message", "begin forwarded message", "mensaje reenviado", "mensagem encaminhada",
            "mensagem reencaminhada", "original message follows",
        ]
            .contains { lower.contains($0) }
    }

    static func isTrailer(_ lower: String) -> Bool {
        let prefixes = ["sent from my ", "enviado desde mi ", "sent from outlook for", "enviado desde outlook para",
                        "get outlook for", "obtener outlook para", "sent from mail for windows", "enviado desde correo para windows",
                        "sent from yahoo mail", "enviado desde yahoo mail", "enviado do meu ", "sent from samsung mobile",
                        "enviado desde samsung mobile", "sent via the samsung", "sent from the all new aol app",
                        "sent with proton mail", "enviado con el correo electrónico seguro de proton mail",
                        "obter o outlook para", "enviado do yahoo mail", "enviado do email para windows"]
        return lower.count < 80 && prefixes.contains { lower.hasPrefix($0) }
    }

    /// `On <date>, <name> wrote:` / `El <fecha>, <nombre> escribió:` (also `Le ... a écrit :`), and Yahoo's
    /// Spanish `En <día>, <fecha>, <nombre> escribió:`, which must hold a digit of its date: a sentence of
    /// the customer's that starts with `En` and ends in `escribió:` does not. Zoho Mail writes the header
    /// between dashes and without the colon (`---- On <date> <name> wrote ----`, `---- El ... escribió ----`)
    /// above history it does not quote with `>`.
    static func isReplyHeader(_ lower: String) -> Bool {
        guard lower.count < 300 else { return false }
        if lower.hasPrefix("----"), lower.hasSuffix("----") {
            return isReplyHeader(lower.trimmingCharacters(["-", " "]) + ":")
        }
        let isYahooSpanish = lower.hasPrefix("en ") && lower.contains(where: \.isNumber)
        return (isYahooSpanish || replyHeaderStarts.contains { lower.hasPrefix($0) })
            && replyHeaderEndings.contains { lower.hasSuffix($0) }
            || isNotesReplyHeader(lower) || isVerbFirstReplyHeader(lower)
    }

    /// Thunderbird in German puts the verb before the name: `Am 07.05.2012 08:10, schrieb Martin Edenhofer:`
    /// (so the line does not end in the verb); the date's digits must be there.
    static func isVerbFirstReplyHeader(_ lower: String) -> Bool {
        lower.hasPrefix("am ") && lower.hasSuffix(":") && lower.contains(", schrieb ") && lower.contains(where: \.isNumber)
    }

    static let replyHeaderEndings = ["wrote:", "escribió:", "escribio:", "a écrit :", "a écrit:", "schrieb:", "escreveu:"]

    /// A short line ending as a reply header does, right above a quoted (`>`) line, blank lines apart:
    /// Thunderbird's `Soporte Acme escribió:` (its reply header without the date), Horde's (cPanel's
    /// webmail) `Quoting Soporte <s@x.com>:` / `Citando a Soporte <s@x.com>:` / `Citando Soporte ...:`, and
    /// any client's header in a form we do not list. The quote below it says what the line is.
    static func isAttributionOfQuote(_ lines: [Substring], at index: Int, lower: String) -> Bool {
        let isHorde = ["quoting ", "citando a ", "citando "].contains(where: lower.hasPrefix) && lower.hasSuffix(":")
        guard lower.count < 200, !lower.hasPrefix(">"), isHorde || replyHeaderEndings.contains(where: { lower.hasSuffix($0) })
        else {
            return false
        }
        let next = lines[(index + 1)..<min(lines.count, index + 4)].first { !$0.trimmingSpacesSubstring().isEmpty }
        return next?.hasPrefix(">") == true
    }

    /// How a reply header starts: `On`, `El`, `Le`, `Am`, Portuguese `Em`.
    static let replyHeaderStarts = ["on ", "el ", "le ", "am ", "em "]

    /// Lotus Notes puts the date after the verb: `"Soporte" <s@x.com> wrote on 06/03/2024 10:20:33 AM:`,
    /// `Soporte <s@x.com> escribió el 03/06/2024 10:20:33:`; what follows the verb must hold the date's digits.
    static func isNotesReplyHeader(_ lower: String) -> Bool {
        guard lower.hasSuffix(":") else { return false }
        for verb in [" wrote on ", " escribió el ", " escribio el "] {
            if let range = lower.range(of: verb), lower[range.upperBound...].contains(where: \.isNumber) { return true }
        }
        return false
    }

    /// `From:`, Spanish and Portuguese `De:`, German `Von:` (Outlook writes the block in its own language).
    static func isHeaderStart(_ lower: String) -> Bool {
        ["from:", "de:", "von:", "*from:*", "*de:*", "*von:*"].contains { lower.hasPrefix($0) }
    }

    /// A `From:` line followed within ten lines by a date line and a subject line (Outlook, Apple Mail), in
    /// English, Spanish or Portuguese (Outlook's `Enviada em:`/`Enviado em:`, Apple Mail's `Data:`, Zimbra's
    /// `Enviados:`/`Enviadas:` after `Para:`, under an `<hr>` in its HTML rather than its plain text's
    /// `----- Mensaje original -----`).
    static func isOutlookBlock(_ lines: [Substring], from index: Int) -> Bool {
        var sawDate = false
        var sawSubject = false
        // Ten, not five: Outlook wraps a long `Cc:` over lines, and an HTML block whose labels and values are
        // elements of their own (`<p><b>De:</b></p><p>Soporte</p>`) gives each its line.
        for line in lines[(index + 1)..<min(lines.count, index + 11)] {
            let lower = line.trimmingSpacesSubstring().lowercased().filter { $0 != "*" }
            if ["sent:", "enviado:", "date:", "fecha:", "enviado el:", "enviado em:", "enviada em:", "data:", "enviados:", "enviadas:",
                "gesendet:", "datum:"].contains(where: { lower.hasPrefix($0) }) { sawDate = true }
            if ["subject:", "asunto:", "assunto:", "betreff:"].contains(where: { lower.hasPrefix($0) }) { sawSubject = true }
        }
        return sawDate && sawSubject
    }
}

extension Substring {
    func trimmingTrailingSpaces() -> Substring {
        var s = self
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return s
    }
}
