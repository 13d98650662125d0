public import IntakeCore

extension CallState {
    /// The call as the CTI events that tell it as it stands (its start, its answer, its end), for a
    /// message made without an event of its own: a call closed because its hangup never came is stored
    /// with these as its raw payload, so `intake replay` reads the same call from them.
    public var events: [JSONValue] {
        func event(_ kind: CTIEvent.Kind, _ time: Timestamp?, _ extra: [(key: String, value: JSONValue)] = []) -> JSONValue {
            let fields: [(key: String, value: JSONValue)] = [
                ("event", .string(kind.rawValue)), ("callId", .string(callID)), ("timestamp", .optional(time?.iso8601)),
            ]
            return .object(JSONObject(fields + extra))
        }
        let parties: [(key: String, value: JSONValue)] = [
            ("from", .optional(from)), ("to", .optional(to)), ("direction", .optional(direction?.rawValue)),
        ]
        var events = [event(.newCall, startedAt, parties)]
        if isAnswered { events.append(event(.answer, answeredAt, [("user", .optional(user))])) }
        if isEnded { events.append(event(.hangup, endedAt, [("cause", .optional(cause))])) }
        return events
    }
}
