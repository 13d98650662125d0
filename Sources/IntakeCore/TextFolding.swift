/// Words for matching and fingerprinting: lowercased, Spanish/Portuguese accents removed (á→a, ñ→n),
/// split on everything that is not a letter, a digit or an apostrophe. Works on Unicode scalars with an
/// ASCII fast path: it runs for every message, and `Character`-level lowercasing costs more than the
/// rest of the pipeline.
public enum TextFolding {
    public static func words<S: StringProtocol>(_ text: S) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        current.reserveCapacity(32)
        for scalar in text.unicodeScalars {
            if let folded = fold(scalar) {
                appendUTF8(folded, to: &current)
            } else if !current.isEmpty {
                words.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words
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
