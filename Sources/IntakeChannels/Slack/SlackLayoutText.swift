import IntakeCore

/// The text of a message's layout blocks (Slack "Blocks" reference: `header`, `section` with its
/// `text` and `fields`, `context`), for a message with neither `text` nor rich text: one an app posted
/// on a person's behalf (a user token's `chat.postMessage` with `blocks` only). Without it the ticket
/// would be blank while the customer did write.
///
/// A `mrkdwn` text object is written with the escapes of `text` (`&amp;`, `&lt;`, `&gt;`), which are
/// undone; `plain_text` is not escaped. Each block starts a line; a section's fields follow its text.
enum SlackLayoutText {
    static func plainText(_ blocks: JSONValue?) -> String? {
        var lines: [String] = []
        for block in blocks?.arrayValue ?? [] {
            switch block["type"]?.stringValue {
            case "header":
                lines += [text(block["text"])].compactMap { $0 }
            case "section":
                lines += ([text(block["text"])] + (block["fields"]?.arrayValue ?? []).map(text)).compactMap { $0 }
            case "context":
                let parts = (block["elements"]?.arrayValue ?? []).compactMap(text)
                if !parts.isEmpty { lines.append(parts.joined(separator: " ")) }
            default:
                continue
            }
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    /// A text object's text: `mrkdwn` unescaped, `plain_text` as written; nil for anything else (an
    /// image element of a context block) or an empty text.
    private static func text(_ object: JSONValue?) -> String? {
        guard let text = object?["text"]?.stringValue, !text.trimmingWhitespace().isEmpty else { return nil }
        switch object?["type"]?.stringValue {
        case "mrkdwn": return SlackText.unescape(text)
        case "plain_text": return text
        default: return nil
        }
    }
}
