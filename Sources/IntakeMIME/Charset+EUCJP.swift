/// EUC-JP, which Foundation on Linux cannot decode: Unix mailers and older webmails in Japan send it. It
/// writes the code points of JIS X 0208 (two bytes A1–FE), half-width katakana (8E + A1–DF) and JIS X 0212
/// (8F + two bytes) with the high bit set, so it is rewritten as the ISO-2022-JP-2 that Foundation reads:
/// each run behind its escape sequence (RFC 1468, RFC 1554), the bytes with the high bit cleared.
extension Charset {
    /// CoreFoundation's ISO-2022-JP-2, which has all three sets (and NEC's row 13).
    static let iso2022JP2: UInt = 0x0821

    /// The text as ISO-2022-JP-2, or nil when the bytes are not EUC-JP.
    static func iso2022JP<C: Collection>(fromEUCJP bytes: C) -> [UInt8]? where C.Element == UInt8 {
        let ascii: [UInt8] = [0x1B, 0x28, 0x42]
        let jis0208: [UInt8] = [0x1B, 0x24, 0x42]
        let katakana: [UInt8] = [0x1B, 0x28, 0x49]
        let jis0212: [UInt8] = [0x1B, 0x24, 0x28, 0x44]
        let b = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(b.count + b.count / 2)
        var current = ascii
        /// Writes the escape sequence of a code set unless it is the current one.
        func select(_ escape: [UInt8]) {
            if escape != current { out.append(contentsOf: escape) }
            current = escape
        }
        func isGraphic(_ k: Int, _ range: ClosedRange<UInt8> = 0xA1...0xFE) -> Bool {
            k < b.count && range.contains(b[k])
        }
        var i = 0
        while i < b.count {
            let c = b[i]
            if c < 0x80 {
                select(ascii)
                out.append(c)
                i += 1
            } else if (0xA1...0xFE).contains(c), isGraphic(i + 1) {
                select(jis0208)
                out.append(contentsOf: [c & 0x7F, b[i + 1] & 0x7F])
                i += 2
            } else if c == 0x8E, isGraphic(i + 1, 0xA1...0xDF) {
                select(katakana)
                out.append(b[i + 1] & 0x7F)
                i += 2
            } else if c == 0x8F, isGraphic(i + 1), isGraphic(i + 2) {
                select(jis0212)
                out.append(contentsOf: [b[i + 1] & 0x7F, b[i + 2] & 0x7F])
                i += 3
            } else {
                return nil
            }
        }
        select(ascii)
        return out
    }
}
