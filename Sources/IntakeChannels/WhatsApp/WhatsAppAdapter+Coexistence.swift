import IntakeCore

/// A number shared by the Cloud API and the WhatsApp Business app ("Coexistence", Meta's onboarding of
/// WhatsApp Business app users) sends three more webhook fields:
///
/// - `smb_message_echoes`: what our staff wrote to a customer from the app or a linked device, under
///   `message_echoes[]`, each shaped as an inbound message (`id`, `timestamp`, `type` and its body) with
///   `from` our number and `to` the customer's. It is our answer on the customer's ticket: the message is
///   read as any message is, sent by our number, marked `metadata.staff`, with `recipient` and
///   `thread_key` the customer's number, so the pipeline threads it on their open ticket as its response.
/// - `history`: the app's past chats, shared once after onboarding (up to 180 days, in phases and
///   chunks), or the business declining to share them (`errors`). Past conversations, not requests.
/// - `smb_app_state_sync`: the app's address book, added or removed contacts.
///
/// The last two are recorded (a `.status` with `metadata.ignored_reason`), never tickets.
extension WhatsAppAdapter {
    func cloudEcho(_ echo: JSONValue, context: CloudContext) -> InboundMessage? {
        guard var fields = echo.objectValue,
              let to = echo["to"]?.textValue ?? echo["to_user_id"]?.stringValue
        else { return nil }
        if fields["from"] == nil, let ours = context.businessNumber { fields["from"] = .string(ours) }
        guard var m = cloudMessage(.object(fields), context: context) else { return nil }
        let customer = Self.e164(to)
        m.sender.name = nil
        m.recipient = customer
        m.threadKey = m.group ?? customer
        m.metadata["staff"] = true
        m.metadata["echo"] = true
        return m
    }

    /// One record for a `history` or `smb_app_state_sync` change, named by a digest of our number and the
    /// change (Meta gives neither an id), so a redelivery is recorded once.
    func cloudSync(field: String, value: JSONObject, context: CloudContext) -> InboundMessage {
        var metadata = JSONObject()
        metadata["type"] = .string(field)
        let reason: String
        if field == "history" {
            let chunks = value["history"]?.arrayValue ?? []
            let threads = chunks.flatMap { $0["threads"]?.arrayValue ?? [] }
            let count = threads.reduce(0) { $0 + ($1["messages"]?.arrayValue?.count ?? 0) }
            if let progress = chunks.first?["metadata"] { metadata["history"] = progress }
            if let errors = value["errors"] ?? chunks.first?["errors"] {
                metadata["errors"] = errors
                reason = "WhatsApp Business app chat history: the business did not share it"
            } else {
                reason = "WhatsApp Business app chat history (\(threads.count) chats, \(count) messages): past conversations, not requests"
            }
        } else {
            let contacts = value["state_sync"]?.arrayValue?.count ?? 0
            reason = "WhatsApp Business app contacts sync (\(contacts) contacts): not a message"
        }
        metadata["ignored_reason"] = .string(reason)
        return InboundMessage(
            channel: .whatsapp,
            externalID: Self.digestID(field, of: (context.phoneNumberID ?? "") + "|" + JSONWriter.string(.object(value))),
            sender: .init(id: context.businessNumber ?? context.phoneNumberID ?? ""),
            conversation: context.phoneNumberID,
            kind: .status,
            metadata: metadata
        )
    }
}
