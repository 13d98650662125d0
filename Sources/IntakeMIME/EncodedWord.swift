import IntakeCore

/// RFC 2047 encoded words: `=?charset?B?base64?=` and `=?charset?Q?quoted?=` in headers.
///
/// Decoding follows §6.2: whitespace between two adjacent encoded words is dropped, and the bytes of
/// adjacent words in the same charset are joined before charset decoding, so a multi-byte character
/// split across two words survives (§5 forbids the split, but Outlook and Windows Mail make it). Charsets
/// are the same when their labels match as `Charset.aliasKey` says (`UTF-8` and `utf8`). Like most readers, words not separated from surrounding text by
/// whitespace and words inside quoted strings are decoded too; a malformed word stays as written.
public enum EncodedWord {
    /// Decodes every encoded word in an (unfolded) header value.
    public static func decode(_ text: String, warnings: inout [String]) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count >= 8, contains(bytes, UInt8(ascii: "="), UInt8(ascii: "?")) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var run: (charset: String, bytes: [UInt8])?
        var literalStart = 0
        var i = 0
        func flushRun() {
            if let current = run {
                out.append(contentsOf: Charset.decode(current.bytes, label: current.charset, warnings: &warnings).utf8)
                run = nil
            }
        }
        // Header values hold no line breaks, so a word can only fail to close at the end of the value:
        // after one such failure no later word can close either, which keeps this linear.
        var closeFound = true
        while closeFound, i + 1 < bytes.count {
            guard bytes[i] == UInt8(ascii: "="), bytes[i + 1] == UInt8(ascii: "?") else {
                i += 1
                continue
            }
            guard let word = parseWord(bytes, at: i, closeFound: &closeFound) else {
                i += 1
                continue
            }
            let between = bytes[literalStart..<i]
            let onlyWhitespace = between.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
            if run != nil, onlyWhitespace {
                if let current = run, Charset.aliasKey(current.charset) != Charset.aliasKey(word.charset) { flushRun() }
            } else {
                flushRun()
                out.append(contentsOf: between)
            }
            if run == nil {
                run = (word.charset, word.bytes)
            } else {
                run?.bytes.append(contentsOf: word.bytes)
            }
            i = word.end
            literalStart = i
        }
        flushRun()
        out.append(contentsOf: bytes[literalStart...])
        return String(decoding: out, as: UTF8.self)
    }

    private static func contains(_ bytes: [UInt8], _ a: UInt8, _ b: UInt8) -> Bool {
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == a, bytes[i + 1] == b { return true }
            i += 1
        }
        return false
    }

    /// Parses the word starting at `start` (`=?`): its charset (language suffix of RFC 2231 §5 dropped),
    /// its decoded bytes and the index after its closing `?=`.
    static func parseWord(_ b: [UInt8], at start: Int, closeFound: inout Bool) -> (charset: String, bytes: [UInt8], end: Int)? {
        var i = start + 2
        let charsetStart = i
        while i < b.count, b[i] != UInt8(ascii: "?") {
            let c = b[i]
            guard c > 0x20, c < 0x7F, i - charsetStart < 40 else { return nil }
            i += 1
        }
        guard i + 2 < b.count, i > charsetStart else { return nil }
        var charsetBytes = b[charsetStart..<i]
        if let star = charsetBytes.firstIndex(of: UInt8(ascii: "*")) { charsetBytes = charsetBytes[..<star] }
        let encoding = b[i + 1] | 0x20
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q"), b[i + 2] == UInt8(ascii: "?") else { return nil }
        let textStart = i + 3
        var j = textStart
        while j + 1 < b.count, !(b[j] == UInt8(ascii: "?") && b[j + 1] == UInt8(ascii: "=")) {
            guard b[j] != 0x0A, b[j] != 0x0D else { return nil }
            j += 1
        }
        guard j + 1 < b.count else {
            closeFound = false
            return nil
        }
        let encoded = b[textStart..<j]
        var ignored: [String] = []
        let decoded = encoding == UInt8(ascii: "b")
            ? TransferEncoding.decodeBase64(encoded, warnings: &ignored) : decodeQ(encoded)
        return (String(decoding: charsetBytes, as: UTF8.self).lowercased(), decoded, j + 2)
    }

    /// The Q encoding (§4.2): `_` is a space, `=XX` a byte, anything else itself.
    static func decodeQ(_ b: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = b.startIndex
        while i < b.endIndex {
            let c = b[i]
            if c == UInt8(ascii: "_") {
                out.append(0x20)
            } else if c == UInt8(ascii: "="), i + 2 < b.endIndex, let hi = Hex.value(b[i + 1]), let lo = Hex.value(b[i + 2]) {
                out.append(hi << 4 | lo)
                i += 2
            } else {
                out.append(c)
            }
            i += 1
        }
        return out
    }

    /// Encodes text for an unstructured header (a subject, a display name): ASCII without control
    /// characters is returned as is; anything else becomes UTF-8 B words of at most 75 characters
    /// (§2), split on character boundaries and folded with CRLF + space.
    public static func encode(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let utf8 = Array(String(scalar).utf8)
            if chunk.count + utf8.count > 45 {
                words.append(word(chunk))
                chunk.removeAll()
            }
            chunk.append(contentsOf: utf8)
        }
        if !chunk.isEmpty { words.append(word(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    private static func word(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + String(decoding: TransferEncoding.encodeBase64(bytes), as: UTF8.self) + "?="
    }
}
