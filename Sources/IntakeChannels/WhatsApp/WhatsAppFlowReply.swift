import IntakeCore

/// The answers of a WhatsApp Flow the customer completed (`interactive.nfm_reply`, Meta's messages webhook
/// reference): `response_json` is a JSON object in a string, the Flow's fields by name plus the
/// `flow_token` the business sent, and `body` only the button's caption (`Sent`). The answers are what
/// the customer told us, so they are the message's text: one `field: value` line each, in the order sent.
enum WhatsAppFlowReply {
    /// The lines of `responseJSON`'s fields other than `flow_token`; nil when it is no JSON object or has
    /// no other field.
    static func text(responseJSON: JSONValue?) -> String? {
        guard let json = responseJSON?.stringValue, let fields = try? JSONParser.parse(json).objectValue
        else { return nil }
        let lines = fields.pairs.compactMap { key, value -> String? in
            guard key != "flow_token", let text = self.text(of: value), !text.isEmpty else { return nil }
            return key + ": " + text
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    /// A field's value as a person reads it: text and numbers as they are, a list (a multiple choice)
    /// joined with commas, anything else as compact JSON.
    private static func text(of value: JSONValue) -> String? {
        switch value {
        case .null: return nil
        case .array(let items): return items.compactMap { text(of: $0) }.joined(separator: ", ")
        case .object: return JSONWriter.string(value)
        default: return value.textValue
        }
    }
}
