import IntakeCore

/// One Cloud API `messages[]` or `statuses[]` item (Meta "messages webhook reference", one page per type).
extension WhatsAppAdapter {
    private static let mediaTypes: Set<String> = ["image", "audio", "video", "document", "sticker"]

    func cloudMessage(_ message: JSONValue, context: CloudContext) -> InboundMessage? {
        // A customer who adopted a WhatsApp username may come without a number (`from: ""`): their
        // business-scoped user id (`from_user_id`, `WhatsAppUserID`) is who they are.
        // A `system` notice that a user id changed names the user only inside it (`previous_user_id`).
        let system = message["system"]
        let userID = Self.nonEmpty(message["from_user_id"]?.stringValue) ?? Self.nonEmpty(system?["previous_user_id"]?.stringValue)
            ?? Self.nonEmpty(system?["user_id"]?.stringValue)
        guard let id = message["id"]?.stringValue, let from = Self.nonEmpty(message["from"]?.textValue) ?? userID else { return nil }
        let type = message["type"]?.stringValue ?? "unknown"
        // `request_welcome`: the customer opened the chat for the first time (Meta sends it so a business
        // can greet them); nothing was written yet. Like Slack's housekeeping, no message: the payload is
        // still kept, and what they write next opens the ticket.
        guard type != "request_welcome" else { return nil }
        let sender = context.number(for: from)
        var m = InboundMessage(
            channel: .whatsapp,
            externalID: id,
            sender: .init(id: sender, name: context.name(for: from)),
            conversation: context.phoneNumberID,
            threadKey: sender,
            replyTo: message["context"]?["id"]?.stringValue,
            sentAt: Self.timestamp(message["timestamp"])
        )
        m.metadata["type"] = .string(type)
        if let userID { m.metadata["user_id"] = .string(userID) }
        if let username = context.username(for: from) { m.metadata["username"] = .string(username) }
        // A message written in a WhatsApp group (Meta's "group messages webhook reference"): the group is
        // the conversation its participants share, so it threads by the group, not by who wrote, and
        // replies go to it (`recipient_type: group`, `to`: the group id, in Meta's groups messaging).
        if let group = message["group_id"]?.textValue {
            m.threadKey = group
            m.group = group
            m.metadata["group_id"] = .string(group)
        }
        let quoted = message["context"]
        Self.markForwarded(&m.metadata, forwarded: quoted?["forwarded"]?.boolValue == true,
                           frequently: quoted?["frequently_forwarded"]?.boolValue == true)
        if let product = quoted?["referred_product"] { m.metadata["referred_product"] = product }
        if let referral = message["referral"] { m.metadata["referral"] = referral }
        let body = message[type]

        switch type {
        case "text":
            m.text = Self.nonEmpty(body?["body"]?.stringValue)
        case _ where Self.mediaTypes.contains(type):
            m.text = Self.nonEmpty(body?["caption"]?.stringValue)
            // `"video": null`: nothing to fetch, so no attachment (it was one with no id, type or name).
            if body?.objectValue != nil { m.attachments = [media(body, warnings: &m.warnings)] }
            if body?["voice"]?.boolValue == true { m.metadata["voice"] = true }
            if body?["animated"]?.boolValue == true { m.metadata["animated"] = true }
        case "location":
            m.text = Self.locationText(body)
            if let lat = body?["latitude"], let long = body?["longitude"] {
                m.metadata["latitude"] = lat
                m.metadata["longitude"] = long
            }
        case "contacts":
            m.text = Self.contactsText(message["contacts"])
        case "interactive":
            let kind = body?["type"]?.stringValue ?? "unknown"
            let reply = body?[kind]
            m.metadata["interactive_type"] = .string(kind)
            if let replyID = reply?["id"]?.textValue { m.metadata["reply_id"] = .string(replyID) }
            m.text = WhatsAppFlowReply.text(responseJSON: reply?["response_json"])
                ?? Self.choiceText(reply) ?? Self.nonEmpty(reply?["body"]?.stringValue)
                ?? Self.callPermissionText(kind: kind, reply: reply)
            if let response = reply?["response_json"] { m.metadata["response_json"] = response }
            if kind == "call_permission_reply", let reply { m.metadata["call_permission"] = reply }
        case "button":
            m.text = Self.nonEmpty(body?["text"]?.stringValue)
            if let payload = body?["payload"]?.textValue { m.metadata["payload"] = .string(payload) }
        case "reaction":
            m.kind = .status
            m.targetID = body?["message_id"]?.stringValue
            m.text = Self.nonEmpty(body?["emoji"]?.stringValue)
            if let emoji = m.text { m.metadata["emoji"] = .string(emoji) }
        case "order":
            m.text = Self.orderText(body)
            if let catalog = body?["catalog_id"]?.textValue { m.metadata["catalog_id"] = .string(catalog) }
        case "system":
            // WhatsApp's own notice about the customer (a new number, a new identity, a new user id),
            // written by no one: an automatic message, so it joins the customer's open ticket for the
            // agent to see and opens none.
            m.isAutoReply = true
            m.metadata["auto_reply_reason"] = "whatsapp-system"
            m.text = Self.nonEmpty(body?["body"]?.stringValue)
            if let systemType = body?["type"]?.stringValue { m.metadata["system_type"] = .string(systemType) }
            if let newID = body?["wa_id"]?.textValue ?? body?["new_wa_id"]?.textValue { m.metadata["new_wa_id"] = .string(newID) }
            if let newUserID = body?["user_id"]?.stringValue { m.metadata["new_user_id"] = .string(newUserID) }
        case "edit":
            m.kind = .edit
            m.targetID = body?["original_message_id"]?.stringValue
            if let edited = editedContent(message, body: body, context: context) {
                (m.text, m.attachments, m.replyTo) = (edited.text, edited.attachments, edited.replyTo ?? m.replyTo)
                m.warnings += edited.warnings
                if let editedType = edited.metadata["type"] { m.metadata["edited_type"] = editedType }
            }
        case "revoke":
            m.kind = .deletion
            m.targetID = body?["original_message_id"]?.stringValue
        default:
            let inner = body?["type"]?.stringValue
            if let inner { m.metadata["unsupported_type"] = .string(inner) }
            // Meta delivers what the Cloud API cannot show (a poll, a view-once photo, a type newer than
            // the API) as `unsupported`/`unknown` with no content: the text says so, or the ticket would
            // be blank while the customer did write.
            m.text = Self.nonEmpty(body?["body"]?.stringValue) ?? Self.nonEmpty(body?["caption"]?.stringValue)
                ?? "Mensaje de WhatsApp que la API no muestra (\(inner ?? type))"
        }
        if let errors = message["errors"] { m.metadata["errors"] = errors }
        return m
    }

    /// An `edit` (numbers shared with the WhatsApp Business app, "Coexistence"): the new content is a
    /// message of its own under `edit.message` (`type`, its body, `context`), read as any message is,
    /// with the outer id, sender and time. An edit of an edit is not a shape Meta sends and is not read.
    private func editedContent(_ message: JSONValue, body: JSONValue?, context: CloudContext) -> InboundMessage? {
        guard var merged = message.objectValue, let inner = body?["message"]?.objectValue,
              let type = inner["type"]?.stringValue, type != "edit"
        else { return nil }
        for (key, value) in inner.pairs { merged[key] = value }
        return cloudMessage(.object(merged), context: context)
    }

    func cloudStatus(_ status: JSONValue, context: CloudContext) -> InboundMessage? {
        guard let id = status["id"]?.stringValue, let state = status["status"]?.stringValue else { return nil }
        let recipient = (Self.nonEmpty(status["recipient_id"]?.textValue) ?? Self.nonEmpty(status["recipient_user_id"]?.stringValue)).map(Self.e164)
        var metadata = JSONObject()
        metadata["type"] = "status"
        metadata["status"] = .string(state)
        if let recipient { metadata["recipient_id"] = .string(recipient) }
        if let errors = status["errors"] { metadata["errors"] = errors }
        if let data = status["biz_opaque_callback_data"] { metadata["biz_opaque_callback_data"] = data }
        return InboundMessage(
            channel: .whatsapp,
            externalID: "\(id):\(state)",
            sender: .init(id: context.businessNumber ?? context.phoneNumberID ?? ""),
            conversation: context.phoneNumberID,
            threadKey: recipient,
            sentAt: Self.timestamp(status["timestamp"]),
            kind: .status,
            targetID: id,
            metadata: metadata
        )
    }

    /// Media are referenced by id (downloaded later through the Graph API). Meta's `sha256` is Base64;
    /// the model keeps lowercase hex.
    private func media(_ body: JSONValue?, warnings: inout [String]) -> Attachment {
        var digest: String?
        if let given = body?["sha256"]?.stringValue {
            if let bytes = Base64.decode(given), bytes.count == SHA256.digestSize {
                digest = Hex.encode(bytes)
            } else if let bytes = Hex.decode(given), bytes.count == SHA256.digestSize {
                digest = Hex.encode(bytes)
            } else {
                warnings.append("media sha256 is neither Base64 nor hex of 32 bytes: \(given)")
            }
        }
        return Attachment(
            filename: body?["filename"]?.stringValue,
            contentType: body?["mime_type"]?.stringValue,
            mediaID: body?["id"]?.textValue,
            url: body?["url"]?.stringValue,
            sha256: digest
        )
    }

    static func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.trimmingWhitespace().isEmpty else { return nil }
        return s
    }

    /// The option the customer chose from a list or a reply button: its title, and for a list row the
    /// description under it (`list_reply.description`, Meta's messages webhook reference), which says what
    /// a title of 24 characters at most cannot: `Alta — Funciones caídas`.
    static func choiceText(_ reply: JSONValue?) -> String? {
        guard let title = nonEmpty(reply?["title"]?.stringValue) else { return nil }
        return nonEmpty(reply?["description"]?.stringValue).map { title + " — " + $0 } ?? title
    }

    /// The customer's answer to our request to call them (Calling API, `interactive.type:
    /// call_permission_reply`, `response` `accept` or `reject`): it has no title or body, and a blank
    /// message would hide that they agreed to be called.
    static func callPermissionText(kind: String, reply: JSONValue?) -> String? {
        guard kind == "call_permission_reply", let response = reply?["response"]?.stringValue else { return nil }
        let answer = switch response { case "accept": "aceptado"; case "reject": "rechazado"; default: response }
        return "Permiso para llamar: \(answer)" + (reply?["is_permanent"]?.boolValue == true ? " (permanente)" : "")
    }

    /// `Ubicación: name, address (lat, long)`, leaving out what the customer did not share.
    static func locationText(_ body: JSONValue?) -> String {
        let place = [body?["name"]?.stringValue, body?["address"]?.stringValue].compactMap { nonEmpty($0) }.joined(separator: ", ")
        var text = "Ubicación:"
        if !place.isEmpty { text += " " + place }
        if let lat = body?["latitude"]?.numberValue, let long = body?["longitude"]?.numberValue {
            text += " (\(number(lat)), \(number(long)))"
        }
        return text
    }

    /// One line per shared contact card: `Contacto: name, company (phone, phone, email)`. A customer
    /// shares the card of the person we should talk to; how to reach them is the point of it.
    static func contactsText(_ value: JSONValue?) -> String? {
        let lines = (value?.arrayValue ?? []).map { card -> String in
            let name = nonEmpty(card["name"]?["formatted_name"]?.stringValue)
                ?? [card["name"]?["first_name"]?.stringValue, card["name"]?["last_name"]?.stringValue].compactMap { nonEmpty($0) }.joined(separator: " ")
            let company = nonEmpty(card["org"]?["company"]?.stringValue).map { ", " + $0 } ?? ""
            let phones = (card["phones"]?.arrayValue ?? []).compactMap { nonEmpty($0["phone"]?.stringValue) }
            let emails = (card["emails"]?.arrayValue ?? []).compactMap { nonEmpty($0["email"]?.stringValue) }
            let ways = phones + emails
            return "Contacto: " + (name.isEmpty ? "(sin nombre)" : name) + company + (ways.isEmpty ? "" : " (\(ways.joined(separator: ", ")))")
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    /// The order's note, then `Pedido:` and one line per item: `- quantity × product (price currency)`.
    static func orderText(_ body: JSONValue?) -> String {
        var lines: [String] = []
        if let note = nonEmpty(body?["text"]?.stringValue) { lines.append(note) }
        lines.append("Pedido:")
        for item in body?["product_items"]?.arrayValue ?? [] {
            let product = item["product_retailer_id"]?.textValue ?? "?"
            let quantity = item["quantity"]?.textValue ?? "1"
            var line = "- \(quantity) × \(product)"
            if let price = item["item_price"]?.numberValue {
                line += " (\(number(price))" + (item["currency"]?.stringValue.map { " " + $0 } ?? "") + ")"
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// Integral numbers without a fraction, others as Swift prints them (shortest round-trip form).
    static func number(_ n: Double) -> String {
        n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
    }

    /// A forward, as the Cloud API's `context` and Twilio's `Forwarded`/`FrequentlyForwarded` say it:
    /// `frequently_forwarded` alone (a message that went through more than five chats, Meta's messages
    /// webhook reference) is a forward too.
    static func markForwarded(_ metadata: inout JSONObject, forwarded: Bool, frequently: Bool) {
        if forwarded || frequently { metadata["forwarded"] = true }
        if frequently { metadata["frequently_forwarded"] = true }
    }
}
