/// Serializes `JSONValue` compactly or pretty-printed (two spaces), with keys in their stored order.
/// Writes UTF-8 bytes directly: every stored message is serialized once, so this is on the hot path.
public enum JSONWriter {
    public static func string(_ value: JSONValue, pretty: Bool = false) -> String {
        String(decoding: bytes(value, pretty: pretty), as: UTF8.self)
    }

    public static func bytes(_ value: JSONValue, pretty: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(value, into: &out, pretty: pretty, indent: 0)
        return out
    }

    /// Appends `value`, compact, to `out` (for callers that assemble a document around it).
    public static func append(_ value: JSONValue, to out: inout [UInt8]) {
        write(value, into: &out, pretty: false, indent: 0)
    }

    private static func write(_ value: JSONValue, into out: inout [UInt8], pretty: Bool, indent: Int) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: format(n).utf8)
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += [0x5B, 0x5D]; return }
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(0x2C) }
                newline(&out, pretty: pretty, indent: indent + 1)
                write(item, into: &out, pretty: pretty, indent: indent + 1)
            }
            newline(&out, pretty: pretty, indent: indent)
            out.append(0x5D)
        case .object(let object):
            if object.pairs.isEmpty { out += [0x7B, 0x7D]; return }
            out.append(0x7B)
            for (i, pair) in object.pairs.enumerated() {
                if i > 0 { out.append(0x2C) }
                newline(&out, pretty: pretty, indent: indent + 1)
                writeString(pair.key, into: &out)
                out.append(0x3A)
                if pretty { out.append(0x20) }
                write(pair.value, into: &out, pretty: pretty, indent: indent + 1)
            }
            newline(&out, pretty: pretty, indent: indent)
            out.append(0x7D)
        }
    }

    private static func newline(_ out: inout [UInt8], pretty: Bool, indent: Int) {
        guard pretty else { return }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: indent * 2))
    }

    private static func format(_ n: Double) -> String {
        guard n.isFinite else { return "null" }
        if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
        return String(n)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// Quotes and escapes; U+2028/U+2029 are escaped too so the output is also valid JavaScript. Runs of
    /// bytes that need no escape are copied whole: most text is such a run.
    /// Appends `s` as a JSON string (quoted and escaped), for callers that write JSON text by hand.
    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        writeString(s, into: &out)
    }

    /// Appends `s` escaped but not quoted: a piece of a JSON string the caller opens and closes (several
    /// pieces make one string without joining them first).
    public static func appendEscaped(_ s: String, to out: inout [UInt8]) {
        if s.utf8.withContiguousStorageIfAvailable({ writeEscaped($0, into: &out) }) == nil {
            var copy = s
            copy.makeContiguousUTF8()
            copy.utf8.withContiguousStorageIfAvailable { writeEscaped($0, into: &out) }
        }
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        appendEscaped(s, to: &out)
        out.append(0x22)
    }

    private static func writeEscaped(_ utf8: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var run = 0
        var i = 0
        while i < utf8.count {
            // Eight bytes at a time while none of them needs a look.
            while utf8.count - i >= 8, let base = utf8.baseAddress,
                  !mayNeedEscape(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                i += 8
            }
            guard i < utf8.count else { break }
            let b = utf8[i]
            if b >= 0x20, b != 0x22, b != 0x5C, b != 0xE2 {
                i += 1
                continue
            }
            // U+2028 / U+2029 are E2 80 A8 / E2 80 A9; any other E2 sequence is copied as it is.
            let isSeparator = b == 0xE2 && i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9)
            if b == 0xE2, !isSeparator {
                i += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
            switch b {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(0x6E)
            case 0x0D: out.append(0x5C); out.append(0x72)
            case 0x09: out.append(0x5C); out.append(0x74)
            case 0x08: out.append(0x5C); out.append(0x62)
            case 0x0C: out.append(0x5C); out.append(0x66)
            case 0xE2:
                escape(utf8[i + 2] == 0xA8 ? 0x2028 : 0x2029, into: &out)
                i += 2
            default: escape(UInt32(b), into: &out)
            }
            i += 1
            run = i
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
    }

    /// Whether any of eight bytes is below 0x20, a quote, a backslash or 0xE2 (the lead byte of
    /// U+2028/U+2029): the exact "has a zero byte" / "has a byte less than n" tests of bit-twiddling lore
    /// (no false negatives; a false positive only sends the bytes through the byte loop).
    @inline(__always)
    private static func mayNeedEscape(_ x: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        let below20 = (x &- ones &* 0x20) & ~x & highs != 0
        return below20 || hasZero(x ^ (ones &* 0x22)) || hasZero(x ^ (ones &* 0x5C)) || hasZero(x ^ (ones &* 0xE2))
    }

    private static func escape(_ v: UInt32, into out: inout [UInt8]) {
        out.append(0x5C)
        out.append(0x75)
        out.append(hex[Int(v >> 12) & 0xF])
        out.append(hex[Int(v >> 8) & 0xF])
        out.append(hex[Int(v >> 4) & 0xF])
        out.append(hex[Int(v) & 0xF])
    }
}
