extension E164 {
    /// The digits of a number as it was written, before any country's rules: whether it began with `+`
    /// (or `00`), and the digits in order.
    struct Dialled: Equatable {
        var digits: String
        var hasPlus: Bool
    }

    /// The words people write before a number in a directory or a call log (`Tel.: 4555-1234`,
    /// `Cel 11 15 5276-9999`, `Móvil: +56 9 ...`): a label, not part of the number.
    private static let labels: Set<String> = [
        "tel", "tel\u{E9}fono", "telefono", "tele", "cel", "celular", "m\u{F3}vil", "movil", "fijo", "whatsapp",
        "wsp", "wa", "phone", "mobile", "fono",
    ]

    /// The words that introduce an extension after a number (`int.` and `interno` in Argentina, `anexo`
    /// in Chile, `ext`/`x` in English, `#`), as people write a desk's number in call logs and directories.
    private static let extensionWords = ["extension", "interno", "anexo", "ext", "int", "x", "#"]

    /// Reads the digits out of `raw`: a URI scheme (`tel:`, `whatsapp:`, `sip:`) and a host, a label
    /// before the number, a caller-ID privacy code, SIP parameters and an extension after it are left
    /// out, as are the separators people type (spaces, `-`, `.`, `/`, parentheses). Anything else is a
    /// `Problem` that says what is in the way.
    static func dialled(_ raw: String) -> Result<Dialled, Problem> {
        var text = Substring(raw.trimmingWhitespace())
        for prefix in ["whatsapp:", "tel:", "sip:", "sips:"] where text.lowercased().hasPrefix(prefix) {
            text = text.dropFirst(prefix.count)
        }
        if let at = text.firstIndex(of: "@") { text = text[..<at] }
        text = withoutLabel(text)
        // A caller-ID privacy code dialled before the number (`*31#`, GSM 22.081's `#31#`): what follows it
        // is the number called.
        for code in ["*31#", "#31#"] where text.hasPrefix(code) { text = text.dropFirst(code.count) }
        if let semicolon = text.firstIndex(of: ";") { text = text[..<semicolon] }
        text = withoutExtension(text)

        var digits = ""
        var hasPlus = false
        for ch in text {
            if ch.isASCIIDigit {
                digits.append(ch)
            } else if ch == "+" {
                guard digits.isEmpty, !hasPlus else { return .failure(.plusInside) }
                hasPlus = true
            } else if ch == " " || ch == "-" || ch == "(" || ch == ")" || ch == "." || ch == "/" || ch == "\u{A0}" {
                continue
            } else {
                return .failure(ch.isLetter ? .words : .character(ch))
            }
        }
        guard !digits.isEmpty else { return .failure(.empty) }
        // What carriers and PBXs put in the caller ID of a withheld number (`0`, `0000000000`): no line, and
        // read as digits it was an extension `0` (the call taken for one of our staff calling out) or, after
        // the `00` international prefix, `+00000000`, one "caller" for every withheld call.
        guard digits.contains(where: { $0 != "0" }) else { return .failure(.zeros) }
        if !hasPlus, digits.hasPrefix("00"), digits.count > 8 {
            digits.removeFirst(2)
            hasPlus = true
        } else if !hasPlus, digits.hasPrefix("011"), (11...15).contains(digits.count - 3) {
            // North America's international prefix, which a PBX or SIP trunk set up with US dial plans
            // writes before the country code (`011 54 9 11 5276 9999`). Buenos Aires' `011` is followed by
            // 8 digits (10 with the mobile `15`), never 11 or more, so the two cannot be confused.
            digits.removeFirst(3)
            hasPlus = true
        }
        return .success(Dialled(digits: digits, hasPlus: hasPlus))
    }

    /// `text` without a leading label and the `.`/`:` after it.
    private static func withoutLabel(_ text: Substring) -> Substring {
        let word = text.prefix { $0.isLetter }
        guard !word.isEmpty, labels.contains(word.lowercased()) else { return text }
        return text.dropFirst(word.count).drop { $0 == "." || $0 == ":" || $0 == " " }
    }

    /// `text` without a trailing extension (`+54 11 4555-1234 int. 23`, `2 2928 8900 anexo 105`,
    /// `011 4555-1234 (int. 23)`, `4555-1234, ext 7`): the word and 1–6 digits after it, in parentheses
    /// or after a comma too. Anything else is left as it was (and is no number).
    private static func withoutExtension(_ text: Substring) -> Substring {
        guard let start = text.firstIndex(where: { $0.isLetter || $0 == "#" }) else { return text }
        var rest = Substring(text[start...].lowercased())
        guard let word = extensionWords.first(where: { rest.hasPrefix($0) }) else { return text }
        rest = rest.dropFirst(word.count).drop { $0 == "." || $0 == ":" || $0 == " " }
        var number = text[..<start]
        if number.last(where: { $0 != " " }) == "(" {
            guard rest.hasSuffix(")") else { return text }
            rest = rest.dropLast()
            number = number.dropLast(while: { $0 == " " || $0 == "(" })
        }
        guard (1...6).contains(rest.count), rest.allSatisfy(\.isASCIIDigit) else { return text }
        return number.dropLast(while: { $0 == " " || $0 == "," || $0 == ";" })
    }
}

extension Substring {
    /// Drops trailing characters while `predicate` holds.
    fileprivate func dropLast(while predicate: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }
}
