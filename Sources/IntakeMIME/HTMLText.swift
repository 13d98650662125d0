import Foundation
import IntakeCore

/// The visible text of an HTML body, for mail that has no text/plain part: `script`, `style`, `head`,
/// `title` and comments dropped; entities decoded (numeric and the named ones mail uses); block elements
/// (`p div br li tr h1`–`h6` and the like) as line breaks; other whitespace collapsed, `pre` kept.
/// Works on UTF-8 bytes: tags are ASCII, text is copied in runs.
///
/// A quoting `blockquote` (`citesQuote`) has its lines marked `> ` per level, as the plain-text
/// alternative of the same reply has them (Thunderbird's and html2text's conversions do the same), so
/// `QuoteStripper` finds the history of an HTML-only reply whatever the language of its header. A
/// blockquote that only indents (Gmail's indent button) is text. A signature the client marks
/// (`startsSignature`) gets the `-- ` line above it that the plain text of a Gmail mail has, so it ends the
/// ticket's text as a plain signature does.
public enum HTMLText {
    public static func text(_ html: String) -> String {
        let b = Array(html.utf8)
        var out = Output()
        out.bytes.reserveCapacity(b.count / 2)
        var i = 0
        var preDepth = 0
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "<") {
                i = tag(b, at: i, out: &out, preDepth: &preDepth)
            } else if c == UInt8(ascii: "&") {
                let (scalar, next) = entity(b, at: i)
                if let scalar {
                    if scalar == 0xA0 { out.text([0xC2, 0xA0]) } else if isSpace(scalar) { out.space() } else {
                        var utf8: [UInt8] = []
                        Charset.appendUTF8(scalar, to: &utf8)
                        out.text(utf8[...])
                    }
                } else {
                    out.text([c])
                }
                i = next
            } else if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C {
                if preDepth > 0, c == 0x0A { out.breakLine(cumulative: true) } else if preDepth > 0, c != 0x0D { out.text([c]) } else { out.space() }
                i += 1
            } else if hasPrefix(b, i, "\u{FEFF}") {
                i += 3
            } else {
                var j = i + 1
                while j < b.count, b[j] != UInt8(ascii: "<"), b[j] != UInt8(ascii: "&"), b[j] > 0x20 { j += 1 }
                out.text(b[i..<j])
                i = j
            }
        }
        return finish(out.bytes)
    }

    /// Collects text with pending whitespace and line breaks resolved lazily, so runs of either collapse.
    struct Output {
        var bytes: [UInt8] = []
        var pendingSpace = false
        var pendingBreaks = 0
        /// Whether each open `blockquote` quotes, innermost last; `quoteDepth` counts those that do.
        var blockquotes: [Bool] = []
        var quoteDepth = 0

        mutating func text<C: Collection>(_ run: C) where C.Element == UInt8 {
            if pendingBreaks > 0 {
                if !bytes.isEmpty { bytes.append(contentsOf: repeatElement(0x0A, count: min(pendingBreaks, 2))) }
            } else if pendingSpace, !bytes.isEmpty, bytes.last != 0x0A {
                bytes.append(0x20)
            }
            pendingBreaks = 0
            pendingSpace = false
            if quoteDepth > 0, bytes.isEmpty || bytes.last == 0x0A {
                for _ in 0..<quoteDepth { bytes.append(contentsOf: [UInt8(ascii: ">"), 0x20]) }
            }
            bytes.append(contentsOf: run)
        }

        mutating func space() { pendingSpace = true }

        /// A `--` line, unless the text already ends in one (Gmail writes `-- ` above its marked signature).
        mutating func signatureSeparator() {
            let endsInSeparator = bytes.last == UInt8(ascii: "-") && bytes.dropLast().last == UInt8(ascii: "-")
                && (bytes.count == 2 || bytes.dropLast(2).last == 0x0A)
            guard !endsInSeparator else { return }
            breakLine(cumulative: false)
            text("--".utf8)
            breakLine(cumulative: false)
        }

        mutating func blockquote(closing: Bool, cites: @autoclosure () -> Bool) {
            if closing {
                if blockquotes.popLast() == true { quoteDepth -= 1 }
            } else {
                let quotes = cites()
                blockquotes.append(quotes)
                if quotes { quoteDepth += 1 }
            }
        }

        mutating func breakLine(cumulative: Bool) {
            pendingBreaks = cumulative ? pendingBreaks + 1 : max(pendingBreaks, 1)
        }
    }

    static let blockTags: Set<String> = [
        "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "hr",
        "pre", "section", "article", "header", "footer", "address", "dt", "dd", "dl", "center", "form", "tbody",
        "thead", "tfoot", "nav", "aside", "main", "figure", "figcaption", "body", "html",
    ]
    static let skippedTags: Set<String> = ["script", "style", "head", "title", "noscript", "template", "xml"]

    /// Handles the tag (or comment, doctype) at `start`; returns the index after it.
    static func tag(_ b: [UInt8], at start: Int, out: inout Output, preDepth: inout Int) -> Int {
        if hasPrefix(b, start, "<!--") {
            return find(b, "-->", from: start + 4).map { $0 + 3 } ?? b.count
        }
        var i = start + 1
        let closing = i < b.count && b[i] == UInt8(ascii: "/")
        if closing { i += 1 }
        let nameStart = i
        while i < b.count, isNameByte(b[i]) { i += 1 }
        guard i > nameStart || (i < b.count && (b[i] == UInt8(ascii: "!") || b[i] == UInt8(ascii: "?"))) else {
            out.text([UInt8(ascii: "<")])
            return start + 1
        }
        let name = String(decoding: b[nameStart..<i], as: UTF8.self).lowercased()
        var quote: UInt8 = 0
        while i < b.count {
            let c = b[i]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            } else if c == UInt8(ascii: ">") {
                break
            }
            i += 1
        }
        let end = min(i + 1, b.count)
        if !closing, skippedTags.contains(name) {
            // HTML5 lets `</head>` be left out (§13.1.2.4): the head then ends where the body starts, and so
            // does a `<title>` written without a head. The close is looked for only up to there, so each byte
            // is searched a bounded number of times.
            let body = name == "head" || name == "title" ? find(b, "<body", from: end, caseInsensitive: true) : nil
            let close = find(b, "</" + name, from: end, before: body ?? b.count, caseInsensitive: true)
            return close.map { closeEnd(b, $0) } ?? body ?? b.count
        }
        if !closing, name == "div" || name == "a", startsSignature(b[start..<end]) { out.signatureSeparator() }
        if name == "br" {
            out.breakLine(cumulative: true)
        } else if name == "td" || name == "th" {
            out.space()
        } else if name == "img", !closing, let alt = attribute(b[start..<end], "alt"), !alt.isEmpty {
            out.text(Array(alt.utf8))
        } else if blockTags.contains(name) {
            out.breakLine(cumulative: false)
            if name == "blockquote" { out.blockquote(closing: closing, cites: citesQuote(b[start..<end])) }
            if name == "pre" { preDepth = max(0, preDepth + (closing ? -1 : 1)) }
        }
        return end
    }

    /// Whether a `blockquote` start tag quotes a message: `type="cite"` (Apple Mail, Thunderbird, Roundcube,
    /// Horde), a class naming a quote (Gmail's `gmail_quote`, Proton's `protonmail_quote`; not Bootstrap's
    /// `blockquote`, a newsletter's pull quote), or the left rule webmails draw under a quote (Zimbra's
    /// `border-left`). Gmail's indent button writes a bare blockquote with `border:none`.
    static func citesQuote(_ tag: ArraySlice<UInt8>) -> Bool {
        if attribute(tag, "type")?.lowercased() == "cite" { return true }
        let classes = attribute(tag, "class")?.lowercased().split(separator: " ") ?? []
        if classes.contains(where: { $0 == "quote" || $0.hasSuffix("_quote") }) { return true }
        return attribute(tag, "style")?.lowercased().contains("border-left") == true
    }

    /// Whether an element holds the sender's signature as the client marks it: Gmail's `gmail_signature`
    /// class, Outlook on the web's and the new Outlook's `id="Signature"`, Outlook desktop's (Word's)
    /// `_MailAutoSig` bookmark.
    static func startsSignature(_ tag: ArraySlice<UInt8>) -> Bool {
        if attribute(tag, "id") == "Signature" || attribute(tag, "name") == "_MailAutoSig" { return true }
        return attribute(tag, "class")?.split(separator: " ").contains("gmail_signature") == true
    }

    private static func closeEnd(_ b: [UInt8], _ at: Int) -> Int {
        var i = at
        while i < b.count, b[i] != UInt8(ascii: ">") { i += 1 }
        return min(i + 1, b.count)
    }

    /// The value of `name="..."` inside a tag.
    static func attribute(_ tag: ArraySlice<UInt8>, _ name: String) -> String? {
        let text = String(decoding: tag, as: UTF8.self)
        guard let range = text.range(of: " " + name + "=", options: .caseInsensitive) else { return nil }
        var rest = text[range.upperBound...]
        guard let q = rest.first else { return nil }
        if q == "\"" || q == "'" {
            rest = rest.dropFirst()
            return rest.firstIndex(of: q).map { String(rest[..<$0]) }
        }
        return String(rest.prefix { $0 != " " && $0 != ">" && $0 != "/" })
    }

    /// Decodes `&name;`, `&#123;`, `&#x1F;` at `start`; nil scalar when it is no entity.
    static func entity(_ b: [UInt8], at start: Int) -> (UInt32?, Int) {
        var i = start + 1
        if i < b.count, b[i] == UInt8(ascii: "#") {
            i += 1
            let hex = i < b.count && (b[i] | 0x20) == UInt8(ascii: "x")
            if hex { i += 1 }
            var value: UInt32 = 0
            let digitsStart = i
            while i < b.count, i - digitsStart < 8 {
                let c = b[i]
                if let d = Hex.value(c), hex || d < 10 {
                    value = value * (hex ? 16 : 10) + UInt32(d)
                } else {
                    break
                }
                i += 1
            }
            guard i > digitsStart else { return (nil, start + 1) }
            if i < b.count, b[i] == UInt8(ascii: ";") { i += 1 }
            if value == 0 { value = 0xFFFD }
            // HTML5 §13.2.5.80: references to the C1 range mean the Windows-1252 characters of those bytes.
            if (0x80...0x9F).contains(value) { value = UInt32(Charset.windows1252[Int(value) - 0x80]) }
            return (value, i)
        }
        let nameStart = i
        while i < b.count, i - nameStart < 10, isAlnum(b[i]) { i += 1 }
        let name = String(decoding: b[nameStart..<i], as: UTF8.self)
        guard let scalar = named[name] else { return (nil, start + 1) }
        if i < b.count, b[i] == UInt8(ascii: ";") { i += 1 }
        return (scalar, i)
    }

    static let named: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "nbsp": 0xA0, "shy": 0xAD,
        "aacute": 0xE1, "eacute": 0xE9, "iacute": 0xED, "oacute": 0xF3, "uacute": 0xFA, "yacute": 0xFD,
        "Aacute": 0xC1, "Eacute": 0xC9, "Iacute": 0xCD, "Oacute": 0xD3, "Uacute": 0xDA, "Yacute": 0xDD,
        "agrave": 0xE0, "egrave": 0xE8, "igrave": 0xEC, "ograve": 0xF2, "ugrave": 0xF9,
        "Agrave": 0xC0, "Egrave": 0xC8, "Igrave": 0xCC, "Ograve": 0xD2, "Ugrave": 0xD9,
        "acirc": 0xE2, "ecirc": 0xEA, "icirc": 0xEE, "ocirc": 0xF4, "ucirc": 0xFB,
        "auml": 0xE4, "euml": 0xEB, "iuml": 0xEF, "ouml": 0xF6, "uuml": 0xFC, "yuml": 0xFF,
        "Auml": 0xC4, "Euml": 0xCB, "Iuml": 0xCF, "Ouml": 0xD6, "Uuml": 0xDC,
        "atilde": 0xE3, "otilde": 0xF5, "Atilde": 0xC3, "Otilde": 0xD5, "ntilde": 0xF1, "Ntilde": 0xD1,
        "ccedil": 0xE7, "Ccedil": 0xC7, "szlig": 0xDF, "aring": 0xE5, "Aring": 0xC5, "aelig": 0xE6, "oslash": 0xF8,
        "iexcl": 0xA1, "iquest": 0xBF, "laquo": 0xAB, "raquo": 0xBB, "ordf": 0xAA, "ordm": 0xBA, "deg": 0xB0,
        "copy": 0xA9, "reg": 0xAE, "trade": 0x2122, "euro": 0x20AC, "pound": 0xA3, "cent": 0xA2, "yen": 0xA5,
        "sect": 0xA7, "para": 0xB6, "middot": 0xB7, "times": 0xD7, "divide": 0xF7, "plusmn": 0xB1, "micro": 0xB5,
        "frac12": 0xBD, "frac14": 0xBC, "frac34": 0xBE, "sup2": 0xB2, "sup3": 0xB3,
        "hellip": 0x2026, "mdash": 0x2014, "ndash": 0x2013, "lsquo": 0x2018, "rsquo": 0x2019, "sbquo": 0x201A,
        "ldquo": 0x201C, "rdquo": 0x201D, "bdquo": 0x201E, "bull": 0x2022, "dagger": 0x2020, "permil": 0x2030,
        "lsaquo": 0x2039, "rsaquo": 0x203A, "ensp": 0x2002, "emsp": 0x2003, "thinsp": 0x2009, "zwnj": 0x200C,
        "zwj": 0x200D, "not": 0xAC, "curren": 0xA4, "brvbar": 0xA6, "uml": 0xA8, "macr": 0xAF, "acute": 0xB4,
        "cedil": 0xB8, "sup1": 0xB9, "Acirc": 0xC2, "Ecirc": 0xCA, "Icirc": 0xCE, "Ocirc": 0xD4, "Ucirc": 0xDB,
        "AElig": 0xC6, "Oslash": 0xD8, "ETH": 0xD0, "eth": 0xF0, "THORN": 0xDE, "thorn": 0xFE, "rarr": 0x2192, "larr": 0x2190, "uarr": 0x2191, "darr": 0x2193, "check": 0x2713,
    ]

    /// Trims the end of each line (leading spaces are `pre` or `&nbsp;` indentation), drops the blank lines at both ends, turns NBSP into spaces and keeps at most one
    /// blank line in a row. A zero-width no-break space (U+FEFF, which Apple Mail leaves at the start of a
    /// quoted message) goes: it is no text and would keep a blank line from being blank.
    static func finish(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self).replacingNBSP().removingZeroWidthNoBreakSpaces()
        var lines: [Substring] = []
        var blank = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingTrailingSpaces()
            if line.isEmpty {
                blank += 1
                continue
            }
            if !lines.isEmpty, blank > 0 { lines.append("") }
            blank = 0
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    static func isSpace(_ s: UInt32) -> Bool { s == 0x20 || s == 0x09 || s == 0x0A || s == 0x0D }
    static func isAlnum(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || (c >= 0x30 && c <= 0x39) }
    static func isNameByte(_ c: UInt8) -> Bool { isAlnum(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: ":") }

    static func hasPrefix(_ b: [UInt8], _ at: Int, _ prefix: String) -> Bool {
        let p = Array(prefix.utf8)
        guard at + p.count <= b.count else { return false }
        for k in 0..<p.count where b[at + k] != p[k] { return false }
        return true
    }

    /// The index of `needle` at or after `from` and ending before `limit` (ASCII case-insensitive when asked).
    static func find(_ b: [UInt8], _ needle: String, from: Int, before limit: Int? = nil, caseInsensitive: Bool = false) -> Int? {
        let n = Array(needle.utf8).map { caseInsensitive ? $0 | 0x20 : $0 }
        let end = min(limit ?? b.count, b.count)
        guard let first = n.first, from < end else { return nil }
        var i = from
        while i + n.count <= end {
            let c = caseInsensitive ? b[i] | 0x20 : b[i]
            if c == first {
                var k = 1
                while k < n.count, (caseInsensitive ? b[i + k] | 0x20 : b[i + k]) == n[k] { k += 1 }
                if k == n.count { return i }
            }
            i += 1
        }
        return nil
    }
}

extension String {
    func replacingNBSP() -> String {
        guard unicodeScalars.contains("\u{A0}") else { return self }
        return String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\u{A0}" ? " " : $0 }))
    }
}

extension String {
    func removingZeroWidthNoBreakSpaces() -> String {
        guard unicodeScalars.contains("\u{FEFF}") else { return self }
        return String(String.UnicodeScalarView(unicodeScalars.filter { $0 != "\u{FEFF}" }))
    }
}

extension Substring {
    func trimmingSpacesSubstring() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return s
    }
}
