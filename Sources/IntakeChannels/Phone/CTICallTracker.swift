public import IntakeCore

/// Turns CTI events into call messages, whatever order and however often the events arrive.
///
/// A pure value-type state machine (the clock is passed in): `apply(_:now:)` updates the calls and
/// returns what to do. CTI connectors deliver at least once and not in order, so: a redelivered event is a
/// no-op; a hangup without its newCall still records the call; an answer after the hangup still marks the
/// call answered, and as the missed call was already emitted, it is amended to an answered call. An
/// ended call is remembered for `retentionSeconds` to absorb late events; a call with no hangup after
/// `abandonAfterSeconds` is closed at its last event (a lost hangup must not lose a missed call). Event
/// times written without a zone are PBX local time (`timeZone`).
public struct CTICallTracker: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        /// A new message for the pipeline: the call ended.
        case emit(InboundMessage)
        /// A corrected version of a message already emitted with the same external id (the call id).
        case amend(InboundMessage)

        public var message: InboundMessage {
            switch self {
            case .emit(let m), .amend(let m): m
            }
        }
    }

    public var calls: [String: CallState]
    public var timeZone: LocalTimeZone
    public var defaultCountry: String
    /// The area code of the PBX's own line (`phone.local_area_code`), for the local numbers its trunk writes
    /// without one (`E164.read`).
    public var localArea: String?
    public var retentionSeconds: Int64
    public var abandonAfterSeconds: Int64

    public init(
        calls: [String: CallState] = [:], timeZone: LocalTimeZone = .argentina, defaultCountry: String = "54", localArea: String? = nil,
        retentionSeconds: Int64 = 24 * 3600, abandonAfterSeconds: Int64 = 4 * 3600
    ) {
        self.calls = calls
        self.timeZone = timeZone
        self.defaultCountry = defaultCountry
        self.localArea = localArea
        self.retentionSeconds = retentionSeconds
        self.abandonAfterSeconds = abandonAfterSeconds
    }

    /// Applies one event received at `now` (the event's own `timestamp` wins for the call's times).
    public mutating func apply(_ event: CTIEvent, now: Timestamp) -> [Action] {
        var actions = expire(now: now)
        actions += record(event, now: now)
        return actions
    }

    /// Closes calls whose hangup never came and forgets ended calls past retention. `apply` calls it;
    /// a server may also call it on a timer.
    public mutating func expire(now: Timestamp) -> [Action] {
        var actions: [Action] = []
        for id in calls.keys.sorted() {
            guard var call = calls[id], let last = call.lastEventAt else { continue }
            if call.isEnded {
                if now.seconds - last.seconds > retentionSeconds { calls[id] = nil }
            } else if now.seconds - last.seconds > abandonAfterSeconds {
                call.seen.insert(.hangup)
                call.endedAt = call.endedAt ?? last
                call.isAbandoned = true
                if let action = settle(&call) { actions.append(action) }
                calls[id] = call
            }
        }
        return actions
    }

    /// Applies an event with or without a clock (`now` nil: an offline file, times only from the events).
    mutating func record(_ event: CTIEvent, now: Timestamp?) -> [Action] {
        var event = event
        if event.timestampIsLocal, let local = event.timestamp {
            event.timestamp = timeZone.instant(ofLocal: local)
            event.timestampIsLocal = false
        }
        var call = calls[event.callID] ?? CallState(callID: event.callID)
        guard call.apply(event, now: now) else { return [] }
        var actions: [Action] = []
        if call.isEnded, let action = settle(&call) { actions.append(action) }
        calls[event.callID] = call
        return actions
    }

    /// Emits the ended call's message the first time, amends it when a later event changed it.
    private func settle(_ call: inout CallState) -> Action? {
        let message = call.message(timeZone: timeZone, defaultCountry: defaultCountry, localArea: localArea)
        let digest = String(SHA256.hex(JSONWriter.bytes(message.json)).prefix(32))
        defer { call.emittedDigest = digest }
        guard let previous = call.emittedDigest else { return .emit(message) }
        return previous == digest ? nil : .amend(message)
    }

    /// Runs a batch of events (a CTI log file) from an empty tracker with no clock, and returns the
    /// messages as they stand at the end: an amended call appears once, in its final form. The file's
    /// clock is its latest event: a call whose hangup never came and whose last event is more than
    /// `abandonAfterSeconds` older is closed as `serve` closes it (a lost hangup must not lose a missed
    /// call here either); a call still ringing near the end of the file may yet end, and is left out.
    public static func messages(
        for events: [CTIEvent], timeZone: LocalTimeZone = .argentina, defaultCountry: String = "54", localArea: String? = nil
    ) -> [InboundMessage] {
        var tracker = CTICallTracker(timeZone: timeZone, defaultCountry: defaultCountry, localArea: localArea)
        var messages: [InboundMessage] = []
        func take(_ actions: [Action]) {
            for action in actions {
                if case .amend(let m) = action, let i = messages.firstIndex(where: { $0.externalID == m.externalID }) {
                    messages[i] = m
                } else {
                    messages.append(action.message)
                }
            }
        }
        for event in events { take(tracker.record(event, now: nil)) }
        if let latest = tracker.calls.values.compactMap(\.lastEventAt).max() { take(tracker.expire(now: latest)) }
        return messages
    }
}

extension CTICallTracker {
    /// The calls as a JSON object for the store (`{"calls": [...]}`, ordered by call id); settings are not
    /// part of the state.
    public var json: JSONValue {
        ["calls": .array(calls.keys.sorted().compactMap { calls[$0]?.json })]
    }

    /// Reads what `json` wrote; entries that cannot be read are dropped.
    public init(
        json: JSONValue, timeZone: LocalTimeZone = .argentina, defaultCountry: String = "54", localArea: String? = nil,
        retentionSeconds: Int64 = 24 * 3600, abandonAfterSeconds: Int64 = 4 * 3600
    ) {
        var calls: [String: CallState] = [:]
        for item in json["calls"]?.arrayValue ?? [] {
            if let call = CallState(json: item) { calls[call.callID] = call }
        }
        self.init(
            calls: calls, timeZone: timeZone, defaultCountry: defaultCountry, localArea: localArea,
            retentionSeconds: retentionSeconds, abandonAfterSeconds: abandonAfterSeconds
        )
    }
}
