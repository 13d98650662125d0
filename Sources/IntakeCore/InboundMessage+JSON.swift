extension InboundMessage {
    /// The contract's JSON object: the twelve contract keys first, in the contract's order, then extras.
    /// Built as a list of pairs (every key is written once), not key by key through the subscript, which
    /// searches the keys already set: this runs for every stored message.
    public var json: JSONValue {
        var o: [(key: String, value: JSONValue)] = []
        o.reserveCapacity(18)
        o.append(("channel", .string(channel.rawValue)))
        o.append(("external_id", .optional(externalID)))
        o.append(("sender", .object(JSONObject([("id", .string(sender.id)), ("name", .optional(sender.name))]))))
        o.append(("conversation", .optional(conversation)))
        o.append(("thread_key", .optional(threadKey)))
        o.append(("reply_to", .optional(replyTo)))
        o.append(("references", .array(references.map(JSONValue.string))))
        o.append(("subject", .optional(subject)))
        o.append(("text", .optional(text)))
        o.append(("sent_at", .optional(sentAt?.iso8601)))
        o.append(("attachments", .array(attachments.map(\.json))))
        o.append(("auto_reply", .bool(isAutoReply)))
        o.append(("kind", .string(kind.rawValue)))
        if let targetID { o.append(("target_id", .string(targetID))) }
        if let group { o.append(("group", .string(group))) }
        if let recipient { o.append(("recipient", .string(recipient))) }
        if let ticketText, ticketText != text { o.append(("ticket_text", .string(ticketText))) }
        if !hints.isEmpty {
            var h: [(key: String, value: JSONValue)] = []
            if let p = hints.priority { h.append(("priority", .string(p.rawValue))) }
            if let t = hints.requestType { h.append(("request_type", .string(t.rawValue))) }
            if let c = hints.customerID { h.append(("customer", .string(c))) }
            if let op = hints.operatorName { h.append(("operator", .string(op))) }
            o.append(("hints", .object(JSONObject(h))))
        }
        if !metadata.pairs.isEmpty { o.append(("metadata", .object(metadata))) }
        if !warnings.isEmpty { o.append(("warnings", .array(warnings.map(JSONValue.string)))) }
        return .object(JSONObject(o))
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
