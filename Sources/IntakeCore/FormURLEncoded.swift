/// `application/x-www-form-urlencoded` bodies (Slack slash commands, Twilio, CTI forms): ordered pairs,
/// `+` as space, `%XX` decoded, invalid escapes kept literally, invalid UTF-8 replaced.
public enum FormURLEncoded {
    public static func parse(_ bytes: [UInt8]) -> [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        // A line break is never part of the encoding (it is sent as %0A): one at the end is the newline
        // of a body saved to a file, not the last value's.
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        for field in bytes[..<end].split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            if let eq = field.firstIndex(of: UInt8(ascii: "=")) {
                pairs.append((decode(field[field.startIndex..<eq]), decode(field[(eq + 1)...])))
            } else {
                pairs.append((decode(field), ""))
            }
        }
        return pairs
    }

    public static func parse(_ text: String) -> [(name: String, value: String)] { parse(Array(text.utf8)) }

    /// The first value of `name`, if any.
    public static func value(_ name: String, in pairs: [(name: String, value: String)]) -> String? {
        pairs.first(where: { $0.name == name })?.value
    }

    public static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: "+") {
                out.append(0x20)
            } else if b == UInt8(ascii: "%"), i + 2 < bytes.endIndex, let hi = Hex.value(bytes[i + 1]), let lo = Hex.value(bytes[i + 2]) {
                out.append(hi << 4 | lo)
                i += 2
            } else {
                out.append(b)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters (space as `%20`).
    public static func encode(_ text: String) -> String {
        var out = ""
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                out += "%" + Hex.encode([b]).uppercased()
            }
        }
        return out
    }
}
