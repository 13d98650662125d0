/// Outlook's compressed RTF (MS-OXRTFCP), the form of a message body in `PR_RTF_COMPRESSED`: a 16-byte
/// header (compressed size, raw size, `LZFu` or `MELA`, CRC), then either the RTF as is (`MELA`) or an LZ77
/// stream over a 4096-byte ring dictionary that starts filled with a fixed RTF prologue (§2.1.2.1).
///
/// Each control byte says, bit by bit from the lowest, whether the next item is a literal byte (0) or a
/// reference (1): two bytes big-endian, 12 bits of dictionary offset and 4 of length minus 2. A reference
/// to the current write position ends the stream (§2.2.3.1). The CRC (§2.1.3.2) covers the compressed
/// bytes; a stream whose CRC does not match is damaged and yields nothing, since its RTF would be noise.
enum CompressedRTF {
    static let compressed: UInt32 = 0x7546_5A4C
    static let uncompressed: UInt32 = 0x414C_454D

    /// The dictionary's initial contents (§2.1.2.1), 207 bytes.
    static let prologue = Array(
        ("{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript \\fdecor "
            + "MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par "
            + "\\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx").utf8)

    /// The RTF bytes, or nil when `bytes` is no compressed RTF or is damaged.
    static func decompress(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= 16 else { return nil }
        let rawSize = Int(TNEFReader.uint32(bytes, 4))
        let body = bytes[16...]
        switch TNEFReader.uint32(bytes, 8) {
        case uncompressed:
            return Array(body.prefix(rawSize))
        case compressed:
            guard crc(body) == TNEFReader.uint32(bytes, 12) else { return nil }
            return inflate(body, rawSize: rawSize)
        default:
            return nil
        }
    }

    /// The LZ77 stream after the header; output stops at the end marker, the raw size or the input's end.
    static func inflate(_ body: ArraySlice<UInt8>, rawSize: Int) -> [UInt8] {
        var dictionary = [UInt8](repeating: 0, count: 4096)
        dictionary.replaceSubrange(0..<prologue.count, with: prologue)
        var write = prologue.count
        var out: [UInt8] = []
        out.reserveCapacity(min(rawSize, body.count * 8))
        var i = body.startIndex
        while i < body.endIndex {
            let control = body[i]
            i += 1
            for bit in 0..<8 {
                guard out.count < rawSize, i < body.endIndex else { return out }
                if control & (1 << bit) == 0 {
                    out.append(body[i])
                    dictionary[write] = body[i]
                    write = (write + 1) & 0xFFF
                    i += 1
                    continue
                }
                guard i + 1 < body.endIndex else { return out }
                let reference = Int(body[i]) << 8 | Int(body[i + 1])
                i += 2
                var offset = reference >> 4
                if offset == write { return out }
                for _ in 0..<((reference & 0xF) + 2) {
                    let byte = dictionary[offset]
                    out.append(byte)
                    dictionary[write] = byte
                    write = (write + 1) & 0xFFF
                    offset = (offset + 1) & 0xFFF
                }
            }
        }
        return out
    }

    /// CRC-32 with the polynomial of ISO 3309, started at 0 and not inverted at the end (§2.1.3.2).
    static func crc(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0
        for byte in bytes {
            crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return crc
    }

    static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }
}
