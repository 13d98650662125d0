/// Words for matching and fingerprinting: lowercased, Spanish/Portuguese accents removed (á→a, ñ→n),
/// split on everything that is not a letter, a digit or an apostrophe. Works on the UTF-8 bytes with an
/// ASCII fast path, decoding a scalar only for non-ASCII text: it runs for every message (fingerprint
/// and classification), and `Character`-level lowercasing costs more than the rest of the pipeline.
public enum TextFolding {
    /// The folded words as UTF-8, separated by one space (a folded word never contains one). With
    /// `skippingQuotedLines`, lines whose first character is `>` (quoted replies) are left out.
    public static func foldedWords<S: StringProtocol>(_ text: S, skippingQuotedLines: Bool = false) -> [UInt8] {
        if let folded = text.utf8.withContiguousStorageIfAvailable({ fold($0, skippingQuotedLines: skippingQuotedLines) }) {
            return folded
        }
        var copy = String(text)
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable { fold($0, skippingQuotedLines: skippingQuotedLines) } ?? []
    }

    /// `fold(_:)` of each ASCII byte, 0 for a separator (no word character folds to NUL).
    private static let asciiFolding: [UInt8] = (0..<0x80).map { (b: UInt8) in fold(Unicode.Scalar(b)).map { UInt8($0.value) } ?? 0 }

    /// One pass over valid UTF-8 (a `String`'s storage): ASCII bytes are folded by table, other
    /// scalars decoded and folded by `fold(_:)`. The output is written without per-byte checks into a
    /// buffer of three bytes per input byte, a bound that holds whatever `fold` returns: a scalar of k
    /// input bytes writes at most a space and one scalar (4 bytes), at most 3k; so before input byte i,
    /// at most 3i bytes are written, and the ASCII path's two stores at n and n + 1 stay inside.
    private static func fold(_ utf8: UnsafeBufferPointer<UInt8>, skippingQuotedLines: Bool) -> [UInt8] {
        asciiFolding.withUnsafeBufferPointer { table in
            [UInt8](unsafeUninitializedCapacity: 3 * utf8.count) { buffer, count in
                let out = buffer
                var n = 0
                var pendingSpace = false
                var atLineStart = true
                var quoted = false
                var i = 0
                while i < utf8.count {
                    let b0 = utf8[i]
                    if skippingQuotedLines {
                        if b0 == 0x0A {
                            atLineStart = true
                            quoted = false
                            pendingSpace = n > 0
                            i += 1
                            continue
                        }
                        if atLineStart {
                            atLineStart = false
                            quoted = b0 == 0x3E
                        }
                        if quoted {
                            i += 1
                            continue
                        }
                    }
                    if b0 < 0x80 {
                        i = foldASCII(utf8, from: i, stoppingAtNewline: skippingQuotedLines, table: table, into: out,
                                      count: &n, pendingSpace: &pendingSpace)
                        continue
                    }
                    let (scalar, length) = decode(utf8, at: i)
                    i += length
                    if let f = fold(scalar) {
                        if pendingSpace {
                            out[n] = 0x20
                            n += 1
                            pendingSpace = false
                        }
                        n += encode(f, into: out, at: n)
                    } else {
                        pendingSpace = n > 0
                    }
                }
                count = n
            }
        }
    }

    /// Folds the run of ASCII bytes from `start` (up to a non-ASCII byte, or a newline when asked) and
    /// returns where it stopped. Apart from the main loop, so that its few variables stay in registers.
    /// Without branches on the bytes: the space and the byte are always stored, and kept by advancing
    /// `n` only when they belong (word boundaries are unpredictable).
    private static func foldASCII(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int, stoppingAtNewline: Bool,
                                  table: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>,
                                  count: inout Int, pendingSpace: inout Bool) -> Int {
        var n = count
        var pending = pendingSpace
        var i = start
        while i < utf8.count {
            let b = utf8[i]
            if b >= 0x80 || stoppingAtNewline && b == 0x0A { break }
            let folded = table[Int(b)]
            let isWord = folded != 0
            out[n] = 0x20
            n &+= isWord && pending ? 1 : 0
            out[n] = folded
            n &+= isWord ? 1 : 0
            pending = !isWord && n > 0
            i += 1
        }
        count = n
        pendingSpace = pending
        return i
    }

    /// Writes a scalar's UTF-8 at `out[n...]` and returns its length.
    @inline(__always)
    private static func encode(_ scalar: Unicode.Scalar, into out: UnsafeMutableBufferPointer<UInt8>, at n: Int) -> Int {
        let v = scalar.value
        switch v {
        case 0..<0x80:
            out[n] = UInt8(v)
            return 1
        case 0x80..<0x800:
            out[n] = UInt8(0xC0 | v >> 6)
            out[n + 1] = UInt8(0x80 | v & 0x3F)
            return 2
        case 0x800..<0x10000:
            out[n] = UInt8(0xE0 | v >> 12)
            out[n + 1] = UInt8(0x80 | v >> 6 & 0x3F)
            out[n + 2] = UInt8(0x80 | v & 0x3F)
            return 3
        default:
            out[n] = UInt8(0xF0 | v >> 18)
            out[n + 1] = UInt8(0x80 | v >> 12 & 0x3F)
            out[n + 2] = UInt8(0x80 | v >> 6 & 0x3F)
            out[n + 3] = UInt8(0x80 | v & 0x3F)
            return 4
        }
    }

    /// The non-ASCII scalar starting at `i` of valid UTF-8, and its length in bytes.
    @inline(__always)
    private static func decode(_ utf8: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(utf8[i])
        let value: UInt32
        let length: Int
        if b0 < 0xE0 {
            value = (b0 & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F)
            length = 2
        } else if b0 < 0xF0 {
            value = (b0 & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F)
            length = 3
        } else {
            value = (b0 & 0x07) << 18 | UInt32(utf8[i + 1] & 0x3F) << 12 | UInt32(utf8[i + 2] & 0x3F) << 6 | UInt32(utf8[i + 3] & 0x3F)
            length = 4
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// Appends a scalar's UTF-8 bytes without building a String.
    @inline(__always)
    public static func appendUTF8(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        if scalar.value < 0x80 {
            bytes.append(UInt8(scalar.value))
        } else {
            UTF8.encode(scalar) { bytes.append($0) }
        }
    }

    /// A word character lowercased and without its accent, or nil for a separator.
    @inline(__always)
    public static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        let v = s.value
        if v < 0x80 {
            if (0x61...0x7A).contains(v) || (0x30...0x39).contains(v) || v == 0x27 { return s }
            if (0x41...0x5A).contains(v) { return Unicode.Scalar(UInt8(v + 32)) }
            return nil
        }
        switch s {
        case "á", "à", "ä", "â", "ã", "Á", "À", "Ä", "Â", "Ã": return "a"
        case "é", "è", "ë", "ê", "É", "È", "Ë", "Ê": return "e"
        case "í", "ì", "ï", "î", "Í", "Ì", "Ï", "Î": return "i"
        case "ó", "ò", "ö", "ô", "õ", "Ó", "Ò", "Ö", "Ô", "Õ": return "o"
        case "ú", "ù", "ü", "û", "Ú", "Ù", "Ü", "Û": return "u"
        case "ñ", "Ñ": return "n"
        case "ç", "Ç": return "c"
        default:
            let p = s.properties
            guard p.isAlphabetic || p.numericType != nil else { return nil }
            return p.lowercaseMapping.unicodeScalars.first ?? s
        }
    }
}
