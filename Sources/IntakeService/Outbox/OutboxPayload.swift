import IntakeCore

/// Reads back what the pipeline put in an outbox payload (`{"event", "ticket", "message"}`).
enum OutboxPayload {
    /// The message as far as an acknowledgement needs it: channel, id, sender, threading, subject, the
    /// automatic-mail signals (`auto_reply`, metadata).
    static func message(_ payload: JSONValue) -> InboundMessage? {
        guard let m = payload["message"], let channel = m["channel"]?.stringValue.flatMap(Channel.init(rawValue:)),
              let sender = m["sender"]?["id"]?.stringValue
        else { return nil }
        return InboundMessage(
            channel: channel, externalID: m["external_id"]?.stringValue,
            sender: InboundMessage.Sender(id: sender, name: m["sender"]?["name"]?.stringValue),
            conversation: m["conversation"]?.stringValue, threadKey: m["thread_key"]?.stringValue,
            replyTo: m["reply_to"]?.stringValue, references: m["references"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            subject: m["subject"]?.stringValue, text: m["text"]?.stringValue,
            sentAt: m["sent_at"]?.stringValue.flatMap(Timestamp.init(iso8601:)),
            isAutoReply: m["auto_reply"]?.boolValue ?? false,
            metadata: m["metadata"]?.objectValue ?? JSONObject())
    }

    static func ticketNumber(_ payload: JSONValue) -> String? { payload["ticket"]?["number"]?.stringValue }

    static func priority(_ payload: JSONValue) -> Priority {
        payload["ticket"]?["priority"]?.stringValue.flatMap(Priority.init(rawValue:)) ?? .medium
    }

    /// The deadline we tell the customer: none for a ticket outside the service agreement (a contract
    /// inactive or suspended).
    static func promisedFirstResponse(_ payload: JSONValue) -> Timestamp? {
        guard payload["ticket"]?["flags"]?["contract_inactive"]?.boolValue != true else { return nil }
        return payload["ticket"]?["first_response_due"]?.stringValue.flatMap(Timestamp.init(iso8601:))
    }

    /// When the change the event reports was committed: the ticket's `updated_at` in the payload.
    static func changedAt(_ payload: JSONValue) -> Timestamp? {
        payload["ticket"]?["updated_at"]?.stringValue.flatMap(Timestamp.init(iso8601:))
    }
}
