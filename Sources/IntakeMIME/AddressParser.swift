import Foundation

/// One mailbox of an address list: its display name (encoded words decoded) and address as written.
public struct MailAddress: Sendable, Equatable {
    public var name: String?
    public var address: String
    /// The group it was listed in (`team: a@x, b@y;`), if any.
    public var group: String?

    public init(name: String? = nil, address: String, group: String? = nil) {
        self.name = name
        self.address = address
        self.group = group
    }

    /// The address lowercased: what identifies a sender. (The local part is case-sensitive in theory,
    /// RFC 5321 §2.4, but no mail system we meet treats it so, and ids must match across messages.)
    public var normalized: String { address.lowercased() }

    /// The part before the last `@`, lowercased.
    public var localPart: String {
        let a = normalized
        guard let at = a.lastIndex(of: "@") else { return a }
        return String(a[..<at])
    }
}

/// Parses address lists (RFC 5322 §3.4 with the obsolete forms of §4.4): `Name <addr>`, `"Last, First"
/// <addr>` with `\` escapes, bare `addr`, `<addr>`, `addr (Comment)` (the comment becomes the name when
/// there is no other), groups (`undisclosed-recipients:;`, `team: a@x, b@y;`), source routes
/// (`<@relay:addr>`), encoded-word names, an unquoted `Last, First <addr>`, the name after the address
/// (`<addr> Name`, no name before it), a whole mailbox sent as one
/// encoded word. Entries without an address (`<>`, a name alone: `Juan Perez`, `"Soporte"`) are dropped;
/// one bare word is a local address (`root`); it never fails.
public enum AddressParser {
    enum Token: Equatable {
        case word(String)
        case quoted(String)
        case comment(String)
        case angle(String)
        case special(Character)
    }

    public static func parse(_ value: String) -> [MailAddress] {
        let list = parseList(value)
        guard value.contains("=?"), !list.contains(where: { $0.address.contains("@") }) else { return list }
        // `=?utf-8?Q?Juan_P=C3=A9rez_=3Cjuan=40x.com=3E?=`: PHP's mb_encode_mimeheader and some ticket
        // systems encode the whole mailbox, which RFC 2047 §5 forbids. Read decoded; an encoded word
        // alone is a name, never an address.
        var ignored: [String] = []
        return parseList(EncodedWord.decode(value, warnings: &ignored)).filter { $0.address.contains("@") }
    }

    static func parseList(_ value: String) -> [MailAddress] {
        let tokens = tokenize(value)
        var result: [MailAddress] = []
        var phrase: [String] = []
        var phraseIsQuoted = false
        var comments: [String] = []
        var angle: String?
        /// Words after the `<addr>`: `<ana@x.com> Ana Pérez`, as some CRMs and scripts write the name.
        var trailing: [String] = []
        var group: String?

        func finishMailbox() {
            defer {
                phrase.removeAll()
                phraseIsQuoted = false
                comments.removeAll()
                angle = nil
                trailing.removeAll()
            }
            var address = ""
            var nameWords: [String] = []
            if let angle {
                address = angle.contains("(") && !angle.contains("\"") ? removingComments(angle) : angle
                if let colon = address.lastIndex(of: ":") { address = String(address[address.index(after: colon)...]) }
                nameWords = phrase.isEmpty ? trailing : phrase
            } else if !phrase.isEmpty {
                let full = phrase.filter { $0.contains("@") && !$0.hasPrefix("@") && !$0.hasSuffix("@") }
                if phrase.count > 1, full.count == 1, let at = phrase.firstIndex(of: full[0]) {
                    address = full[0]
                    nameWords = phrase
                    nameWords.remove(at: at)
                } else if full.isEmpty, phrase.count > 1 || phraseIsQuoted {
                    // Words without an `@` and no `<addr>`: a display name whose address is missing.
                    return
                } else if full.count > 1 {
                    // Addresses one after the other without commas (`a@x.com b@x.com`, as some scripts
                    // write a list): each is a mailbox. Joined, they made one address with two `@`.
                    for address in full {
                        result.append(MailAddress(name: nil, address: unquotingLocalPart(address), group: group))
                    }
                    return
                } else {
                    address = phrase.joined()
                }
            }
            address = unquotingLocalPart(address)
            if !address.contains("\"") { address.removeAll { $0 == " " || $0 == "\t" } }
            if address.lowercased().hasPrefix("mailto:") { address = String(address.dropFirst(7)) }
            guard !address.isEmpty else { return }
            var name = nameWords.joined(separator: " ")
            if name.isEmpty, let comment = comments.first { name = comment }
            result.append(MailAddress(name: cleanName(name), address: address, group: group))
        }

        for (index, token) in tokens.enumerated() {
            switch token {
            case .special(","):
                if angle == nil, let last = phrase.indices.last, !phrase.contains(where: { $0.contains("@") }),
                   nextMailboxHasAngle(tokens, after: index)
                {
                    phrase[last] += ","
                } else {
                    finishMailbox()
                }
            case .special(":"):
                if angle == nil, group == nil {
                    var ignored: [String] = []
                    group = EncodedWord.decode(phrase.joined(separator: " "), warnings: &ignored)
                    phrase.removeAll()
                    comments.removeAll()
                } else {
                    phrase.append(":")
                }
            case .special(";"):
                finishMailbox()
                group = nil
            case .special:
                break
            case .angle(let a):
                if angle == nil { angle = a }
            case .comment(let c):
                comments.append(c)
            case .word(let w):
                if angle == nil { phrase.append(w) } else { trailing.append(w) }
            case .quoted(let w):
                if angle == nil {
                    phrase.append(w)
                    phraseIsQuoted = true
                } else {
                    trailing.append(w)
                }
            }
        }
        finishMailbox()
        return result
    }

    /// `"ana.lopez"@example.com` is `ana.lopez@example.com` (RFC 5322 §3.4.1: a quoted local part that
    /// is a valid dot-atom means the same address), so the sender id does not depend on the quotes.
    static func unquotingLocalPart(_ address: String) -> String {
        guard address.hasPrefix("\""), let close = address.dropFirst().firstIndex(of: "\""),
              address[address.index(after: close)...].hasPrefix("@")
        else { return address }
        let local = address[address.index(after: address.startIndex)..<close]
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~")
        let isDotAtom = !local.isEmpty && !local.hasPrefix(".") && !local.hasSuffix(".") && !local.contains("..")
            && local.allSatisfy { atext.contains($0) || $0 == "." }
        return isDotAtom ? String(local) + address[address.index(after: close)...] : address
    }

    /// Whether the list entry after the comma at `index` has an `<addr>`. `Pérez, Juan <juan@x.com>` with
    /// the name unquoted (mailers and CRMs in "Last, First" locales write it) is then one mailbox whose
    /// name has a comma, not a mailbox `Pérez` and another: a word with no `@` is no address anyway.
    static func nextMailboxHasAngle(_ tokens: [Token], after index: Int) -> Bool {
        for token in tokens[(index + 1)...] {
            switch token {
            case .angle: return true
            case .special(","), .special(";"), .special(":"): return false
            case .word(let w) where w.contains("@"): return false
            default: continue
            }
        }
        return false
    }

    /// Decodes encoded words in a display name, drops the quotes Outlook sometimes nests (`'Name'`),
    /// and returns nil for an empty name.
    static func cleanName(_ raw: String) -> String? {
        var ignored: [String] = []
        var name = EncodedWord.decode(raw, warnings: &ignored).trimmingSpaces()
        if name.count >= 2, (name.hasPrefix("'") && name.hasSuffix("'")) || (name.hasPrefix("\"") && name.hasSuffix("\"")) {
            name = String(name.dropFirst().dropLast()).trimmingSpaces()
        }
        return name.isEmpty ? nil : name
    }

    static func tokenize(_ value: String) -> [Token] {
        var tokens: [Token] = []
        let chars = Array(value)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case " ", "\t", "\r", "\n":
                i += 1
            case "\"":
                var text = ""
                i += 1
                while i < chars.count, chars[i] != "\"" {
                    if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                    text.append(chars[i])
                    i += 1
                }
                i += 1
                tokens.append(.quoted(text))
            case "(":
                var depth = 1
                var text = ""
                i += 1
                while i < chars.count, depth > 0 {
                    let d = chars[i]
                    if d == "\\", i + 1 < chars.count {
                        i += 1
                        text.append(chars[i])
                    } else if d == "(" {
                        depth += 1
                        text.append(d)
                    } else if d == ")" {
                        depth -= 1
                        if depth > 0 { text.append(d) }
                    } else {
                        text.append(d)
                    }
                    i += 1
                }
                tokens.append(.comment(text))
            case "<":
                var text = ""
                i += 1
                while i < chars.count, chars[i] != ">" {
                    text.append(chars[i])
                    i += 1
                }
                i += 1
                tokens.append(.angle(text))
            case ",", ";", ":":
                tokens.append(.special(c))
                i += 1
            case ">", ")":
                i += 1
            default:
                var text = ""
                while i < chars.count, !" \t\r\n\"(<>,;:)".contains(chars[i]) {
                    text.append(chars[i])
                    i += 1
                }
                tokens.append(.word(text))
            }
        }
        return mergeQuotedLocalParts(tokens)
    }

    /// `"john doe"@example.com` arrives as a quoted word followed without space by `@example.com`;
    /// join them so the address keeps its quoted local part. The parts of an address split by comments or
    /// whitespace (RFC 5322 §3.2.2, §4.4: `juan(c)@x.com`, `juan @ x . com`) are joined too, around an `@`
    /// and, after it, a `.` (so a name like `Juan P. Perez` stays words); the comments are kept.
    static func mergeQuotedLocalParts(_ tokens: [Token]) -> [Token] {
        var out: [Token] = []
        for token in tokens {
            guard case .word(let w) = token,
                  let k = out.lastIndex(where: { if case .comment = $0 { return false } else { return true } })
            else {
                out.append(token)
                continue
            }
            switch out[k] {
            case .quoted(let local) where k == out.count - 1 && w.hasPrefix("@") && w.count > 1:
                let needsQuotes = local.contains { " \t\"(),:;<>@[\\]".contains($0) }
                let escaped = local.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                out[k] = .word((needsQuotes ? "\"" + escaped + "\"" : local) + w)
            case .word(let previous) where joinsAddress(previous, w):
                out[k] = .word(previous + w)
            default:
                out.append(token)
            }
        }
        return out
    }

    /// Whether `next` continues the address `previous` began: at an `@`, or at a `.` of its domain.
    static func joinsAddress(_ previous: String, _ next: String) -> Bool {
        next.hasPrefix("@") || previous.hasSuffix("@")
            || (previous.contains("@") && (next.hasPrefix(".") || previous.hasSuffix(".")))
    }

    /// The text without its comments (`juan(ventas)@x.com` → `juan@x.com`), nested ones included.
    static func removingComments(_ text: String) -> String {
        var out = ""
        var depth = 0
        for ch in text {
            if ch == "(" {
                depth += 1
            } else if ch == ")" {
                depth = max(0, depth - 1)
            } else if depth == 0 {
                out.append(ch)
            }
        }
        return out
    }
}
