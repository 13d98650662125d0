/// uuencoded bodies (`Content-Transfer-Encoding: x-uuencode`): a `begin <mode> <name>` line, lines whose
/// first character gives their byte count (`(c - 32) & 63`) followed by 4 characters per 3 bytes, each
/// `(c - 32) & 63` (so a backquote is 0), then a `` ` `` or empty line and `end`. Without a `begin` line the
/// body is kept as it is, with a warning.
enum UUDecoder {
    static func decode(_ bytes: ArraySlice<UInt8>, warnings: inout [String]) -> [UInt8] {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).makeIterator()
        var sawBegin = false
        while let line = lines.next() {
            if line.starts(with: Array("begin ".utf8)) {
                sawBegin = true
                break
            }
        }
        guard sawBegin else {
            warnings.append("uuencoded part without a begin line kept as it is")
            return Array(bytes)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 3 / 4)
        while let raw = lines.next() {
            var line = raw
            if line.last == 0x0D { line = line.dropLast() }
            guard let first = line.first, !line.starts(with: Array("end".utf8)) else { break }
            let count = Int((first &- 32) & 63)
            if count == 0 { break }
            let chars = Array(line.dropFirst())
            var produced = 0
            var i = 0
            while produced < count {
                func value(_ k: Int) -> UInt32 { i + k < chars.count ? UInt32((chars[i + k] &- 32) & 63) : 0 }
                let group = value(0) << 18 | value(1) << 12 | value(2) << 6 | value(3)
                for shift in [16, 8, 0] where produced < count {
                    out.append(UInt8(truncatingIfNeeded: group >> UInt32(shift)))
                    produced += 1
                }
                i += 4
            }
        }
        return out
    }
}
