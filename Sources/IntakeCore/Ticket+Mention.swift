extension Ticket {
    /// The ticket numbers a customer writes in their own words, `PREFIX-123` without our subject tag's
    /// brackets ("Escalo el ticket INT-1042", "Re: INT-1042 sigue caído", "#INT-1042"), in the order they
    /// appear. A number glued to other letters or digits (`XINT-1042`, `INT-10420A`) is none. Zammad finds
    /// its ticket hook in a subject the same way, brackets or not.
    public static func mentionedNumbers(in text: String, prefix: String) -> [String] {
        let p = Array(prefix.uppercased().utf8)
        guard !p.isEmpty else { return [] }
        let b = Array(text.utf8)
        var numbers: [String] = []
        var i = 0
        while i + p.count + 1 < b.count {
            defer { i += 1 }
            guard b[i] & 0xDF == p[0] & 0xDF, i == 0 || !isWordByte(b[i - 1]) else { continue }
            var matches = true
            for k in 0..<p.count where b[i + k] & 0xDF != p[k] & 0xDF { matches = false; break }
            guard matches, b[i + p.count] == UInt8(ascii: "-") else { continue }
            let start = i + p.count + 1
            var end = start
            while end < b.count, (0x30...0x39).contains(b[end]) { end += 1 }
            guard end > start, end == b.count || !isWordByte(b[end]) else { continue }
            let number = prefix.uppercased() + "-" + String(decoding: b[start..<end], as: UTF8.self)
            if !numbers.contains(number) { numbers.append(number) }
        }
        return numbers
    }

    /// An ASCII letter or digit, or any byte of a multi-byte UTF-8 character (an accented letter).
    private static func isWordByte(_ c: UInt8) -> Bool {
        (0x30...0x39).contains(c) || (0x41...0x5A).contains(c & 0xDF) || c >= 0x80
    }
}
