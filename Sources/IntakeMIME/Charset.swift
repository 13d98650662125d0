/// Turns bytes in a declared charset into text. Mail declares charsets loosely, so decoding never fails:
/// UTF-8 that is not valid, an unknown charset, or 8-bit bytes labelled US-ASCII are read byte by byte as
/// UTF-8 where a sequence is valid and as Windows-1252 where it is not, with a warning.
///
/// A UTF-8 byte order mark at the start is dropped (RFC 3629 §6), as Windows tools write one; a UTF-16
/// one under another label means UTF-16 (`isMarkedUTF16`).
///
/// Latin-1 and Windows-1252 text that is valid UTF-8 is read as UTF-8 (`mislabelledUTF8`).
///
/// Labels follow the WHATWG Encoding Standard: `iso-8859-1` and `us-ascii` are decoded as Windows-1252
/// (a superset of Latin-1 whose 0x80–0x9F range mailers actually mean when they send it).
/// The charsets mail uses most have tables here; the rest go through Foundation (`Charset+Foundation`),
/// EUC-JP rewritten as ISO-2022-JP first (`Charset+EUCJP`).
public enum Charset {
    /// How a label decodes.
    enum Decoder: Equatable {
        case utf8
        case table([UInt16])
        case utf16(bigEndian: Bool?)
        case foundation(UInt)
        case eucJP
    }

    /// The decoder for a charset label, or nil when the label is unknown. Labels are matched loosely
    /// (`aliasKey`). A comment after the label (`us-ascii (Plain text)`, RFC 2045 §5.1's example) is not part
    /// of it, nor are the single quotes PHP scripts put around it (`charset='UTF-8'`, copied from an HTML
    /// `<meta>`).
    static func decoder(for label: String) -> Decoder? {
        var name = label.lowercased()
        if let comment = name.firstIndex(of: "(") { name = String(name[..<comment]) }
        return decodersByLabel[aliasKey(name)]
    }

    /// Whether `label` names a charset decoded here (anything else falls back to Windows-1252).
    public static func isKnown(_ label: String) -> Bool { decoder(for: label) != nil }

    /// Decodes `bytes` declared as `label` (nil: none declared, read as UTF-8 with the fallback).
    public static func decode<C: Collection>(_ bytes: C, label: String?, warnings: inout [String]) -> String
    where C.Element == UInt8 {
        let decoder: Decoder
        if let label, !label.isEmpty {
            if let known = Self.decoder(for: label) {
                decoder = known
            } else {
                warnings.append("unknown charset \(label), read as UTF-8 or Windows-1252")
                decoder = .utf8
            }
        } else {
            decoder = .utf8
        }
        switch decoder {
        case .utf8, .table:
            if isMarkedUTF16(bytes) {
                warnings.append("UTF-16 text (it starts with a byte order mark) declared as \(label ?? "nothing")")
                return decodeUTF16(Array(bytes), bigEndian: nil)
            }
        default:
            break
        }
        switch decoder {
        case .utf8:
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                return decodeUTF8(bytes.dropFirst(3), label: label, warnings: &warnings)
            }
            return decodeUTF8(bytes, label: label, warnings: &warnings)
        case .table(let table):
            if table == windows1252 || table == iso8859_15, let text = mislabelledUTF8(bytes) {
                warnings.append("text declared as \(label ?? "") is valid UTF-8, read as UTF-8")
                return text
            }
            return decodeTable(bytes, table)
        case .utf16(let bigEndian):
            return decodeUTF16(Array(bytes), bigEndian: bigEndian)
        case .foundation(let encoding):
            if let text = decodeWithFoundation(bytes, encoding: encoding) { return text }
            return decodeInvalid(Array(bytes), encoding: encoding, label: label ?? "", warnings: &warnings)
        case .eucJP:
            if let jis = iso2022JP(fromEUCJP: bytes), let text = decodeWithFoundation(jis, encoding: iso2022JP2) {
                return text
            }
            warnings.append("text not valid in its charset \(label ?? ""), read as UTF-8 or Windows-1252")
            return decodeUTF8(bytes, label: label, warnings: &warnings)
        }
    }

    /// The text of bytes labelled Latin-1 or Windows-1252 that are valid UTF-8 with at least one multi-byte
    /// sequence: web forms and PHP scripts send UTF-8 under `charset=iso-8859-1` (`facturaciÃ³n` when read
    /// as labelled), while Spanish text in Latin-1 is practically never valid UTF-8 (`ó` alone is `F3`,
    /// a lead byte with no continuation).
    static func mislabelledUTF8<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Whether bytes are UTF-16 by their byte order mark and even length: a report Notepad or PowerShell saved
    /// as "Unicode" and a script mailed under another label (no Latin-1 or UTF-8 text starts with `ÿþ`).
    static func isMarkedUTF16<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        bytes.count >= 2 && bytes.count % 2 == 0
            && (bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]))
    }

    /// UTF-8 with a per-sequence Windows-1252 fallback for bytes that are not valid UTF-8.
    static func decodeUTF8<C: Collection>(_ bytes: C, label: String?, warnings: inout [String]) -> String
    where C.Element == UInt8 {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        warnings.append("invalid UTF-8 in text declared as \(label ?? "UTF-8"), read as Windows-1252 where invalid")
        let b = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(b.count + b.count / 4)
        var i = 0
        while i < b.count {
            let n = validSequenceLength(b, at: i)
            if n > 0 {
                out.append(contentsOf: b[i..<(i + n)])
                i += n
            } else {
                appendUTF8(UInt32(windows1252[Int(b[i]) - 0x80]), to: &out)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The length of the valid UTF-8 sequence at `i`, or 0 when the byte there starts none.
    static func validSequenceLength(_ b: [UInt8], at i: Int) -> Int {
        let c = b[i]
        if c < 0x80 { return 1 }
        func cont(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool { i + k < b.count && range.contains(b[i + k]) }
        switch c {
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0...0xBF) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE, 0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80...0x9F) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90...0xBF) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80...0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }

    static func decodeTable<C: Collection>(_ bytes: C, _ table: [UInt16]) -> String where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 4)
        for byte in bytes {
            if byte < 0x80 {
                out.append(byte)
            } else {
                appendUTF8(UInt32(table[Int(byte) - 0x80]), to: &out)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// UTF-16 with an optional byte-order mark. A mark that agrees with a declared `utf-16le`/`utf-16be` is
    /// dropped too: Windows writes one anyway. With neither mark nor declared order, RFC 2781 §4.3 says
    /// big-endian, but .NET's `Encoding.Unicode` mails little-endian text without a mark under
    /// `charset=utf-16`; the order is the one that puts the zero high bytes of Latin text where they
    /// belong (`looksLittleEndian`), big-endian when that does not tell.
    static func decodeUTF16(_ b: [UInt8], bigEndian declared: Bool?) -> String {
        var start = 0
        var bigEndian = declared ?? !looksLittleEndian(b)
        if b.count >= 2 {
            if b[0] == 0xFE, b[1] == 0xFF, declared != false { start = 2 }
            if b[0] == 0xFF, b[1] == 0xFE, declared != true { start = 2; bigEndian = false }
        }
        var units: [UInt16] = []
        units.reserveCapacity(b.count / 2)
        var i = start
        while i + 1 < b.count {
            units.append(bigEndian ? UInt16(b[i]) << 8 | UInt16(b[i + 1]) : UInt16(b[i + 1]) << 8 | UInt16(b[i]))
            i += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// Whether UTF-16 bytes have more zeros at odd offsets (the high bytes of little-endian Latin text)
    /// than at even ones.
    static func looksLittleEndian(_ b: [UInt8]) -> Bool {
        var zerosAtEven = 0
        var zerosAtOdd = 0
        for (offset, byte) in b.enumerated() where byte == 0 {
            if offset % 2 == 0 { zerosAtEven += 1 } else { zerosAtOdd += 1 }
        }
        return zerosAtOdd > zerosAtEven
    }

    /// Appends the UTF-8 form of a code point (U+FFFD for surrogates and out-of-range values).
    @inline(__always)
    static func appendUTF8(_ value: UInt32, to out: inout [UInt8]) {
        var v = value
        if (0xD800...0xDFFF).contains(v) || v > 0x10FFFF { v = 0xFFFD }
        switch v {
        case 0..<0x80:
            out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | v >> 6))
            out.append(UInt8(0x80 | v & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | v >> 12))
            out.append(UInt8(0x80 | v >> 6 & 0x3F))
            out.append(UInt8(0x80 | v & 0x3F))
        default:
            out.append(UInt8(0xF0 | v >> 18))
            out.append(UInt8(0x80 | v >> 12 & 0x3F))
            out.append(UInt8(0x80 | v >> 6 & 0x3F))
            out.append(UInt8(0x80 | v & 0x3F))
        }
    }
}
