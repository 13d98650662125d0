import IntakeCore

/// Twilio Conversations webhooks (Twilio "Conversations Webhooks"), posted to the same Twilio route and
/// signed the same way (`X-Twilio-Signature`), when the WhatsApp sender is attached to a Conversations
/// service instead of a Messaging webhook. They name what happened in `EventType` and the conversation in
/// `ConversationSid`, and carry no `From`/`To`.
///
/// `onMessageAdded` by a WhatsApp author (`Author: whatsapp:+E164`) is the customer's message:
/// `MessageSid` (`IM...`), `Body`, `Media` (a JSON array of `Sid`, `Filename`, `ContentType`, `Size`),
/// `DateCreated` (ISO 8601), `ParticipantSid`, `Source`. One by our agent through the SDK (`Source: SDK`)
/// is our answer (`metadata.staff`), which the pipeline finds the conversation's ticket for by
/// `ConversationSid`. Every other event (a conversation or participant added, a delivery receipt, a
/// message through the REST API) is recorded as ignored with what it was: Twilio posts whatever the service's webhook filter lets through, and refusing it
/// would only fill the log with 400s.
extension WhatsAppAdapter {
    func normalizeTwilioConversations(_ form: [(name: String, value: String)], event: String) -> [InboundMessage] {
        func field(_ name: String) -> String? { FormURLEncoded.value(name, in: form).flatMap { $0.isEmpty ? nil : $0 } }
        var metadata = JSONObject()
        metadata["provider"] = "twilio"
        metadata["event_type"] = .string(event)
        let conversation = field("ConversationSid")
        if let conversation { metadata["conversation_sid"] = .string(conversation) }
        if let account = field("AccountSid") { metadata["account_sid"] = .string(account) }
        if let participant = field("ParticipantSid") { metadata["participant_sid"] = .string(participant) }
        if let source = field("Source") { metadata["source"] = .string(source) }
        let author = field("Author")

        if event == "onMessageAdded", let sid = field("MessageSid"), let author, author.lowercased().hasPrefix("whatsapp:") {
            let sender = Self.e164(author)
            var warnings: [String] = []
            let attachments = Self.conversationMedia(field("Media"), warnings: &warnings)
            metadata["type"] = .string(attachments.isEmpty ? "text" : "media")
            return [
                InboundMessage(
                    channel: .whatsapp, externalID: sid, sender: .init(id: sender), conversation: conversation, threadKey: sender,
                    text: Self.nonEmpty(field("Body")), sentAt: field("DateCreated").flatMap { Timestamp(iso8601: $0) },
                    attachments: attachments, metadata: metadata, warnings: warnings
                )
            ]
        }

        // A person of ours writing in the customer's conversation from a Conversations SDK client (Flex's
        // agent desktop: `Source: SDK`, `Author` their identity) answers it. Through the REST API (`Source:
        // API`) write bots and Studio flows too ("un agente te atenderá en breve"), which answer nothing.
        if event == "onMessageAdded", let sid = field("MessageSid"), let author, field("Source")?.uppercased() == "SDK" {
            var warnings: [String] = []
            let attachments = Self.conversationMedia(field("Media"), warnings: &warnings)
            metadata["type"] = .string(attachments.isEmpty ? "text" : "media")
            metadata["staff"] = true
            return [
                InboundMessage(
                    channel: .whatsapp, externalID: sid, sender: .init(id: author), conversation: conversation,
                    text: Self.nonEmpty(field("Body")), sentAt: field("DateCreated").flatMap { Timestamp(iso8601: $0) },
                    attachments: attachments, metadata: metadata, warnings: warnings
                )
            ]
        }

        let reason: String
        switch event {
        case "onMessageAdded":
            reason = "Twilio Conversations message by \(author ?? "no author") (\(field("Source") ?? "no source")): not a WhatsApp customer's"
        case "onDeliveryUpdated":
            reason = "Twilio Conversations delivery receipt (\(field("Status") ?? "no status")) of \(field("MessageSid") ?? "a message"): not a request"
        default:
            reason = "Twilio Conversations \(event) in \(conversation ?? "no conversation"): not a message"
        }
        metadata["type"] = "status"
        metadata["ignored_reason"] = .string(reason)
        // `RetryCount` grows with each retry of the same event: left out, a retry is a redelivery.
        let identity = form.filter { $0.name != "RetryCount" }.map { $0.name + "=" + $0.value }.joined(separator: "&")
        return [
            InboundMessage(
                channel: .whatsapp, externalID: Self.digestID("twilio:" + event, of: identity),
                sender: .init(id: (author ?? field("MessagingBinding.Address")).map(Self.e164) ?? ""), conversation: conversation,
                sentAt: field("DateCreated").flatMap { Timestamp(iso8601: $0) }, kind: .status, metadata: metadata
            )
        ]
    }

    /// A message's `Media`: the files as Twilio lists them, referenced by their media `Sid` (`ME...`, fetched
    /// through Twilio's Media Content Service). Keys are read in either of Twilio's spellings (`Sid`,
    /// `sid`, `ContentType`, `content_type`).
    static func conversationMedia(_ json: String?, warnings: inout [String]) -> [Attachment] {
        guard let json else { return [] }
        guard let list = (try? JSONParser.parse(Array(json.utf8)))?.arrayValue else {
            warnings.append("Media is not a JSON array: \(json.prefix(80))")
            return []
        }
        return list.map { item in
            func value(_ names: String...) -> JSONValue? { names.lazy.compactMap { item[$0] }.first }
            return Attachment(filename: value("Filename", "filename")?.stringValue, contentType: value("ContentType", "content_type")?.stringValue,
                              size: value("Size", "size")?.intValue, mediaID: value("Sid", "sid")?.textValue)
        }
    }
}
