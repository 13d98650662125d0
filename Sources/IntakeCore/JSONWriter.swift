/// Serializes `JSONValue` compactly or pretty-printed (two spaces), with keys in their stored order.
/// Writes UTF-8 bytes directly: every stored message is serialized once, so this is on the hot path.
public enum JSONWriter {
    public static func string(_ value: JSONValue, pretty: Bool = false) -> String {
        String(decoding: bytes(value, pretty: pretty), as: UTF8.self)
    }

    public static func bytes(_ value: JSONValue, pretty: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(value, into: &out, pretty: pretty, indent: 0)
        return out
    }

    private static func write(_ value: JSONValue, into out: inout [UInt8], pretty: Bool, indent: Int) {
        switch value {
        case .null: out += Array("null".utf8)
        case .bool(let b): out += Array((b ? "true" : "false").utf8)
        case .number(let n): out += Array(format(n).utf8)
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

    /// Quotes and escapes; U+2028/U+2029 are escaped too so the output is also valid JavaScript.
    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        let utf8 = s.utf8
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let b = utf8[i]
            switch b {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0x08: out += [0x5C, 0x62]
            case 0x0C: out += [0x5C, 0x66]
            case 0x00..<0x20: escape(UInt32(b), into: &out)
            case 0xE2:
                // U+2028 / U+2029 are E2 80 A8 / E2 80 A9.
                let n1 = utf8.index(after: i)
                if n1 != utf8.endIndex, utf8[n1] == 0x80 {
                    let n2 = utf8.index(after: n1)
                    if n2 != utf8.endIndex, utf8[n2] == 0xA8 || utf8[n2] == 0xA9 {
                        escape(utf8[n2] == 0xA8 ? 0x2028 : 0x2029, into: &out)
                        i = utf8.index(after: n2)
                        continue
                    }
                }
                out.append(b)
            default: out.append(b)
            }
            i = utf8.index(after: i)
        }
        out.append(0x22)
    }

    private static func escape(_ v: UInt32, into out: inout [UInt8]) {
        out += [0x5C, 0x75, hex[Int(v >> 12) & 0xF], hex[Int(v >> 8) & 0xF], hex[Int(v >> 4) & 0xF], hex[Int(v) & 0xF]]
    }
}
