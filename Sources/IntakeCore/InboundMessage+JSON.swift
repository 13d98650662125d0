extension InboundMessage {
    /// The contract's JSON object: the twelve contract keys first, in the contract's order, then extras.
    public var json: JSONValue {
        var o = JSONObject()
        o["channel"] = .string(channel.rawValue)
        o["external_id"] = .optional(externalID)
        o["sender"] = ["id": .string(sender.id), "name": .optional(sender.name)]
        o["conversation"] = .optional(conversation)
        o["thread_key"] = .optional(threadKey)
        o["reply_to"] = .optional(replyTo)
        o["references"] = .array(references.map(JSONValue.string))
        o["subject"] = .optional(subject)
        o["text"] = .optional(text)
        o["sent_at"] = .optional(sentAt?.iso8601)
        o["attachments"] = .array(attachments.map(\.json))
        o["auto_reply"] = .bool(isAutoReply)
        o["kind"] = .string(kind.rawValue)
        if let targetID { o["target_id"] = .string(targetID) }
        if let ticketText, ticketText != text { o["ticket_text"] = .string(ticketText) }
        if !hints.isEmpty {
            var h = JSONObject()
            if let p = hints.priority { h["priority"] = .string(p.rawValue) }
            if let t = hints.requestType { h["request_type"] = .string(t.rawValue) }
            if let c = hints.customerID { h["customer"] = .string(c) }
            if let op = hints.operatorName { h["operator"] = .string(op) }
            o["hints"] = .object(h)
        }
        if !metadata.pairs.isEmpty { o["metadata"] = .object(metadata) }
        if !warnings.isEmpty { o["warnings"] = .array(warnings.map(JSONValue.string)) }
        return .object(o)
    }
}

extension Attachment {
    /// `filename`, `content_type`, `size` as the contract names them, then what else is known.
    public var json: JSONValue {
        var o = JSONObject()
        o["filename"] = .optional(filename)
        o["content_type"] = .optional(contentType)
        o["size"] = .optional(size)
        if let mediaID { o["media_id"] = .string(mediaID) }
        if let url { o["url"] = .string(url) }
        if let sha256 { o["sha256"] = .string(sha256) }
        if let contentID { o["content_id"] = .string(contentID) }
        if isInline { o["inline"] = true }
        return .object(o)
    }
}
