public import IntakeCore

/// One call as the CTI events received so far describe it. A plain value: the tracker keeps one per
/// call id and the store persists it through `json`.
public struct CallState: Sendable, Equatable {
    public var callID: String
    public var from: String?
    public var to: String?
    public var direction: CallDirection?
    public var user: String?
    public var cause: String?
    public var startedAt: Timestamp?
    public var answeredAt: Timestamp?
    public var endedAt: Timestamp?
    /// The event kinds applied so far: a second event of a kind is a redelivery and changes nothing.
    public var seen: Set<CTIEvent.Kind>
    /// The receiver's clock at the latest event, for expiry.
    public var lastEventAt: Timestamp?
    /// The call was closed because no hangup arrived in time, not by a hangup.
    public var isAbandoned: Bool
    /// A digest of the message last emitted for this call, so a late event that changes it amends it.
    public var emittedDigest: String?

    public init(callID: String) {
        self.callID = callID
        seen = []
        isAbandoned = false
    }

    public var isAnswered: Bool { seen.contains(.answer) }
    public var isEnded: Bool { seen.contains(.hangup) }

    /// Applies one event; false when it is a duplicate. Fields fill in whatever order events arrive: the
    /// earliest start wins, the agent who answered wins over the one it rang.
    ///
    /// Another channel's events (`CTIEvent.isOtherChannel`): its answer is the call's (the agent took it,
    /// and the agent is that channel's user, or its extension); its start, hangup and caller ID are that
    /// channel's (a queue member rung and given up on hangs up while the caller still waits), so they
    /// change nothing.
    mutating func apply(_ event: CTIEvent, now: Timestamp?) -> Bool {
        guard !seen.contains(event.kind), !event.isOtherChannel || event.kind == .answer else { return false }
        seen.insert(event.kind)
        let time = event.timestamp ?? now
        if event.isOtherChannel {
            var channelExtension: String?
            if case .internalExtension(let number) = event.from.flatMap({ E164.read(CallerID($0).number ?? $0) }) {
                channelExtension = number
            }
            user = event.user ?? channelExtension ?? user
            answeredAt = time
            if let latest = now ?? time { lastEventAt = lastEventAt.map { max($0, latest) } ?? latest }
            return true
        }
        from = from ?? event.from
        to = to ?? event.to
        direction = direction ?? event.direction
        switch event.kind {
        case .newCall:
            user = user ?? event.user
            if let time { startedAt = startedAt.map { min($0, time) } ?? time }
        case .answer:
            user = event.user ?? user
            answeredAt = time
        case .hangup:
            user = user ?? event.user ?? event.answeredBy.flatMap { $0.isEmpty ? nil : $0 }
            cause = event.cause ?? cause
            endedAt = time
            if event.answeredBy != nil { seen.insert(.answer) }
        }
        if let latest = now ?? time { lastEventAt = lastEventAt.map { max($0, latest) } ?? latest }
        return true
    }

    /// The direction the connector gave, else the one the two numbers imply.
    func resolvedDirection(defaultCountry: String, localArea: String?) -> CallDirection {
        let (_, caller, callee) = parties(defaultCountry: defaultCountry, localArea: localArea)
        return direction ?? CallDirection.between(caller, callee)
    }

    /// The two ends. Connectors pass Asterisk's `CALLERID(all)` as often as a bare number, so `from` and
    /// `to` are read as caller IDs (`"Juan Perez" <1152769999>`): the number is the party, the name the
    /// sender's name.
    func parties(defaultCountry: String, localArea: String?) -> (callerID: CallerID, caller: CallParty, callee: CallParty) {
        let callerID = CallerID(from ?? "")
        let caller = CallParty(callerID.number ?? from ?? "", defaultCountry: defaultCountry, localArea: localArea)
        let callee = CallParty(to.map { CallerID($0).number ?? $0 } ?? "", defaultCountry: defaultCountry, localArea: localArea)
        return (callerID, caller, callee)
    }

    /// The call as a message: an inbound call hung up unanswered is a missed call, an answered one a
    /// call; outbound and internal calls are calls with `internal: true`, which open no ticket.
    public func message(timeZone: LocalTimeZone = .argentina, defaultCountry: String = "54", localArea: String? = nil) -> InboundMessage {
        let direction = resolvedDirection(defaultCountry: defaultCountry, localArea: localArea)
        let (callerID, caller, callee) = parties(defaultCountry: defaultCountry, localArea: localArea)
        let isInbound = direction == .inbound
        let isMissed = isInbound && !isAnswered
        var seconds = 0
        if let answeredAt, let endedAt { seconds = Int(max(0, endedAt.seconds - answeredAt.seconds)) }
        let sentAt = startedAt ?? answeredAt ?? endedAt

        var message = InboundMessage(
            channel: .phone,
            externalID: callID,
            sender: InboundMessage.Sender(id: caller.id, name: callerID.name),
            conversation: callee.e164 ?? to,
            threadKey: isInbound ? caller.e164 : callee.e164,
            sentAt: sentAt,
            kind: isMissed ? .missedCall : .call
        )
        if isMissed {
            message.text = CallText.missed(name: callerID.name, caller: caller.id, at: sentAt, timeZone: timeZone)
        } else if isInbound {
            // Answered as the hangup said, with no answer event: how long the talk lasted is unknown.
            message.text = CallText.answered(name: callerID.name, caller: caller.id, seconds: answeredAt == nil ? nil : seconds)
        } else {
            message.text = CallText.placed(direction: direction, caller: caller.id, callee: callee.id, seconds: seconds)
        }
        if case .unknown(let raw) = caller {
            message.warnings.append("caller number withheld or not a phone number: \(raw.isEmpty ? "(empty)" : raw)")
        }
        if isAbandoned { message.warnings.append("no hangup event arrived; the call was closed at its last event") }
        var m = JSONObject()
        m["source"] = "cti"
        m["callId"] = .string(callID)
        m["direction"] = .string(direction.rawValue)
        m["internal"] = .bool(!isInbound)
        m["answered"] = .bool(isAnswered)
        m["duration"] = .int(seconds)
        m["user"] = .optional(user)
        m["cause"] = .optional(cause)
        m["started_at"] = .optional(startedAt?.iso8601)
        m["answered_at"] = .optional(answeredAt?.iso8601)
        m["ended_at"] = .optional(endedAt?.iso8601)
        message.metadata = m
        return message
    }
}
