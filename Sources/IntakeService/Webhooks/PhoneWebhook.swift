import IntakeChannels
import IntakeCore
import IntakeDesk
import IntakeHTTP

/// `POST /webhooks/cti` (CTI events, JSON or form) and `POST /calls` (operator call logs), each with a
/// bearer token from the configuration.
struct PhoneWebhook {
    let context: IntakeContext

    private var steps: WebhookSteps { WebhookSteps(context: context) }

    func callLog(_ request: HTTPRequest, _ reply: HTTPReply) {
        if let refused = steps.authorize(request, token: context.config.phone.callsToken, channel: "calls", setting: "the calls token") { return reply.send(refused) }
        let logs: [CallLog]
        do {
            logs = try CallLog.parse(request.body, defaultCountry: context.config.phone.defaultCountry, localArea: context.config.phone.localAreaCode,
                                     timeZone: context.config.phone.cdrTimeZone)
        } catch {
            return steps.refuseMalformed(.phone, request, source: "webhook:calls", error: error, reply: reply)
        }
        steps.commit(.phone, request, messages: logs.map(\.message), source: "webhook:calls", reply: reply)
    }

    /// Each event updates its call's state in the store and, when the call ends, feeds the pipeline, in
    /// one transaction: a redelivered or reordered event changes nothing twice. That transaction runs on
    /// the blocking queue (it waits on the store's lock), not on the event loop.
    func cti(_ request: HTTPRequest, _ reply: HTTPReply) {
        if let refused = steps.authorize(request, token: context.config.phone.ctiToken, channel: "cti", setting: "the CTI token") { return reply.send(refused) }
        let events: [CTIEvent]
        do {
            events = try CTIEvent.parse(request.body)
        } catch {
            return steps.refuseMalformed(.phone, request, source: "webhook:cti", error: error, reply: reply)
        }
        WebhookResponder.blocking.async { [context] in
            let response = Self.commitCTI(events, request, context: context)
            reply.respond {
                if case .success(let results) = response { context.record(results) }
                switch response {
                case .success(let results): return WebhookSteps.ok(results)
                case .failure(let e): return e.response
                }
            }
        }
    }

    /// The tracker loads one call per event, so a call whose hangup was lost would never be looked at
    /// again: each CTI request first closes the calls silent for `abandonAfterSeconds` (a missed call, with
    /// the tracker's warning), in its own payload, and forgets ended calls past the tracker's retention.
    private static func closeSilentCalls(records: DeskRecords, context: IntakeContext, now: Timestamp) throws {
        let phone = context.config.phone
        var tracker = CTICallTracker(timeZone: phone.cdrTimeZone, defaultCountry: phone.defaultCountry, localArea: phone.localAreaCode)
        try records.deleteEndedCTICalls(before: now.adding(seconds: -tracker.retentionSeconds))
        let silent = try records.silentOpenCTICalls(before: now.adding(seconds: -tracker.abandonAfterSeconds))
        for call in silent.compactMap(CallState.init(json:)) { tracker.calls[call.callID] = call }
        let messages = tracker.expire(now: now).map(\.message)
        guard !messages.isEmpty else { return }
        for call in tracker.calls.values { try records.saveCTICall(id: call.callID, state: call.json, at: now) }
        let raw = JSONWriter.bytes(.array(tracker.calls.keys.sorted().compactMap { tracker.calls[$0] }.flatMap(\.events)))
        let payload = IngestPayload(channel: .phone, raw: raw, contentType: "application/json", source: "cti:no-hangup", messages: messages)
        _ = try context.pipeline.ingest(payload, records: records, now: now)
    }

    private static func commitCTI(_ events: [CTIEvent], _ request: HTTPRequest, context: IntakeContext) -> Result<[IngestResult], HTTPResponseError> {
        let phone = context.config.phone
        do {
            let results = try context.store.write { records -> [IngestResult] in
                let now = Timestamp.now()
                try Self.closeSilentCalls(records: records, context: context, now: now)
                var messages: [InboundMessage] = []
                for event in events {
                    var tracker = CTICallTracker(timeZone: phone.cdrTimeZone, defaultCountry: phone.defaultCountry, localArea: phone.localAreaCode)
                    if let saved = try records.ctiCall(id: event.callID), let call = CallState(json: saved) { tracker.calls[call.callID] = call }
                    for action in tracker.apply(event, now: now) {
                        var m = action.message
                        // An amended call (answered after its missed-call hangup) is a follow-up on the same ticket.
                        if case .amend = action, let id = m.externalID { m.externalID = id + ":amended" }
                        messages.append(m)
                    }
                    if let call = tracker.calls[event.callID] { try records.saveCTICall(id: event.callID, state: call.json, at: now) }
                }
                let payload = IngestPayload(channel: .phone, raw: request.body, contentType: request.header("Content-Type"), source: "webhook:cti", messages: messages)
                return try context.pipeline.ingest(payload, records: records, now: now)
            }
            return .success(results)
        } catch {
            context.logger.error("store", "commit.failed", [("channel", "phone"), ("error", .string("\(error)"))])
            return .failure(HTTPResponseError(.error(503, "the desk store could not commit the event; retry later")))
        }
    }
}
