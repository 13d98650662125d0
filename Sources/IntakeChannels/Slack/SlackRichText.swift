import IntakeCore

/// The plain text of a message's `rich_text` blocks (Slack "Rich text block" reference), for messages
/// whose `text` is empty: composed with blocks only, by a workflow or an app on a person's behalf.
///
/// Mentions, channels and links are written in the markup Slack's own `text` uses (`<@U123>`,
/// `<#C123>`, `<!here>`, `<https://example.com|label>`), so a ticket reads the same whichever field the
/// text came from. Block text is not escaped (only `text` is), so nothing is unescaped here. Sections,
/// list items, quotes and code blocks each start a line; list items as `• ` or `1. `, quotes as `> `.
enum SlackRichText {
    static func plainText(_ blocks: JSONValue?) -> String? {
        var lines: [String] = []
        for block in blocks?.arrayValue ?? [] where block["type"]?.stringValue == "rich_text" {
            for element in block["elements"]?.arrayValue ?? [] {
                lines.append(contentsOf: self.lines(element))
            }
        }
        let text = lines.joined(separator: "\n")
        return text.trimmingWhitespace().isEmpty ? nil : text
    }

    private static func lines(_ element: JSONValue) -> [String] {
        switch element["type"]?.stringValue {
        case "rich_text_list":
            // An ordered list that goes on after a paragraph numbers from `offset + 1` (Slack's "Rich text
            // list element": offset 4 starts at 5).
            let isOrdered = element["style"]?.stringValue == "ordered"
            let indent = String(repeating: "  ", count: max(0, min(element["indent"]?.intValue ?? 0, 8)))
            let offset = max(0, min(element["offset"]?.intValue ?? 0, 100_000))
            return (element["elements"]?.arrayValue ?? []).enumerated().map { index, item in
                indent + (isOrdered ? "\(offset + index + 1). " : "• ") + inline(item)
            }
        case "rich_text_quote":
            return inline(element).split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }
        default:
            return [inline(element)]
        }
    }

    /// The inline elements of a section, quote or code block, one after the other.
    private static func inline(_ container: JSONValue) -> String {
        var out = ""
        for element in container["elements"]?.arrayValue ?? [] {
            let string = { (key: String) in element[key]?.stringValue ?? "" }
            switch element["type"]?.stringValue {
            case "text": out += string("text")
            case "link":
                let label = string("text")
                out += "<" + string("url") + (label.isEmpty ? "" : "|" + label) + ">"
            case "user": out += "<@" + string("user_id") + ">"
            case "channel": out += "<#" + string("channel_id") + ">"
            case "usergroup": out += "<!subteam^" + string("usergroup_id") + ">"
            case "broadcast": out += "<!" + string("range") + ">"
            case "emoji": out += emoji(unicode: string("unicode")) ?? ":" + string("name") + ":"
            case "date": out += element["fallback"]?.stringValue ?? element["timestamp"]?.textValue ?? ""
            case "color": out += string("value")
            default: break
            }
        }
        return out
    }

    /// `unicode` is the emoji's code points in hex joined by `-` (`1f469-200d-1f4bb`); nil when absent
    /// or not valid scalars, so the `:name:` is written instead.
    private static func emoji(unicode: String) -> String? {
        guard !unicode.isEmpty else { return nil }
        var out = String.UnicodeScalarView()
        for part in unicode.split(separator: "-", omittingEmptySubsequences: false) {
            guard part.count <= 6, let value = UInt32(part, radix: 16), let scalar = Unicode.Scalar(value)
            else { return nil }
            out.append(scalar)
        }
        return String(out)
    }
}
