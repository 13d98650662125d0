import IntakeCore

/// The `message` event and its subtypes (Slack "message" event reference).
extension SlackAdapter {
    /// Subtypes that are a person writing; every other subtype is housekeeping or a bot.
    private static let authoredSubtypes: Set<String> = ["file_share", "thread_broadcast", "me_message"]

    func messageEvent(_ event: JSONObject, envelope: JSONObject) -> InboundMessage? {
        if let alert = customerBotMessage(event, envelope: envelope) { return alert }
        let subtype = event["subtype"]?.stringValue
        switch subtype {
        case "message_changed": return edit(event, envelope: envelope)
        case "message_deleted":
            let previous = event["previous_message"]?.objectValue ?? JSONObject()
            let deletedTS = event["deleted_ts"]?.stringValue ?? previous["ts"]?.stringValue
            return deletion(
                event, previous: previous, deletedTS: deletedTS, subtype: "message_deleted", envelope: envelope)
        case let s? where !Self.authoredSubtypes.contains(s): return nil
        default: break
        }
        guard let user = event["user"]?.stringValue, isPerson(event, user: user, envelope: envelope),
              let channelID = event["channel"]?.stringValue, let ts = event["ts"]?.stringValue
        else { return nil }
        var metadata = baseMetadata(event, envelope: envelope, channelID: channelID, ts: ts)
        if let subtype { metadata["subtype"] = .string(subtype) }
        if isStaff(event, user: user) { metadata["staff"] = true }
        let text = Self.text(of: event)
        // A `file_share` whose files were all deleted (`mode: tombstone`, left out) and that had no text
        // keeps nothing the author wrote: it would be a blank ticket.
        if text == nil, Self.files(event["files"]).isEmpty { return nil }
        return post(event, envelope: envelope, channelID: channelID, ts: ts,
                    sender: .init(id: user, name: Self.profileName(event["user_profile"])), text: text, metadata: metadata)
    }

    /// A post in a channel, by a person or a customer's bot: its ids, thread, time and files.
    func post(_ event: JSONObject, envelope: JSONObject, channelID: String, ts: String, sender: InboundMessage.Sender,
              text: String?, metadata: JSONObject) -> InboundMessage {
        let threadTS = event["thread_ts"]?.stringValue
        return InboundMessage(
            channel: .slack,
            externalID: envelope["event_id"]?.stringValue ?? "\(channelID):\(ts)",
            sender: sender,
            conversation: channelID,
            threadKey: "\(channelID):\(threadTS ?? ts)",
            replyTo: threadTS.flatMap { $0 == ts ? nil : $0 },
            text: text,
            sentAt: Self.timestamp(ts) ?? Self.eventTime(envelope),
            attachments: Self.files(of: event),
            metadata: metadata
        )
    }

    /// `message_changed`: the new message under `message`, the old one under `previous_message`; both
    /// keep the original `ts`, which is what the edit targets. Deleting a thread parent that has replies
    /// leaves a `tombstone` in its place ("This message was deleted.", written by Slackbot): that is the
    /// parent's deletion, by its author.
    private func edit(_ event: JSONObject, envelope: JSONObject) -> InboundMessage? {
        let message = event["message"]?.objectValue ?? JSONObject()
        let given = event["previous_message"]?.objectValue
        let previous = given ?? JSONObject()
        if message["subtype"]?.stringValue == "tombstone" {
            let deletedTS = message["ts"]?.stringValue ?? previous["ts"]?.stringValue
            return deletion(event, previous: previous, deletedTS: deletedTS, subtype: "tombstone", envelope: envelope)
        }
        guard Self.isAuthored(message), Self.isAuthored(previous),
              Self.isVisibleChange(message, from: given), let channelID = event["channel"]?.stringValue,
              let originalTS = message["ts"]?.stringValue ?? previous["ts"]?.stringValue,
              let user = message["user"]?.stringValue ?? previous["user"]?.stringValue,
              isPerson(message, user: user, envelope: envelope), isPerson(previous, user: user, envelope: envelope)
        else { return nil }
        let threadTS = message["thread_ts"]?.stringValue ?? previous["thread_ts"]?.stringValue
        let eventTS = event["ts"]?.stringValue ?? originalTS
        var metadata = baseMetadata(event, envelope: envelope, channelID: channelID, ts: eventTS)
        // The author's workspace is on the message, not on the change around it (Slack Connect).
        if let userTeam = message["user_team"]?.stringValue, userTeam != envelope["team_id"]?.stringValue {
            metadata["user_team"] = .string(userTeam)
        }
        metadata["subtype"] = "message_changed"
        if isStaff(message, user: user) { metadata["staff"] = true }
        return InboundMessage(
            channel: .slack,
            externalID: envelope["event_id"]?.stringValue ?? "\(channelID):\(eventTS)",
            sender: .init(id: user, name: Self.profileName(message["user_profile"])),
            conversation: channelID,
            threadKey: "\(channelID):\(threadTS ?? originalTS)",
            replyTo: threadTS.flatMap { $0 == originalTS ? nil : $0 },
            text: Self.text(of: message),
            sentAt: Self.timestamp(message["edited"]?["ts"]?.stringValue ?? eventTS) ?? Self.eventTime(envelope),
            attachments: Self.files(of: message),
            kind: .edit,
            targetID: "\(channelID):\(originalTS)",
            metadata: metadata
        )
    }

    /// Slack also sends `message_changed` when nothing the author wrote changed: a thread parent's reply
    /// count and latest reply, a link unfurl, language detection (Slack's `message_changed` reference).
    /// Only a new text, new files or a new `edited` stamp is an edit; without `previous_message` there is
    /// nothing to compare, so the change is taken as one.
    static func isVisibleChange(_ message: JSONObject, from previous: JSONObject?) -> Bool {
        guard let previous else { return true }
        func fileIDs(_ m: JSONObject) -> [String?] { files(of: m).map(\.mediaID) }
        return ownText(of: message) != ownText(of: previous) || fileIDs(message) != fileIDs(previous)
            || message["edited"]?["ts"]?.stringValue != previous["edited"]?["ts"]?.stringValue
    }

    /// A deletion of `deletedTS` (`message_deleted`, or a thread parent turned tombstone); the sender is
    /// only known from `previous_message`. A tombstone deleted in turn (its last reply went) was Slackbot's
    /// and is dropped: its parent's deletion was recorded when it became one.
    private func deletion(
        _ event: JSONObject, previous: JSONObject, deletedTS: String?, subtype: String, envelope: JSONObject
    ) -> InboundMessage? {
        guard Self.isAuthored(previous), let channelID = event["channel"]?.stringValue, let deletedTS else { return nil }
        let user = previous["user"]?.stringValue ?? ""
        guard isPerson(previous, user: user, envelope: envelope) else { return nil }
        let threadTS = previous["thread_ts"]?.stringValue
        let eventTS = event["ts"]?.stringValue ?? deletedTS
        var metadata = baseMetadata(event, envelope: envelope, channelID: channelID, ts: eventTS)
        metadata["subtype"] = .string(subtype)
        return InboundMessage(
            channel: .slack,
            externalID: envelope["event_id"]?.stringValue ?? "\(channelID):\(eventTS)",
            sender: .init(id: user),
            conversation: channelID,
            threadKey: "\(channelID):\(threadTS ?? deletedTS)",
            replyTo: threadTS.flatMap { $0 == deletedTS ? nil : $0 },
            sentAt: Self.timestamp(eventTS) ?? Self.eventTime(envelope),
            kind: .deletion,
            targetID: "\(channelID):\(deletedTS)",
            metadata: metadata
        )
    }

    /// Whether a message (the new or old one of a change, the one deleted) is one a person writes: no
    /// subtype, or an authored one. A housekeeping message changes too — an assistant thread's root
    /// (`assistant_app_thread`) is edited when the app sets its title, a huddle's when the huddle ends —
    /// and deleting a join notice is no deletion of anything a ticket holds.
    private static func isAuthored(_ message: JSONObject) -> Bool {
        guard let subtype = message["subtype"]?.stringValue else { return true }
        return authoredSubtypes.contains(subtype)
    }

    /// False for bots: a `bot_id` or `bot_profile`, a `bot_message` subtype, Slackbot (`USLACKBOT`:
    /// reminders, auto responses, tombstones), one of our bot users, or a post by our own app (`app_id`
    /// = the envelope's `api_app_id`) made with a person's token, which carries the person as `user`.
    private func isPerson(_ message: JSONObject, user: String, envelope: JSONObject) -> Bool {
        for key in ["bot_id", "bot_profile"] {
            if let value = message[key], !value.isNull { return false }
        }
        if message["subtype"]?.stringValue == "bot_message" || user == "USLACKBOT" { return false }
        if let app = message["app_id"]?.stringValue, app == envelope["api_app_id"]?.stringValue { return false }
        return !isBotUser(user, envelope: envelope)
    }

    /// Whether one of our staff wrote it: a configured user, or an author from one of our staff's
    /// workspaces (`user_team`, else the message's `team`, which Slack sets to the author's workspace).
    private func isStaff(_ event: JSONObject, user: String) -> Bool {
        if staffUserIDs.contains(user) { return true }
        guard !staffTeamIDs.isEmpty, let team = event["user_team"]?.stringValue ?? event["team"]?.stringValue else { return false }
        return staffTeamIDs.contains(team)
    }

    /// `slack_ts`, the event type, our workspace (`team_id`) and, in a Slack Connect channel shared with
    /// the customer's own workspace, the author's (`user_team`, when it is not ours): who wrote from the
    /// customer's side and who from ours is told by it, not by the channel.
    func baseMetadata(_ event: JSONObject, envelope: JSONObject, channelID: String, ts: String) -> JSONObject {
        var pairs: [(key: String, value: JSONValue)] = [("slack_ts", .string(channelID + ":" + ts))]
        pairs.reserveCapacity(6)
        let team = envelope["team_id"]?.stringValue
        if let type = event["type"]?.stringValue { pairs.append(("event_type", .string(type))) }
        if let team { pairs.append(("team_id", .string(team))) }
        if let userTeam = event["user_team"]?.stringValue, userTeam != team { pairs.append(("user_team", .string(userTeam))) }
        if let channelType = event["channel_type"]?.stringValue { pairs.append(("channel_type", .string(channelType))) }
        return JSONObject(pairs)
    }

    /// The display name when set, else the real name (Slack's own precedence for showing a person).
    static func profileName(_ profile: JSONValue?) -> String? {
        for key in ["display_name", "real_name"] {
            if let name = profile?[key]?.stringValue, !name.isEmpty { return name }
        }
        return nil
    }

    /// What the author wrote (`ownText`), then the text of the messages it shares, after a blank line. A
    /// message shared ("forwarded") into the channel, or a link to one that Slack unfurls, carries the
    /// shared message under `attachments[]` (`is_share`, `is_msg_unfurl`): it is what the customer is asking
    /// about, whether they added a comment ("¿esto ya está resuelto?") or none.
    /// A message with neither (a person's post through an app that writes legacy attachments only, an
    /// integration acting with the person's token) is read as a customer bot's alert is: the
    /// attachments' pretext, title, text and fields.
    static func text(of message: JSONObject) -> String? {
        let parts = [ownText(of: message), sharedText(message["attachments"])].compactMap { $0 }
        return parts.isEmpty ? alertText(message["attachments"]) : parts.joined(separator: "\n\n")
    }

    /// The message's `text` with Slack's escapes undone; when it is empty or absent (a message composed
    /// with blocks only), the plain text of its rich-text blocks, else of its layout blocks. What an edit
    /// changes: a link unfurled later (a `message_changed` adding the attachment) is no edit.
    static func ownText(of message: JSONObject) -> String? {
        if let text = message["text"]?.stringValue, !text.isEmpty { return SlackText.unescape(text) }
        return SlackRichText.plainText(message["blocks"]) ?? SlackLayoutText.plainText(message["blocks"])
    }

    private static func sharedText(_ attachments: JSONValue?) -> String? {
        let texts = (attachments?.arrayValue ?? []).compactMap { attachment -> String? in
            guard attachment["is_share"]?.boolValue == true || attachment["is_msg_unfurl"]?.boolValue == true else { return nil }
            let text = attachment["text"]?.stringValue.flatMap { $0.isEmpty ? nil : SlackText.unescape($0) }
            return text ?? SlackRichText.plainText(attachment["message_blocks"]?.arrayValue?.first?["message"]?["blocks"])
        }
        return texts.isEmpty ? nil : texts.joined(separator: "\n\n")
    }

    /// Slack `ts` values are `seconds.micro` strings; `sent_at` keeps the whole seconds (UTC).
    static func timestamp(_ ts: String?) -> Timestamp? {
        guard let ts, let seconds = Int64(wholeSeconds(ts)), abs(seconds) < 1_000_000_000_000 else { return nil }
        return Timestamp(seconds: seconds)
    }

    /// What precedes the first "." character. In ASCII every character is one byte, so the first `.`
    /// byte is found without breaking the text into characters (the common case, and the costly one).
    private static func wholeSeconds(_ ts: String) -> Substring {
        let isASCII = ts.utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } } ?? false
        guard isASCII else { return ts.prefix(while: { $0 != "." }) }
        return ts[..<(ts.utf8.firstIndex(of: UInt8(ascii: ".")) ?? ts.endIndex)]
    }

    static func eventTime(_ envelope: JSONObject) -> Timestamp? {
        envelope["event_time"]?.numberValue.flatMap { $0.isFinite && abs($0) < 1e12 ? Timestamp(seconds: Int64($0)) : nil }
    }

    /// `files[]` of a `file_share`: referenced by id and `url_private` (fetching needs the bot token).
    /// A file kept elsewhere (`mode: external`, a Google Doc) has no size: Slack writes 0. Files hidden by
    /// a free plan's limit (`mode: hidden_by_limit`) and Slack Connect files (`file_access:
    /// check_file_info`) arrive with only their id, which is kept. A file deleted from its message stays
    /// there as `mode: tombstone` and is left out. A file with a title and no `name` (a canvas, a post)
    /// is named by its title.
    /// A message's files: its `files` array, or the one `file` object a `file_share` carried before
    /// Slack moved to the array in 2019 (old exports, replays of stored events).
    static func files(of message: JSONObject) -> [Attachment] {
        files(message["files"] ?? message["file"].map { .array([$0]) })
    }

    static func files(_ value: JSONValue?) -> [Attachment] {
        (value?.arrayValue ?? []).compactMap { file in
            guard file.objectValue != nil, file["mode"]?.stringValue != "tombstone" else { return nil }
            let isExternal = file["is_external"]?.boolValue == true || file["mode"]?.stringValue == "external"
            return Attachment(
                filename: file["name"]?.stringValue ?? file["title"]?.stringValue,
                contentType: file["mimetype"]?.stringValue,
                size: isExternal ? nil : file["size"]?.intValue,
                mediaID: file["id"]?.stringValue,
                url: file["url_private"]?.stringValue
            )
        }
    }
}
