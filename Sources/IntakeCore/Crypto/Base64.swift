/// Base64 with the standard alphabet and `=` padding (RFC 4648 §4).
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = UInt8(i) }
        return table
    }()

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i]
            let b1 = i + 1 < bytes.count ? bytes[i + 1] : 0
            let b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Strict decoding (RFC 4648 §3.3, §3.5): length a multiple of four, only alphabet characters, padding
    /// only at the end, and the unused bits before padding zero, so each byte string has exactly one
    /// accepted encoding. Nil on anything else (whitespace and line breaks included).
    public static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 4 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 4 * 3)
        var i = 0
        while i < chars.count {
            let isLast = i + 4 == chars.count
            let padding = isLast ? (chars[i + 3] == UInt8(ascii: "=") ? (chars[i + 2] == UInt8(ascii: "=") ? 2 : 1) : 0) : 0
            var quad: [UInt8] = []
            for j in 0..<(4 - padding) {
                let v = values[Int(chars[i + j])]
                guard v != 0xFF else { return nil }
                quad.append(v)
            }
            out.append(quad[0] << 2 | quad[1] >> 4)
            if padding == 2 {
                guard quad[1] & 0x0F == 0 else { return nil }
            } else {
                out.append(quad[1] << 4 | quad[2] >> 2)
                if padding == 1 {
                    guard quad[2] & 0x03 == 0 else { return nil }
                } else {
                    out.append(quad[2] << 6 | quad[3])
                }
            }
            i += 4
        }
        return out
    }
}
