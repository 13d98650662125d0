public import IntakeCore

/// WhatsApp's two inbound shapes: Meta's Cloud API webhook JSON (`object: whatsapp_business_account`)
/// and Twilio's WhatsApp form POSTs (`From=whatsapp:+...`). Told apart by content: JSON starts with `{`.
///
/// Cloud API: one POST may batch several `entry[]`, each with several `changes[]`, each with several
/// `messages[]` and `statuses[]`, from several customers; every one becomes its own message. Customers
/// are addressed by E.164 (`from` is digits without `+`); the conversation is our `phone_number_id`;
/// the thread is the customer's number, since a WhatsApp chat has no threads of its own, or the group a
/// message was written in (`group_id`).
///
/// Voice calls to our number (the Business Calling API, `field: calls`) are calls: see `cloudCall`. On a
/// number shared with the WhatsApp Business app, what our staff write there are our answers, and the app's
/// history and contacts syncs are recorded, never tickets: see `cloudEcho`, `cloudSync`.
///
/// Statuses (`sent`, `delivered`, `read`, `failed`) are `.status` messages about our outbound message
/// (`target_id` = its wamid, `external_id` = `wamid:status` so each transition is recorded once); they
/// never open tickets. A reaction is also `.status`: it is recorded against the message reacted to
/// (`target_id`), emoji in `metadata.emoji` (absent when the customer removed it), and, like a delivery
/// receipt, it never opens or reopens a ticket. On numbers shared with the WhatsApp Business app
/// ("Coexistence") a customer's `edit` is an `.edit` and a `revoke` a `.deletion` of the message
/// `original_message_id` names. A `system` message (the customer's new number or identity) is WhatsApp's
/// notice, marked `auto_reply`: it joins the customer's open ticket and opens none.
public struct WhatsAppAdapter: ChannelAdapter {
    public let channel = Channel.whatsapp

    public init() {}

    public func normalize(_ payload: RawPayload) throws(AdapterError) -> [InboundMessage] {
        let bytes = payload.bytesAfterByteOrderMark
        let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D })
        if first == UInt8(ascii: "{") {
            return try normalizeCloud(bytes)
        }
        return try normalizeTwilio(FormURLEncoded.parse(bytes))
    }

    func failure(_ reason: String) -> AdapterError { AdapterError(channel: .whatsapp, reason: reason) }

    private func normalizeCloud(_ bytes: [UInt8]) throws(AdapterError) -> [InboundMessage] {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw failure("invalid JSON: \(error)")
        }
        guard root["object"]?.stringValue == "whatsapp_business_account" else {
            throw failure("JSON without `object: whatsapp_business_account`")
        }
        guard let entries = root["entry"]?.arrayValue else { throw failure("webhook without `entry` array") }
        var messages: [InboundMessage] = []
        for entry in entries {
            for change in entry["changes"]?.arrayValue ?? [] {
                guard let value = change["value"]?.objectValue else { continue }
                let context = CloudContext(value: value)
                let field = change["field"]?.stringValue ?? "messages"
                switch field {
                case "messages": break
                case "calls":
                    messages += (value["calls"]?.arrayValue ?? []).compactMap { cloudCall($0, context: context) }
                    continue
                case "smb_message_echoes":
                    messages += (value["message_echoes"]?.arrayValue ?? []).compactMap { cloudEcho($0, context: context) }
                    continue
                case "history", "smb_app_state_sync":
                    messages.append(cloudSync(field: field, value: value, context: context))
                    continue
                default: continue
                }
                for message in value["messages"]?.arrayValue ?? [] {
                    if let m = cloudMessage(message, context: context) { messages.append(Self.withErrors(m, valueErrors: value["errors"])) }
                }
                for status in value["statuses"]?.arrayValue ?? [] {
                    if let s = cloudStatus(status, context: context) { messages.append(s) }
                }
                if let e = cloudErrors(value, context: context) { messages.append(e) }
            }
        }
        return messages
    }

    /// What one `changes[].value` says about every message in it: our number and the senders' ids and names.
    struct CloudContext {
        var phoneNumberID: String?
        var businessNumber: String?
        var contacts: [(waID: String, name: String?, username: String?)] = []

        init(value: JSONObject) {
            phoneNumberID = value["metadata"]?["phone_number_id"]?.textValue
            businessNumber = value["metadata"]?["display_phone_number"]?.textValue.map(WhatsAppAdapter.e164)
            for contact in value["contacts"]?.arrayValue ?? [] {
                let name = contact["profile"]?["name"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
                let username = contact["profile"]?["username"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
                for key in ["wa_id", "user_id"] {
                    if let id = contact[key]?.textValue, !id.isEmpty { contacts.append((id, name, username)) }
                }
            }
        }

        /// The WhatsApp username (`@...`) the contact of `from` (number or user id) shows, if any.
        func username(for from: String) -> String? {
            contacts.first(where: { $0.waID == from && $0.username != nil })?.username
        }

        /// The profile name for `from`: by `wa_id`, else by the same number (in Argentina with or without
        /// the mobile `9`).
        func name(for from: String) -> String? {
            if let hit = contacts.first(where: { $0.waID == from && $0.name != nil }) { return hit.name }
            let variants = E164.lookupVariants(WhatsAppAdapter.e164(from))
            return contacts.first(where: { $0.name != nil && variants.contains(WhatsAppAdapter.e164($0.waID)) })?.name
        }

        /// `from` as E.164, in the form the contact's `wa_id` gives it when the two name one Argentine
        /// mobile with and without the `9` (see `WhatsAppAdapter.number(_:waID:)`).
        func number(for from: String) -> String {
            let number = WhatsAppAdapter.e164(from)
            let variants = E164.lookupVariants(number)
            guard variants.count > 1, let waID = contacts.first(where: { variants.contains(WhatsAppAdapter.e164($0.waID)) })?.waID
            else { return number }
            return WhatsAppAdapter.number(from, waID: waID)
        }
    }

    /// A customer's number from `from` and the WhatsApp id the platform gives with it (the Cloud API's
    /// contact `wa_id`, Twilio's `WaId`). Argentine mobiles are written with the `9` after the country
    /// code (`+54 9 11 ...`, the international form, and what `wa_id` carries) or without it (how they are
    /// dialled from abroad, and the form Meta's sending side and some integrations use): when `from` and
    /// the id name one line in the two forms, the one with the `9` is taken, so that one customer writing
    /// from one phone is one sender and one conversation whichever form a message carried.
    /// A `from` that reads as no number (Twilio's `whatsapp:+39...` whose `+` a relay left unencoded, so
    /// that it arrived as a space) is the id's number.
    static func number(_ from: String, waID: String?) -> String {
        let number = e164(from)
        guard let waID else { return number }
        let id = e164(waID)
        if !number.hasPrefix("+"), id.hasPrefix("+") { return id }
        guard id != number, E164.lookupVariants(number).contains(id) else { return number }
        return id.hasPrefix("+549") ? id : number
    }

    /// WhatsApp ids are digits with the country code and no `+`; E.164 when it reads as a number, the id
    /// as given otherwise (a business-scoped user id, for instance).
    static func e164(_ id: String) -> String {
        let trimmed = id.trimmingWhitespace()
        let digitsOnly = !trimmed.isEmpty && trimmed.allSatisfy(\.isASCIIDigit)
        return E164.normalize(digitsOnly ? "+" + trimmed : trimmed) ?? trimmed
    }

    /// `prefix:` and the first 32 hex digits of the SHA-256 of `identity`: the id of a record Meta gives
    /// none, the same for a redelivery.
    static func digestID(_ prefix: String, of identity: String) -> String {
        prefix + ":" + String(SHA256.hex(Array(identity.utf8)).prefix(32))
    }

    static func timestamp(_ value: JSONValue?) -> Timestamp? {
        guard let seconds = value?.numberValue, seconds.isFinite, abs(seconds) < 1e12 else { return nil }
        return Timestamp(seconds: Int64(seconds))
    }
}
