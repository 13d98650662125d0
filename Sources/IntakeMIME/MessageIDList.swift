/// Reads `Message-ID`, `In-Reply-To`, `References` and `Content-ID` values (RFC 5322 §3.6.4): the ids
/// between angle brackets, brackets removed, comments and phrases (obsolete `In-Reply-To` syntax)
/// skipped. Whitespace inside an id (folding, the obsolete CFWS of §4.5.4) goes, except within a quoted
/// local part (`<"quoted local"@x.com>`, §4.5.4's obs-id-left), which is kept as written, quotes
/// included, so the id is the same wherever it is quoted; a quoted phrase outside the brackets may hold
/// `<` and is no id. A value with no brackets at all (some mailers) yields its whitespace-separated words
/// that look like ids (contain `@`), or the whole trimmed value when it is one word; `<>` is no id.
public enum MessageIDList {
    public static func parse(_ value: String) -> [String] {
        let ids = bracketed(value, readingQuotes: true) ?? bracketed(value, readingQuotes: false) ?? []
        if !ids.isEmpty { return ids }
        let words = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
        let withAt = words.filter { $0.contains("@") }.map { $0.trimmingCharacters(["<", ">"]) }
        if !withAt.isEmpty { return withAt }
        if words.count == 1, !(words[0].contains("(")) {
            let id = words[0].trimmingCharacters(["<", ">"])
            return id.isEmpty ? [] : [id]
        }
        return []
    }

    /// The ids between angle brackets; nil when a quoted string never closes (a stray `"` in a broken id),
    /// which is then read with quotes as plain characters. A quote opens a quoted string outside the
    /// brackets, or inside where a word of the local part starts (first, or after a `.`).
    static func bracketed(_ value: String, readingQuotes: Bool) -> [String]? {
        var ids: [String] = []
        var current = ""
        var inside = false
        var quoted = false
        var escaped = false
        var commentDepth = 0
        for ch in value {
            if commentDepth > 0 {
                if ch == "(" { commentDepth += 1 } else if ch == ")" { commentDepth -= 1 }
                continue
            }
            if quoted {
                if escaped {
                    escaped = false
                } else if ch == "\\" {
                    escaped = true
                } else if ch == "\"" {
                    quoted = false
                }
                if inside, ch != "\r\n", ch != "\r", ch != "\n" { current.append(ch) }
                continue
            }
            if readingQuotes, ch == "\"", !inside || current.isEmpty || current.last == "." {
                quoted = true
                if inside { current.append(ch) }
            } else if inside {
                if ch == ">" {
                    if !current.isEmpty { ids.append(current) }
                    current = ""
                    inside = false
                } else if !ch.isWhitespace {
                    current.append(ch)
                }
            } else if ch == "<" {
                inside = true
            } else if ch == "(" {
                commentDepth = 1
            }
        }
        return quoted ? nil : ids
    }
}

extension String {
    func trimmingCharacters(_ set: Set<Character>) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
