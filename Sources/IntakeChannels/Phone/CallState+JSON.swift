public import IntakeCore

extension CallState {
    /// The state as a JSON object the store can keep; `init(json:)` reads it back.
    public var json: JSONValue {
        var o = JSONObject()
        o["callId"] = .string(callID)
        o["from"] = .optional(from)
        o["to"] = .optional(to)
        o["direction"] = .optional(direction?.rawValue)
        o["user"] = .optional(user)
        o["cause"] = .optional(cause)
        o["started_at"] = .optional(startedAt?.iso8601)
        o["answered_at"] = .optional(answeredAt?.iso8601)
        o["ended_at"] = .optional(endedAt?.iso8601)
        o["seen"] = .array(CTIEvent.Kind.allCases.filter(seen.contains).map { .string($0.rawValue) })
        o["last_event_at"] = .optional(lastEventAt?.iso8601)
        o["abandoned"] = .bool(isAbandoned)
        o["emitted"] = .optional(emittedDigest)
        return .object(o)
    }

    /// Reads what `json` wrote; nil without a call id. Unreadable fields are left empty.
    public init?(json: JSONValue) {
        guard let id = json["callId"]?.stringValue, !id.isEmpty else { return nil }
        self.init(callID: id)
        func time(_ key: String) -> Timestamp? { json[key]?.stringValue.flatMap { Timestamp(iso8601: $0) } }
        from = json["from"]?.stringValue
        to = json["to"]?.stringValue
        direction = json["direction"]?.stringValue.flatMap(CallDirection.init(rawValue:))
        user = json["user"]?.stringValue
        cause = json["cause"]?.stringValue
        startedAt = time("started_at")
        answeredAt = time("answered_at")
        endedAt = time("ended_at")
        seen = Set((json["seen"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(CTIEvent.Kind.init(rawValue:)) })
        lastEventAt = time("last_event_at")
        isAbandoned = json["abandoned"]?.boolValue ?? false
        emittedDigest = json["emitted"]?.stringValue
    }
}
