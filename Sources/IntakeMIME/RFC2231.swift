import IntakeCore

/// MIME header parameters (`; name=value`, RFC 2045 §5.1) with RFC 2231 extensions: continuations
/// (`name*0=`, `name*1=`), charset and language (`name*=utf-8'es'%C3%B1`), and both together
/// (`filename*0*=utf-8''...; filename*1*=...`). An extended value wins over a plain one of the same name
/// (§4: senders add both for old readers). Values holding RFC 2047 words (`name="=?utf-8?B?...?="`, as
/// Outlook and Gmail write, also split over `name*0`, `name*1` by some mailers) are decoded too. An
/// extended value without a charset (`filename*=''%D1%F7%E5%F2.doc`) that is not UTF-8 is read in
/// `defaultCharset`, the charset its sender writes in (`MIMEMessage+RawHeaders`), else Windows-1252.
public enum RFC2231 {
    /// Splits `value; a=1; b="x;y"` into the leading value and its parameters (names lowercased, in order).
    public static func split(
        _ header: String, defaultCharset: String? = nil, warnings: inout [String]
    ) -> (value: String, parameters: [(name: String, value: String)]) {
        let b = Array(header.utf8)
        var raw: [(name: String, value: [UInt8], quoted: Bool)] = []
        var i = 0
        while i < b.count, b[i] != UInt8(ascii: ";") { i += 1 }
        let valueStart = trim(b[0..<i]).startIndex
        if let equals = b[valueStart..<i].firstIndex(of: UInt8(ascii: "=")),
           !trim(b[valueStart..<equals]).contains(where: { isSpace($0) || $0 == UInt8(ascii: "/") })
        {
            // `filename="a.pdf"`: the value left out (scan-to-mail devices, scripts). A type or a
            // disposition never holds `=`, so the first word before one is a parameter's name.
            i = valueStart
        } else if let space = b[valueStart..<i].firstIndex(where: isSpace), b[space..<i].contains(UInt8(ascii: "=")) {
            // `text/plain charset=utf-8`, `attachment filename=a.pdf`: broken mailers leave out the first `;`.
            // A value is one token, so what follows whitespace inside it and holds an `=` is a parameter.
            i = space
        }
        let leading = trim(b[0..<i])
        while i < b.count {
            while i < b.count, b[i] == UInt8(ascii: ";") || isSpace(b[i]) { i += 1 }
            let nameStart = i
            while i < b.count, b[i] != UInt8(ascii: "="), b[i] != UInt8(ascii: ";") { i += 1 }
            let name = String(decoding: trim(b[nameStart..<i]), as: UTF8.self).lowercased()
            guard i < b.count, b[i] == UInt8(ascii: "=") else { continue }
            i += 1
            while i < b.count, isSpace(b[i]) { i += 1 }
            var value: [UInt8] = []
            var quoted = false
            if i < b.count, b[i] == UInt8(ascii: "\"") {
                quoted = true
                i += 1
                while i < b.count, b[i] != UInt8(ascii: "\"") {
                    if b[i] == UInt8(ascii: "\\"), i + 1 < b.count { i += 1 }
                    value.append(b[i])
                    i += 1
                }
                while i < b.count, b[i] != UInt8(ascii: ";") { i += 1 }
            } else {
                let start = i
                while i < b.count, b[i] != UInt8(ascii: ";") { i += 1 }
                value = Array(trim(b[start..<i]))
            }
            if !name.isEmpty { raw.append((name, value, quoted)) }
        }
        let parameters = assemble(raw, defaultCharset: defaultCharset, warnings: &warnings)
        return (String(decoding: leading, as: UTF8.self), parameters)
    }

    /// Joins continuations and decodes extended values.
    static func assemble(
        _ raw: [(name: String, value: [UInt8], quoted: Bool)], defaultCharset: String?, warnings: inout [String]
    ) -> [(name: String, value: String)] {
        var order: [String] = []
        var ordered = Set<String>()
        var plain: [String: [UInt8]] = [:]
        var segments: [String: [(index: Int, extended: Bool, value: [UInt8])]] = [:]
        for param in raw {
            guard let star = param.name.firstIndex(of: "*") else {
                if plain[param.name] == nil {
                    plain[param.name] = param.value
                    if ordered.insert(param.name).inserted { order.append(param.name) }
                }
                continue
            }
            let base = String(param.name[..<star])
            let rest = param.name[param.name.index(after: star)...]
            let extended = rest.hasSuffix("*") || rest.isEmpty
            let number = rest.isEmpty ? 0 : Int(rest.hasSuffix("*") ? String(rest.dropLast()) : String(rest))
            guard let index = number, index < 1000 else { continue }
            segments[base, default: []].append((index, extended, param.value))
            if ordered.insert(base).inserted { order.append(base) }
        }
        var result: [(name: String, value: String)] = []
        for name in order {
            let text: String
            if let parts = segments[name] {
                let sorted = parts.sorted { $0.index < $1.index }
                text = joinSegments(sorted, defaultCharset: defaultCharset, warnings: &warnings)
            } else if let value = plain[name] {
                text = Charset.decode(value, label: nil, warnings: &warnings)
            } else {
                continue
            }
            result.append((name, text.contains("=?") ? EncodedWord.decode(text, warnings: &warnings) : text))
        }
        return result
    }

    /// Concatenates `name*0`, `name*1`, ...: the first extended segment may carry `charset'language'`;
    /// extended segments are percent-decoded; the joined bytes are decoded in that charset.
    static func joinSegments(
        _ parts: [(index: Int, extended: Bool, value: [UInt8])], defaultCharset: String?, warnings: inout [String]
    ) -> String {
        var charset: String?
        var bytes: [UInt8] = []
        for (k, part) in parts.enumerated() {
            var value = part.value[...]
            if k == 0, part.extended {
                let quotes = value.indices.filter { value[$0] == UInt8(ascii: "'") }
                if quotes.count >= 2 {
                    let label = String(decoding: value[value.startIndex..<quotes[0]], as: UTF8.self)
                    if !label.isEmpty { charset = label }
                    value = value[(quotes[1] + 1)...]
                }
            }
            bytes.append(contentsOf: part.extended ? percentDecode(value) : Array(value))
        }
        if charset == nil, String(validating: bytes, as: UTF8.self) == nil { charset = defaultCharset }
        return Charset.decode(bytes, label: charset, warnings: &warnings)
    }

    /// `%XX` to a byte; a bad escape is kept as written.
    static func percentDecode(_ b: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = b.startIndex
        while i < b.endIndex {
            if b[i] == UInt8(ascii: "%"), i + 2 < b.endIndex, let hi = Hex.value(b[i + 1]), let lo = Hex.value(b[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return out
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }

    static func trim(_ b: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var s = b.startIndex
        var e = b.endIndex
        while s < e, isSpace(b[s]) { s += 1 }
        while e > s, isSpace(b[e - 1]) { e -= 1 }
        return b[s..<e]
    }
}
