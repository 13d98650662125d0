import IntakeCore

/// Twilio's WhatsApp webhooks (Twilio "Messaging webhooks" request parameters): inbound messages carry
/// `MessageSid`, `From`/`To` as `whatsapp:+E164`, `Body`, `NumMedia` with `MediaUrlN`/`MediaContentTypeN`,
/// `ProfileName` and `WaId`; status callbacks carry `MessageStatus` (and `ErrorCode`/`ErrorMessage`)
/// and usually no `Body`. Twilio sends no timestamp, so `sent_at` is null. A Conversations webhook
/// (`EventType`, `ConversationSid`) is read by `normalizeTwilioConversations`.
extension WhatsAppAdapter {
    /// Twilio delivers at most ten media per message.
    private static let maximumMedia = 10

    /// The `MessageStatus` values of a message coming in; any other one (`queued`, `sent`, `delivered`,
    /// `read`, `failed`, ...) is about a message we sent. A status callback is "a subset of the standard
    /// request properties" plus `MessageStatus` (Twilio "Track the message status"), so it may carry the
    /// `Body` we sent: without this, our own outbound text would come back as a customer's message.
    /// Callbacks in the older form name the state only as `SmsStatus` (which inbound messages carry too,
    /// as `received`), so that name counts as well.
    private static let inboundStates: Set<String> = ["receiving", "received"]

    /// Click-to-WhatsApp ad fields, named as the Cloud API's `referral` object names them.
    private static let referralFields = [
        ("ReferralSourceId", "source_id"), ("ReferralSourceType", "source_type"), ("ReferralSourceUrl", "source_url"),
        ("ReferralHeadline", "headline"), ("ReferralBody", "body"), ("ReferralCtwaClid", "ctwa_clid"),
        ("ReferralMediaId", "media_id"), ("ReferralMediaContentType", "media_content_type"),
        ("ReferralMediaUrl", "media_url"),
    ]

    func normalizeTwilio(_ form: [(name: String, value: String)]) throws(AdapterError) -> [InboundMessage] {
        func field(_ name: String) -> String? { FormURLEncoded.value(name, in: form).flatMap { $0.isEmpty ? nil : $0 } }
        if let event = field("EventType"), field("ConversationSid") != nil {
            return normalizeTwilioConversations(form, event: event)
        }
        guard let sid = field("MessageSid") ?? field("SmsMessageSid") ?? field("SmsSid") else {
            throw failure("neither Cloud API JSON nor a Twilio form (no `MessageSid`)")
        }
        guard let from = field("From"), let to = field("To"),
              from.lowercased().hasPrefix("whatsapp:") || to.lowercased().hasPrefix("whatsapp:")
        else { throw failure("Twilio form without whatsapp: `From`/`To` (an SMS?)") }
        var metadata = JSONObject()
        metadata["provider"] = "twilio"
        if let account = field("AccountSid") { metadata["account_sid"] = .string(account) }

        let messageStatus = field("MessageStatus")
        if let status = messageStatus ?? field("SmsStatus"),
           !Self.inboundStates.contains(status) || (messageStatus != nil && FormURLEncoded.value("Body", in: form) == nil) {
            let recipient = Self.e164(to)
            metadata["type"] = "status"
            metadata["status"] = .string(status)
            metadata["recipient_id"] = .string(recipient)
            if let code = field("ErrorCode") {
                metadata["errors"] = [["code": .string(code), "message": .optional(field("ErrorMessage"))]]
            }
            return [
                InboundMessage(
                    channel: .whatsapp, externalID: "\(sid):\(status)", sender: .init(id: Self.e164(from)),
                    conversation: Self.e164(from), threadKey: recipient, kind: .status, targetID: sid, metadata: metadata
                )
            ]
        }

        let sender = Self.number(from, waID: field("WaId"))
        // `whatsapp:+` alone: every such message would be one sender and one thread, nobody's.
        guard sender.contains(where: \.isASCIIDigit) else { throw failure("Twilio form whose `From` has no number: \(from)") }
        let count = min(Int(field("NumMedia") ?? "0") ?? 0, Self.maximumMedia)
        var attachments: [Attachment] = []
        for i in 0..<max(count, 0) {
            guard let url = field("MediaUrl\(i)") else { continue }
            attachments.append(Attachment(contentType: field("MediaContentType\(i)"), url: url))
        }
        metadata["type"] = .string(field("MessageType") ?? (attachments.isEmpty ? "text" : "media"))
        if let waID = field("WaId") { metadata["wa_id"] = .string(waID) }
        if let payload = field("ButtonPayload") { metadata["payload"] = .string(payload) }
        if let listID = field("ListId") { metadata["reply_id"] = .string(listID) }
        Self.markForwarded(&metadata, forwarded: field("Forwarded") == "true", frequently: field("FrequentlyForwarded") == "true")
        let referral = JSONObject(Self.referralFields.compactMap { name, key in field(name).map { (key, JSONValue.string($0)) } })
        if !referral.pairs.isEmpty { metadata["referral"] = .object(referral) }
        var text = Self.nonEmpty(field("Body")) ?? field("ButtonText") ?? field("ListTitle")
        if let lat = field("Latitude"), let long = field("Longitude") {
            // As the Cloud API's location keeps them: numbers in metadata, for a desk that maps them.
            if let latitude = Double(lat), let longitude = Double(long), latitude.isFinite, longitude.isFinite {
                (metadata["latitude"], metadata["longitude"]) = (.number(latitude), .number(longitude))
            }
            if text == nil {
                let place = [field("Label"), field("Address")].compactMap { $0 }.joined(separator: ", ")
                text = "Ubicación:" + (place.isEmpty ? "" : " " + place) + " (\(lat), \(long))"
            }
        }
        if text == nil, attachments.isEmpty {
            // As the Cloud API's `unsupported`: a message Twilio forwards without content (a poll, a
            // view-once photo, a type newer than the API) would otherwise be a blank ticket.
            text = "Mensaje de WhatsApp que la API no muestra (\(field("MessageType") ?? "sin tipo"))"
        }
        return [
            InboundMessage(
                channel: .whatsapp,
                externalID: sid,
                sender: .init(id: sender, name: field("ProfileName")),
                conversation: Self.e164(to),
                threadKey: sender,
                replyTo: field("OriginalRepliedMessageSid"),
                text: text,
                attachments: attachments,
                metadata: metadata
            )
        ]
    }
}
