/// Reads `Message-ID`, `In-Reply-To`, `References` and `Content-ID` values (RFC 5322 §3.6.4): the ids
/// between angle brackets, brackets removed, comments and phrases (obsolete `In-Reply-To` syntax)
/// skipped. A value with no brackets at all (some mailers) yields its whitespace-separated words that
/// look like ids (contain `@`), or the whole trimmed value when it is one word; `<>` is no id.
public enum MessageIDList {
    public static func parse(_ value: String) -> [String] {
        var ids: [String] = []
        var current: [Character] = []
        var inside = false
        var commentDepth = 0
        for ch in value {
            if commentDepth > 0 {
                if ch == "(" { commentDepth += 1 } else if ch == ")" { commentDepth -= 1 }
                continue
            }
            if inside {
                if ch == ">" {
                    let id = String(current).filter { !$0.isWhitespace }
                    if !id.isEmpty { ids.append(id) }
                    current.removeAll()
                    inside = false
                } else {
                    current.append(ch)
                }
            } else if ch == "<" {
                inside = true
            } else if ch == "(" {
                commentDepth = 1
            }
        }
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
}

extension String {
    func trimmingCharacters(_ set: Set<Character>) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
