public import IntakeCore

/// One event from a CTI connector in the generic shape PBX middleware posts:
/// `{"event": "newCall"|"answer"|"hangup", "callId", "from", "to", "direction", "user", "cause", "timestamp"}`,
/// as a JSON object, a JSON array of them, or a form body with the same names.
public struct CTIEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case newCall
        case answer
        case hangup

        /// `newCall` (also `new_call`, `ring`, `ringing`), `answer` (`answered`), `hangup` (`hang_up`, `end`).
        public init?(word: String) {
            switch word.trimmingWhitespace().lowercased().replacingUnderscores() {
            // Placetel's `IncomingCall`/`OutgoingCall`, AMI's `Newchannel`.
            case "newcall", "ring", "ringing", "incoming", "start", "incomingcall", "outgoingcall", "newchannel": self = .newCall
            // Placetel's `CallAccepted`; AMI's `BridgeEnter` (the caller bridged to whoever answered) and
            // `AgentConnect` (a queue member took the call).
            case "answer", "answered", "connect", "connected", "callaccepted", "bridgeenter", "agentconnect": self = .answer
            case "hangup", "hungup", "end", "ended", "disconnect": self = .hangup
            default: return nil
            }
        }
    }

    public var kind: Kind
    public var callID: String
    public var from: String?
    public var to: String?
    public var direction: CallDirection?
    /// The agent or extension that took the call.
    public var user: String?
    /// The hangup cause as the connector names it (`normal`, `busy`, `noAnswer`, ...).
    public var cause: String?
    /// Who took the call, when a hangup names it (sipgate's and Zammad's generic CTI `answeringNumber`):
    /// such a hangup ends an answered call even when no `answer` event came (sipgate sends one only to a
    /// connector that subscribed to it).
    public var answeredBy: String?
    /// When it happened, if the connector said; otherwise the receiver's clock is used.
    public var timestamp: Timestamp?
    /// The connector wrote the time without a zone (`2024-03-05 14:30:00`): `timestamp` holds it as if it
    /// were UTC, and the tracker moves it by the PBX clock's offset, as for CDR times.
    public var timestampIsLocal: Bool
    /// The event is about another channel of the call than the one it began on: an event with Asterisk's
    /// `Uniqueid` (the channel) and `Linkedid` (the call: the uniqueid of its first channel) that differ,
    /// such as a queue member's phone rung or the agent's channel that answered.
    public var isOtherChannel = false

    public init(
        kind: Kind, callID: String, from: String? = nil, to: String? = nil, direction: CallDirection? = nil,
        user: String? = nil, cause: String? = nil, timestamp: Timestamp? = nil, timestampIsLocal: Bool = false
    ) {
        self.kind = kind
        self.callID = callID
        self.from = from
        self.to = to
        self.direction = direction
        self.user = user
        self.cause = cause
        self.timestamp = timestamp
        self.timestampIsLocal = timestampIsLocal
    }

    /// Reads the fields by name from `fields` (a JSON object's keys or a form's names, as `fieldKey`
    /// folds them).
    init(fields: [String: String], position: String) throws(AdapterError) {
        func fail(_ reason: String) -> AdapterError { AdapterError(channel: .phone, reason: position + reason) }
        func field(_ names: String...) -> String? { names.lazy.compactMap { fields[$0] }.first }
        guard let eventName = field("event") else { throw fail("`event` is missing") }
        guard let kind = Kind(word: eventName) ?? Self.dialEndAnswer(eventName, status: field("dialstatus")) else {
            throw fail("`event` is not newCall, answer or hangup: \(eventName)")
        }
        // Asterisk's events name the channel (`Uniqueid`) and the call (`Linkedid`, shared by every channel
        // of a call): the call is what a ticket is about, so the agents' channels join their caller's call.
        let channelID = field("uniqueid")
        guard let callID = field("callid", "linkedid") ?? channelID else { throw fail("`callId` is missing") }
        self.init(kind: kind, callID: callID, from: field("from", "caller", "callerid", "calleridnum"), to: field("to", "called", "callee", "did"))
        isOtherChannel = field("callid") == nil && channelID != nil && channelID != callID
        // AMI gives the caller's name apart (`CallerIDName`): kept as `CALLERID(all)` writes both.
        if let number = from, !number.contains("<"), let name = field("calleridname", "callername"),
           !CallerID.isWithheld(name) {
            from = "\"\(name)\" <\(number)>"
        }
        if let word = field("direction") {
            guard let direction = CallDirection(word: word) else { throw fail("`direction` is not inbound or outbound: \(word)") }
            self.direction = direction
        }
        user = field("user", "agent")
        cause = field("cause", "hangupcause")
        answeredBy = field("answeringnumber")
        // Placetel's `HungUp` says how the call ended in `type`: `accepted` was answered (Zammad reads it
        // so); `missed`, `voicemail`, `busy`, ... were not.
        if kind == .hangup, answeredBy == nil, field("type")?.lowercased() == "accepted" { answeredBy = field("peer", "user") ?? "" }
        if let time = field("timestamp", "time", "datetime", "eventtime", "occurredat") {
            guard let reading = Self.time(time) else { throw fail("`timestamp` is not an ISO 8601 time or epoch: \(time)") }
            timestamp = reading.time
            timestampIsLocal = reading.isLocal
        }
    }

    /// A field name as the reader compares it: connectors spell the same field `callId`, `call_id`,
    /// `CallID` or `Call-Id` (AMI's own names are capitalized: `Event`, `Uniqueid`, `CallerIDNum`).
    static func fieldKey(_ name: String) -> String {
        String(name.lowercased().filter { $0 != "_" && $0 != "-" })
    }

    /// The non-empty fields by `fieldKey`; the first of two names that fold alike wins.
    static func fields(_ pairs: [(name: String, value: String?)]) -> [String: String] {
        var fields: [String: String] = [:]
        for (name, value) in pairs {
            guard let text = value?.trimmingWhitespace(), !text.isEmpty else { continue }
            let key = fieldKey(name)
            if fields[key] == nil { fields[key] = text }
        }
        return fields
    }

    /// An event of the Asterisk manager's stream that says nothing about a call's start, answer or end
    /// (Newstate, DialBegin, VarSet, HangupRequest, ...): a relay forwards them all, and one of them
    /// refused the request, with the hangup beside it. Left out; any other unknown event is an error.
    static func isIgnored(_ fields: [String: String]) -> Bool {
        guard let name = fields["event"] else { return false }
        return Kind(word: name) == nil && dialEndAnswer(name, status: fields["dialstatus"]) == nil && isManagerEvent(fields)
    }

    /// AMI's `DialEnd` with `DialStatus: ANSWER`: the dialled channel answered. (Another status ends the
    /// attempt, not the call.)
    static func dialEndAnswer(_ event: String, status: String?) -> Kind? {
        event.lowercased() == "dialend" && status?.uppercased() == "ANSWER" ? .answer : nil
    }

    /// An Asterisk manager event: it names its channel (`Channel`, `Uniqueid`).
    static func isManagerEvent(_ fields: [String: String]) -> Bool {
        fields["uniqueid"] != nil || fields["channel"] != nil
    }

    /// One event object.
    public init(json: JSONValue, position: String = "") throws(AdapterError) {
        guard case .object(let object) = json else {
            throw AdapterError(channel: .phone, reason: position + "a CTI event must be a JSON object")
        }
        try self.init(fields: Self.fields(object.pairs.map { ($0.key, $0.value.textValue) }), position: position)
    }

    /// A JSON object, a JSON array of objects, or an `application/x-www-form-urlencoded` body.
    public static func parse(_ bytes: [UInt8]) throws(AdapterError) -> [CTIEvent] {
        let first = bytes.first { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }
        guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
            let form = fields(FormURLEncoded.parse(bytes).map { ($0.name, $0.value) })
            return isIgnored(form) ? [] : [try CTIEvent(fields: form, position: "")]
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw AdapterError(channel: .phone, reason: error.description)
        }
        return try parse(json: json)
    }

    /// Whether a JSON object is a CTI event rather than a call log: it has an `event` field.
    static func isEvent(_ object: JSONObject) -> Bool {
        object.pairs.contains { fieldKey($0.key) == "event" }
    }

    public static func parse(json: JSONValue) throws(AdapterError) -> [CTIEvent] {
        let items = json.arrayValue ?? [json]
        var events: [CTIEvent] = []
        for (index, item) in items.enumerated() {
            let position = json.arrayValue == nil ? "" : "event \(index + 1): "
            guard let object = item.objectValue else { throw AdapterError(channel: .phone, reason: position + "a CTI event must be a JSON object") }
            let eventFields = fields(object.pairs.map { ($0.key, $0.value.textValue) })
            if isIgnored(eventFields) { continue }
            events.append(try CTIEvent(fields: eventFields, position: position))
        }
        return events
    }

    /// Unix seconds (milliseconds when the number is that large), UTC by definition; or a date and time
    /// as `CDRTime` reads them (ISO 8601, with or without seconds or zone), local when it has no zone.
    static func time(_ text: String) -> (time: Timestamp, isLocal: Bool)? {
        if let number = Double(text) {
            guard number.isFinite, number >= 0, number < 1e15 else { return nil }
            let seconds = number >= 1e11 ? number / 1000 : number
            return (Timestamp(seconds: Int64(seconds)), false)
        }
        return CDRTime.reading(text)
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String { filter { $0 != "_" && $0 != "-" } }
}
