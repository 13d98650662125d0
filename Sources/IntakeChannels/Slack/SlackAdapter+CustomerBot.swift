import IntakeCore

/// Posts of a customer's own bot (`slack.customer_bot_ids`): a monitoring tool (Zabbix, Grafana, an
/// incoming webhook) raising an alert in the customer's channel is a request like a person's. Such
/// posts carry their alert in legacy attachments more often than in `text` (Slack's "Secondary message
/// attachments": `pretext`, `title`, `text`, `fields`, `fallback`), so those are the text too.
extension SlackAdapter {
    /// The post as a message when its bot is one of the customers' and not ours; nil otherwise.
    func customerBotMessage(_ event: JSONObject, envelope: JSONObject) -> InboundMessage? {
        guard !customerBotIDs.isEmpty, let botID = event["bot_id"]?.stringValue, customerBotIDs.contains(botID),
              event["subtype"] == nil || event["subtype"]?.stringValue == "bot_message",
              event["user"]?.stringValue.map({ !isBotUser($0, envelope: envelope) }) ?? true,
              let channelID = event["channel"]?.stringValue, let ts = event["ts"]?.stringValue
        else { return nil }
        var metadata = baseMetadata(event, envelope: envelope, channelID: channelID, ts: ts)
        metadata["bot_id"] = .string(botID)
        let name = event["username"]?.stringValue ?? event["bot_profile"]?["name"]?.stringValue
        let parts = [Self.ownText(of: event), Self.alertText(event["attachments"])].compactMap { $0 }
        return post(event, envelope: envelope, channelID: channelID, ts: ts, sender: .init(id: botID, name: name.flatMap { $0.isEmpty ? nil : $0 }),
                    text: parts.isEmpty ? nil : parts.joined(separator: "\n\n"), metadata: metadata)
    }

    /// Each attachment's pretext, title, text and `title: value` fields, one per line; its `fallback`
    /// (the plain summary Slack requires) only when it has none of those.
    static func alertText(_ attachments: JSONValue?) -> String? {
        let texts = (attachments?.arrayValue ?? []).compactMap { attachment -> String? in
            var lines = ["pretext", "title", "text"].compactMap { attachment[$0]?.stringValue.flatMap { $0.isEmpty ? nil : SlackText.unescape($0) } }
            for field in attachment["fields"]?.arrayValue ?? [] {
                let title = field["title"]?.stringValue ?? ""
                let value = field["value"]?.stringValue.map(SlackText.unescape) ?? ""
                if !title.isEmpty || !value.isEmpty { lines.append(title.isEmpty ? value : value.isEmpty ? title : title + ": " + value) }
            }
            if lines.isEmpty, let fallback = attachment["fallback"]?.stringValue, !fallback.isEmpty { lines.append(SlackText.unescape(fallback)) }
            return lines.isEmpty ? nil : lines.joined(separator: "\n")
        }
        return texts.isEmpty ? nil : texts.joined(separator: "\n\n")
    }
}
