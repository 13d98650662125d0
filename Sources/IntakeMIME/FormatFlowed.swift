/// `text/plain; format=flowed` (RFC 3676): the sender wrapped long paragraphs at about 72 columns and
/// marked each soft break with a trailing space. Thunderbird and Apple Mail send it; read as fixed text,
/// every paragraph arrives cut into short lines with stray spaces at their ends.
///
/// Unwrapping follows §4: a line ending in a space (other than the signature separator `-- `) flows into
/// the next one; with `delsp=yes` that space is deleted (§4.2), so clients may break inside a word; the
/// leading `>` run is the quote depth and a line only flows into one of the same depth (§4.5); one space
/// after the quote marks is space-stuffing and removed (§4.4). Quoted lines come out as `>` repeated to
/// their depth and a space, as quote strippers expect.
public enum FormatFlowed {
    /// Whether a text part is flowed, and whether its soft-break spaces are to be deleted.
    public static func parameters(of type: ContentType) -> (isFlowed: Bool, deleteSpace: Bool) {
        let format = type.parameters["format"]?.trimmingSpaces().lowercased()
        let delsp = type.parameters["delsp"]?.trimmingSpaces().lowercased()
        return (type.isText && type.subtype == "plain" && format == "flowed", delsp == "yes")
    }

    /// The unwrapped text, lines ending in `\n`.
    public static func unwrap(_ text: String, deleteSpace: Bool) -> String {
        var out: [Substring] = []
        var paragraph = ""
        var paragraphDepth: Int?
        func finish() {
            guard let depth = paragraphDepth else { return }
            let marks = depth == 0 ? "" : String(repeating: ">", count: depth) + (paragraph.isEmpty ? "" : " ")
            out.append(Substring(marks + paragraph))
            paragraph = ""
            paragraphDepth = nil
        }
        // "\r\n" is one Character in Swift: split on it as well as on a bare "\n".
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var line = rawLine
            var depth = 0
            while line.first == ">" {
                depth += 1
                line = line.dropFirst()
            }
            if line.first == " " { line = line.dropFirst() }
            if paragraphDepth != nil, paragraphDepth != depth { finish() }
            let isSignature = line == "-- "
            if !isSignature, line.last == " " {
                paragraph += deleteSpace ? line.dropLast() : line
                paragraphDepth = depth
                continue
            }
            paragraphDepth = depth
            paragraph += line
            finish()
        }
        finish()
        return out.joined(separator: "\n")
    }
}
