/// Slack's message formatting as it arrives in events ("Formatting text for app surfaces"): `&`, `<` and
/// `>` are sent as `&amp;`, `&lt;`, `&gt;` because `<...>` marks mentions and links (`<@U123>`,
/// `<#C123|general>`, `<https://example.com|label>`).
enum SlackText {
    /// Undoes the three escapes in one left-to-right pass (so `&amp;lt;` becomes `&lt;`, not `<`). The
    /// `<...>` markup itself is kept: a user mention stays `<@U123>`, a stable id rather than a display
    /// name that can change.
    static func unescape(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { unescape($0) } ?? text
    }

    /// On the UTF-8 bytes: `&` is ASCII and never part of a multi-byte sequence, so the escapes can be
    /// replaced byte-wise, and the text between them is copied whole (walking `Character`s cost more
    /// than the rest of reading the event). Nil when there is nothing to undo.
    private static func unescape(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard var amp = bytes.firstIndex(of: 0x26) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var copied = 0
        while true {
            out.append(contentsOf: bytes[copied..<amp])
            let (replacement, length) = escape(at: amp, in: bytes)
            out.append(replacement)
            copied = amp + length
            guard let next = bytes[copied...].firstIndex(of: 0x26) else { break }
            amp = next
        }
        out.append(contentsOf: bytes[copied...])
        return String(decoding: out, as: UTF8.self)
    }

    /// The byte an escape at `i` stands for and the escape's length; a lone `&` stands for itself.
    private static func escape(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (UInt8, Int) {
        for (name, byte) in escapes where i + name.count <= bytes.count && bytes[i..<(i + name.count)].elementsEqual(name) {
            return (byte, name.count)
        }
        return (0x26, 1)
    }

    private static let escapes: [([UInt8], UInt8)] = [(Array("&amp;".utf8), 0x26), (Array("&lt;".utf8), 0x3C), (Array("&gt;".utf8), 0x3E)]
}
