import IntakeCore

/// Content-Transfer-Encoding (RFC 2045 §6): decoding that tolerates what real mail does (line breaks and
/// stray characters in base64, truncated input, bad `=XX` escapes), and the encoders outgoing mail needs.
public enum TransferEncoding: String, Sendable {
    case sevenBit = "7bit"
    case eightBit = "8bit"
    case binary
    case base64
    case quotedPrintable = "quoted-printable"
    /// Not a MIME encoding, but what Eudora, Outlook Express and Pegasus wrote for attachments.
    case uuencode = "x-uuencode"

    /// Reads a `Content-Transfer-Encoding` value; unknown values (`x-gzip64`, typos) are identity, as
    /// RFC 2045 §6.4 says to treat an unrecognized encoding as opaque data. The value is its first token:
    /// comments are skipped (RFC 5322 §3.2.2) and anything from a `;` on is dropped, since mailers write
    /// `quoted-printable;` and `base64; charset=...`, which read whole would leave the body encoded.
    /// Only its letters and digits are compared: spam tools and old scripts write `quoted printable`,
    /// `quoted_printable` or `base-64`, which every client still decodes.
    public init(header: String?) {
        var value = ""
        var depth = 0
        for ch in (header ?? "").lowercased() {
            if ch == "(" { depth += 1 } else if ch == ")" { depth = max(0, depth - 1) } else if depth == 0 {
                if ch == ";" { break }
                if ch.isASCII, ch.isLetter || ch.isNumber { value.append(ch) }
            }
        }
        switch value {
        case "base64": self = .base64
        case "quotedprintable", "qp": self = .quotedPrintable
        case "8bit": self = .eightBit
        case "binary": self = .binary
        case "xuuencode", "uuencode", "xuue", "uue": self = .uuencode
        default: self = .sevenBit
        }
    }

    /// Decodes a body in this encoding.
    public func decode(_ bytes: ArraySlice<UInt8>, warnings: inout [String]) -> [UInt8] {
        switch self {
        case .base64: return Self.decodeBase64(bytes, warnings: &warnings)
        case .quotedPrintable: return Self.decodeQuotedPrintable(bytes)
        case .uuencode: return UUDecoder.decode(bytes, warnings: &warnings)
        case .sevenBit, .eightBit, .binary: return Array(bytes)
        }
    }

    private static let base64Values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(c)] = UInt8(i)
        }
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    /// Base64, skipping whitespace and any other byte outside the alphabet. A trailing group of 2 or 3
    /// characters still yields its 1 or 2 bytes (with a warning), so a truncated attachment keeps what arrived.
    ///
    /// Padding ends a piece, not the body: mailers that encode a body chunk by chunk (PHP scripts, MMS
    /// gateways) send `SG9sYQ==` then `IG11bmRv`. After a padded piece, decoding goes on over lines made
    /// only of base64 and stops at the first other one, so a footer a list server appended to a
    /// single-part body (`_______`, `Lista mailing list`) is not decoded into it.
    public static func decodeBase64<C: Collection>(_ bytes: C, warnings: inout [String]) -> [UInt8] where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 3 / 4)
        var quad: UInt32 = 0
        var count = 0
        var sawGarbage = false
        var endsPadded = false
        var afterPadding = false
        var i = bytes.startIndex
        decoding: while i < bytes.endIndex {
            let c = bytes[i]
            bytes.formIndex(after: &i)
            if c == 0x0A, afterPadding {
                guard isBase64Line(bytes[i...]) else { break decoding }
                continue
            }
            let v = base64Values[Int(c)]
            if v == 0xFF {
                if c == UInt8(ascii: "=") {
                    appendPartialGroup(quad, count: count, to: &out)
                    if count == 1 { warnings.append("truncated base64: decoded what arrived") }
                    endsPadded = true
                    afterPadding = true
                    quad = 0
                    count = 0
                } else if c != 0x20, c != 0x09, c != 0x0D, c != 0x0A {
                    sawGarbage = true
                }
                continue
            }
            endsPadded = false
            quad = quad << 6 | UInt32(v)
            count += 1
            if count == 4 {
                out.append(UInt8(truncatingIfNeeded: quad >> 16))
                out.append(UInt8(truncatingIfNeeded: quad >> 8))
                out.append(UInt8(truncatingIfNeeded: quad))
                quad = 0
                count = 0
            }
        }
        appendPartialGroup(quad, count: count, to: &out)
        if count == 1 || (count > 1 && !endsPadded) { warnings.append("truncated base64: decoded what arrived") }
        if sawGarbage { warnings.append("characters outside the base64 alphabet were skipped") }
        return out
    }

    /// The 1 or 2 bytes of a group of 2 or 3 characters ended by padding or the input.
    private static func appendPartialGroup(_ quad: UInt32, count: Int, to out: inout [UInt8]) {
        switch count {
        case 2:
            out.append(UInt8(truncatingIfNeeded: quad >> 4))
        case 3:
            out.append(UInt8(truncatingIfNeeded: quad >> 10))
            out.append(UInt8(truncatingIfNeeded: quad >> 2))
        default: break
        }
    }

    /// Whether the first line of `rest` holds only characters of the standard base64 alphabet, `=` and
    /// whitespace (an empty line does).
    private static func isBase64Line<C: Collection>(_ rest: C) -> Bool where C.Element == UInt8 {
        for c in rest {
            if c == 0x0A { return true }
            let isAlphabet = base64Values[Int(c)] != 0xFF && c != UInt8(ascii: "-") && c != UInt8(ascii: "_")
            guard isAlphabet || c == UInt8(ascii: "=") || c == 0x20 || c == 0x09 || c == 0x0D else { return false }
        }
        return true
    }

    /// Quoted-printable (RFC 2045 §6.7): `=XX` in either case, soft line breaks `=` + optional trailing
    /// whitespace + line end, trailing whitespace on a line dropped (§6.7 rule 3), a bad escape kept as written.
    public static func decodeQuotedPrintable<C: Collection>(_ input: C) -> [UInt8] where C.Element == UInt8 {
        let bytes = Array(input)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        let n = bytes.count
        while i < n {
            let c = bytes[i]
            if c == UInt8(ascii: "=") {
                if i + 2 < n, let hi = Hex.value(bytes[i + 1]), let lo = Hex.value(bytes[i + 2]) {
                    out.append(hi << 4 | lo)
                    i += 3
                    continue
                }
                var j = i + 1
                while j < n, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                if j == n { i = n; continue }
                if bytes[j] == 0x0A { i = j + 1; continue }
                if bytes[j] == 0x0D { i = j + 1 < n && bytes[j + 1] == 0x0A ? j + 2 : j + 1; continue }
                out.append(c)
                i += 1
            } else if c == 0x20 || c == 0x09 {
                var j = i
                while j < n, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                if j == n || bytes[j] == 0x0A || bytes[j] == 0x0D {
                    i = j
                } else {
                    out.append(contentsOf: bytes[i..<j])
                    i = j
                }
            } else {
                out.append(c)
                i += 1
            }
        }
        return out
    }

    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let hexUpper = Array("0123456789ABCDEF".utf8)

    /// Base64 without line breaks.
    public static func encodeBase64<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        let b = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity((b.count + 2) / 3 * 4)
        var i = 0
        while i < b.count {
            let b0 = UInt32(b[i])
            let b1 = i + 1 < b.count ? UInt32(b[i + 1]) : 0
            let b2 = i + 2 < b.count ? UInt32(b[i + 2]) : 0
            let v = b0 << 16 | b1 << 8 | b2
            out.append(base64Alphabet[Int(v >> 18 & 63)])
            out.append(base64Alphabet[Int(v >> 12 & 63)])
            out.append(i + 1 < b.count ? base64Alphabet[Int(v >> 6 & 63)] : UInt8(ascii: "="))
            out.append(i + 2 < b.count ? base64Alphabet[Int(v & 63)] : UInt8(ascii: "="))
            i += 3
        }
        return out
    }

    /// Quoted-printable for text: lines end in CRLF, at most 76 characters with soft breaks, `=`, bytes
    /// outside printable ASCII and whitespace before a line end escaped (RFC 2045 §6.7).
    public static func encodeQuotedPrintable(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            var bytes = Array(line.utf8)
            if bytes.last == 0x0D { bytes.removeLast() }
            var column = 0
            for (k, b) in bytes.enumerated() {
                let isLast = k == bytes.count - 1
                let literal = (b >= 0x21 && b <= 0x7E && b != UInt8(ascii: "=")) || ((b == 0x20 || b == 0x09) && !isLast)
                let width = literal ? 1 : 3
                if column + width > 75 {
                    out.append(contentsOf: [UInt8(ascii: "="), 0x0D, 0x0A])
                    column = 0
                }
                if literal {
                    out.append(b)
                } else {
                    out.append(UInt8(ascii: "="))
                    out.append(hexUpper[Int(b >> 4)])
                    out.append(hexUpper[Int(b & 0xF)])
                }
                column += width
            }
            if index < lines.count - 1 { out.append(contentsOf: [0x0D, 0x0A]) }
        }
        return out
    }
}
