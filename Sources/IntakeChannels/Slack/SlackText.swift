/// Slack's message formatting as it arrives in events ("Formatting text for app surfaces"): `&`, `<` and
/// `>` are sent as `&amp;`, `&lt;`, `&gt;` because `<...>` marks mentions and links (`<@U123>`,
/// `<#C123|general>`, `<https://example.com|label>`).
enum SlackText {
    /// Undoes the three escapes in one left-to-right pass (so `&amp;lt;` becomes `&lt;`, not `<`). The
    /// `<...>` markup itself is kept: a user mention stays `<@U123>`, a stable id rather than a display
    /// name that can change.
    static func unescape(_ text: String) -> String {
        let hasAmpersand = text.utf8.withContiguousStorageIfAvailable { $0.contains(UInt8(ascii: "&")) } ?? text.utf8.contains(UInt8(ascii: "&"))
        guard hasAmpersand else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let tail = rest[amp...]
            if tail.hasPrefix("&amp;") {
                out += "&"
                rest = tail.dropFirst(5)
            } else if tail.hasPrefix("&lt;") {
                out += "<"
                rest = tail.dropFirst(4)
            } else if tail.hasPrefix("&gt;") {
                out += ">"
                rest = tail.dropFirst(4)
            } else {
                out += "&"
                rest = tail.dropFirst()
            }
        }
        out += rest
        return out
    }
}
