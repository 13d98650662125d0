/// A TZif file (RFC 8536) as Debian's slim ones are: version 2, no transitions, one local time type, and
/// the POSIX TZ rule in the footer for every year after it.
public enum SlimTZif {
    public static func bytes(offsetSeconds: Int32, abbreviation: String, footer: String) -> [UInt8] {
        func header(typecnt: UInt32, charcnt: UInt32) -> [UInt8] {
            var h = Array("TZif2".utf8) + [UInt8](repeating: 0, count: 15)
            for count: UInt32 in [0, 0, 0, 0, typecnt, charcnt] { h += withUnsafeBytes(of: count.bigEndian, Array.init) }
            return h
        }
        let type: [UInt8] = withUnsafeBytes(of: offsetSeconds.bigEndian, Array.init) + [0, 0]
        let chars = Array((abbreviation + "\0").utf8)
        let block = header(typecnt: 1, charcnt: UInt32(chars.count)) + type + chars
        return block + block + Array("\n\(footer)\n".utf8)
    }
}
