import IntakeCore

extension WhatsAppAdapter {
    /// A change whose `value` carries `errors[]` and no message or status (Meta's "errors messages webhook
    /// reference"): a problem of the app or the account, not of one message (`130429` rate limit hit, a
    /// system-level failure). It was dropped without a trace; it is recorded as a `.status` (so it never
    /// opens a ticket) with the errors in `metadata.errors` and a readable text.
    ///
    /// Meta gives it no id and no time: its `external_id` is `error:` and the first 32 hex digits of the
    /// SHA-256 of our number and the errors' JSON, so a redelivery is one record, and the same error
    /// reported again with the same words is recorded once.
    func cloudErrors(_ value: JSONObject, context: CloudContext) -> InboundMessage? {
        guard let errors = value["errors"], let list = errors.arrayValue, !list.isEmpty,
              (value["messages"]?.arrayValue ?? []).isEmpty, (value["statuses"]?.arrayValue ?? []).isEmpty
        else { return nil }
        var metadata = JSONObject()
        metadata["type"] = "errors"
        metadata["status"] = "error"
        metadata["errors"] = errors
        return InboundMessage(
            channel: .whatsapp,
            externalID: Self.digestID("error", of: (context.phoneNumberID ?? "") + "|" + JSONWriter.string(errors)),
            sender: .init(id: context.businessNumber ?? context.phoneNumberID ?? ""),
            conversation: context.phoneNumberID,
            text: Self.errorLines(list),
            kind: .status,
            metadata: metadata
        )
    }

    /// `WhatsApp 131000 (Something went wrong): Unsupported webhook payload`, one line per error.
    static func errorLines(_ errors: [JSONValue]) -> String {
        errors.map { error -> String in
            let code = error["code"]?.textValue ?? "?"
            let title = error["title"]?.stringValue ?? error["message"]?.stringValue ?? ""
            let details = error["error_data"]?["details"]?.stringValue
            return "WhatsApp \(code)" + (title.isEmpty ? "" : " (\(title))") + (details.map { ": " + $0 } ?? "")
        }.joined(separator: "\n")
    }

    /// A customer's message Meta could not read: the errors come on the message or beside it, on its
    /// `value` (a `type` the webhook cannot carry arrives with no content and `errors` at the change's
    /// level). They are the message's `metadata.errors`, and its text when it has no text of its own,
    /// so the ticket says the customer wrote and why it cannot be read, not nothing. A message with no
    /// content and no error (`"text": null`) says that much, with a warning.
    static func withErrors(_ message: InboundMessage, valueErrors: JSONValue?) -> InboundMessage {
        var m = message
        if m.metadata["errors"] == nil, let valueErrors, !(valueErrors.arrayValue ?? []).isEmpty { m.metadata["errors"] = valueErrors }
        guard m.kind == .message, m.text == nil, m.attachments.isEmpty else { return m }
        if let list = m.metadata["errors"]?.arrayValue, !list.isEmpty {
            m.text = "Mensaje de WhatsApp que la API no pudo leer — " + errorLines(list)
        } else {
            let type = m.metadata["type"]?.stringValue ?? "?"
            m.text = "Mensaje de WhatsApp sin contenido (\(type))"
            m.warnings.append("a \(type) message with no content")
        }
        return m
    }
}
