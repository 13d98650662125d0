public import IntakeCore

/// Slack's two inbound shapes: Events API JSON (`url_verification`, `event_callback`) and slash-command
/// forms (`application/x-www-form-urlencoded`). The shape is told by content, since the content type may
/// be unknown: a JSON body starts with `{`.
///
/// What becomes a message:
/// - `message` and `app_mention` events written by a person: plain, `file_share`, `thread_broadcast`,
///   `me_message`. `external_id` is the envelope's `event_id`, what Slack repeats when it retries a
///   delivery. Slack's own address of a message is `channel:ts`; every message carries it as
///   `metadata.slack_ts` because edits and deletions name their original only that way. One mention of
///   our bot arrives as an `app_mention` and a `message` event with different event ids: the pipeline
///   threads the second onto the first's ticket as a duplicate of the same content.
/// - `message_changed` → `.edit` and `message_deleted` → `.deletion`, with `external_id` = the envelope's
///   `event_id` (each change is an event of its own) and `target_id` = `channel:ts` of the original. A
///   `message_changed` in which nothing the author wrote changed (a reply count, an unfurl) is no edit;
///   one that leaves a `tombstone` (a thread parent deleted under its replies) is the parent's deletion.
/// - Slash commands → one message (see `SlackAdapter+SlashCommand.swift`).
///
/// What yields nothing: `url_verification` (the server answers with `challenge(in:)`), events other than
/// messages, housekeeping subtypes (joins, leaves, topic/purpose/name changes, pins, `message_replied`,
/// ...) and changes or deletions of them, a post of which nothing remains (no text, every file deleted),
/// and anything a bot wrote: the `bot_message` subtype, any message
/// with a `bot_id` or `bot_profile`, Slackbot, our own bot user, and what our own app posted with a person's
/// token (`app_id` = the envelope's `api_app_id`). Bot messages are dropped rather than kept as auto-replies because our own replies come back
/// this way and must never open or reopen a ticket.
public struct SlackAdapter: ChannelAdapter {
    public let channel = Channel.slack
    /// Our app's bot user ids, ignored as senders. Ids the payload's `authorizations` mark `is_bot` are
    /// ignored too.
    public var ownBotUserIDs: Set<String>
    /// Our staff (`slack.staff_team_ids`, `slack.staff_user_ids`): their messages say
    /// `metadata.staff: true`, and the pipeline takes them as answers, never as requests.
    public var staffTeamIDs: Set<String>
    public var staffUserIDs: Set<String>
    /// Customers' own bots (`slack.customer_bot_ids`): their posts are requests, not bot traffic.
    public var customerBotIDs: Set<String>

    public init(ownBotUserIDs: Set<String> = [], staffTeamIDs: Set<String> = [], staffUserIDs: Set<String> = [],
                customerBotIDs: Set<String> = []) {
        self.ownBotUserIDs = ownBotUserIDs
        self.staffTeamIDs = staffTeamIDs
        self.staffUserIDs = staffUserIDs
        self.customerBotIDs = customerBotIDs
    }

    public func normalize(_ payload: RawPayload) throws(AdapterError) -> [InboundMessage] {
        let bytes = payload.bytesAfterByteOrderMark
        if Self.looksLikeJSON(bytes) {
            return try normalizeEvent(Self.parseEnvelope(bytes))
        }
        return try normalizeSlashCommand(FormURLEncoded.parse(bytes))
    }

    /// The `challenge` of a `url_verification` body, which the server echoes to prove it owns the URL;
    /// nil for any other body.
    public static func challenge(in bytes: [UInt8]) -> String? {
        // Every event body reaches this check; only a handshake spells the type, so the body is parsed
        // (a second time: normalize parses it too) only when the word is there.
        guard contains(bytes, urlVerification), looksLikeJSON(bytes), let envelope = try? JSONParser.parse(bytes),
              envelope["type"]?.stringValue == "url_verification"
        else { return nil }
        return envelope["challenge"]?.stringValue
    }

    func failure(_ reason: String) -> AdapterError { AdapterError(channel: .slack, reason: reason) }

    private static let urlVerification = Array("url_verification".utf8)

    private static func contains(_ bytes: [UInt8], _ word: [UInt8]) -> Bool {
        guard let first = word.first, bytes.count >= word.count else { return false }
        var i = 0
        while i + word.count <= bytes.count {
            if bytes[i] == first, bytes[i..<(i + word.count)].elementsEqual(word) { return true }
            i += 1
        }
        return false
    }

    private static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
        bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) == UInt8(ascii: "{")
    }

    private static func parseEnvelope(_ bytes: [UInt8]) throws(AdapterError) -> JSONObject {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw AdapterError(channel: .slack, reason: "invalid JSON: \(error)")
        }
        guard let object = value.objectValue, object["type"]?.stringValue != nil else {
            throw AdapterError(channel: .slack, reason: "JSON without a Slack envelope `type`")
        }
        return object
    }

    private func normalizeEvent(_ envelope: JSONObject) throws(AdapterError) -> [InboundMessage] {
        // A message event without its Events API envelope (Socket Mode's or RTM's, once unwrapped; a relay
        // that forwards `event`; an export) is that message: it was taken for another envelope and dropped.
        // Without an `event_id` its id is `channel:ts`, which Slack never reuses either.
        if ["message", "app_mention"].contains(envelope["type"]?.stringValue), envelope["event"] == nil, envelope["ts"] != nil {
            return messageEvent(envelope, envelope: JSONObject()).map { [$0] } ?? []
        }
        guard envelope["type"]?.stringValue == "event_callback" else { return [] }
        guard let event = envelope["event"]?.objectValue else { throw failure("event_callback without an `event` object") }
        switch event["type"]?.stringValue {
        case "message", "app_mention":
            return messageEvent(event, envelope: envelope).map { [$0] } ?? []
        default:
            return []
        }
    }

    /// Whether `user` is one of our bot users: a configured one or one the envelope's `authorizations`
    /// mark as a bot. Asked for every message, so no set of them is built.
    func isBotUser(_ user: String, envelope: JSONObject) -> Bool {
        if ownBotUserIDs.contains(user) { return true }
        for authorization in envelope["authorizations"]?.arrayValue ?? [] where authorization["is_bot"]?.boolValue == true {
            if authorization["user_id"]?.stringValue == user { return true }
        }
        return false
    }
}
