import IntakeChannels
import IntakeCore
import XCTest

final class CTICallTrackerTests: XCTestCase {
    static let start = Timestamp(seconds: 1_709_659_800)

    static func event(_ kind: CTIEvent.Kind, _ id: String = "c-1", at offset: Int64) -> CTIEvent {
        CTIEvent(
            kind: kind, callID: id, from: "+5491152769999", to: "+541152769000", direction: .inbound,
            user: kind == .answer ? "102" : nil, cause: kind == .hangup ? "normal" : nil, timestamp: start.adding(seconds: offset)
        )
    }

    static func permutations<T>(_ items: [T]) -> [[T]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { i -> [[T]] in
            var rest = items
            let head = rest.remove(at: i)
            return permutations(rest).map { [head] + $0 }
        }
    }

    /// Applies the events and returns the messages as they stand at the end (amends replace).
    static func run(_ events: [CTIEvent], tracker: inout CTICallTracker) -> [InboundMessage] {
        var messages: [InboundMessage] = []
        for (i, event) in events.enumerated() {
            for action in tracker.apply(event, now: start.adding(seconds: 300 + Int64(i))) {
                switch action {
                case .emit(let m):
                    XCTAssertFalse(messages.contains { $0.externalID == m.externalID }, "emitted twice")
                    messages.append(m)
                case .amend(let m):
                    let index = messages.firstIndex { $0.externalID == m.externalID }
                    XCTAssertNotNil(index, "amended before emitted")
                    if let index { messages[index] = m }
                }
            }
        }
        return messages
    }

    func testAnsweredCallEndsAsTheSameCallInEveryOrder() {
        let events = [Self.event(.newCall, at: 0), Self.event(.answer, at: 10), Self.event(.hangup, at: 70)]
        for order in Self.permutations(events) {
            var tracker = CTICallTracker()
            let messages = Self.run(order, tracker: &tracker)
            XCTAssertEqual(messages.count, 1)
            XCTAssertEqual(messages.first?.kind, .call)
            XCTAssertEqual(messages.first?.externalID, "c-1")
            XCTAssertEqual(messages.first?.text, "Llamada atendida de +5491152769999 (duración 60s)")
            XCTAssertEqual(messages.first?.sentAt, Self.start)
        }
    }

    func testUnansweredCallIsAMissedCallInEveryOrderAndWithDuplicates() {
        let events = [Self.event(.newCall, at: 0), Self.event(.hangup, at: 30), Self.event(.newCall, at: 0), Self.event(.hangup, at: 30)]
        for order in Self.permutations(events) {
            var tracker = CTICallTracker()
            let messages = Self.run(order, tracker: &tracker)
            XCTAssertEqual(messages.map(\.kind), [.missedCall])
            XCTAssertEqual(messages.first?.text, "Llamada perdida de +5491152769999 el 05/03/2024 14:30")
        }
    }

    func testADuplicateEventIsANoOp() {
        var tracker = CTICallTracker()
        _ = tracker.apply(Self.event(.newCall, at: 0), now: Self.start)
        let hangup = Self.event(.hangup, at: 30)
        XCTAssertEqual(tracker.apply(hangup, now: Self.start.adding(seconds: 30)).count, 1)
        let before = tracker
        XCTAssertEqual(tracker.apply(hangup, now: Self.start.adding(seconds: 31)), [])
        XCTAssertEqual(tracker.calls, before.calls)
    }

    func testAHangupAloneRecordsTheCall() throws {
        var tracker = CTICallTracker()
        let actions = tracker.apply(Self.event(.hangup, at: 30), now: Self.start.adding(seconds: 30))
        let message = try XCTUnwrap(actions.first?.message)
        XCTAssertEqual(message.kind, .missedCall)
        XCTAssertEqual(message.sender.id, "+5491152769999")
        XCTAssertEqual(message.conversation, "+541152769000")
        XCTAssertEqual(message.sentAt, Self.start.adding(seconds: 30))
    }

    func testAnAnswerAfterTheHangupAmendsTheMissedCall() throws {
        var tracker = CTICallTracker()
        _ = tracker.apply(Self.event(.newCall, at: 0), now: Self.start)
        let first = tracker.apply(Self.event(.hangup, at: 90), now: Self.start.adding(seconds: 90))
        XCTAssertEqual(first.first?.message.kind, .missedCall)
        let late = tracker.apply(Self.event(.answer, at: 15), now: Self.start.adding(seconds: 91))
        guard case .amend(let amended) = try XCTUnwrap(late.first) else { return XCTFail("expected an amend") }
        XCTAssertEqual(amended.kind, .call)
        XCTAssertEqual(amended.externalID, "c-1")
        XCTAssertEqual(amended.text, "Llamada atendida de +5491152769999 (duración 75s)")
    }

    func testEventsWithoutTimestampsUseTheReceiverClock() throws {
        var tracker = CTICallTracker()
        let newCall = CTIEvent(kind: .newCall, callID: "c-9", from: "1152769999", to: "1152769000")
        _ = tracker.apply(newCall, now: Self.start)
        let message = try XCTUnwrap(tracker.apply(CTIEvent(kind: .hangup, callID: "c-9"), now: Self.start.adding(seconds: 20)).first?.message)
        XCTAssertEqual(message.sentAt, Self.start)
        XCTAssertEqual(message.sender.id, "+541152769999")
    }

    func testCallerIDsAndZonelessTimesFromTheConnector() throws {
        let table: [(from: String, time: String, id: String, name: String?, sentAt: String)] = [
            (#""Juan Perez" <1152769999>"#, "2024-06-03 12:00:00", "+541152769999", "Juan Perez", "2024-06-03T15:00:00Z"),
            ("Juan Perez <+5491152769999>", "2024-06-03T12:00:00.5", "+5491152769999", "Juan Perez", "2024-06-03T15:00:00Z"),
            (#""1152769999" <1152769999>"#, "2024-06-03T12:00:00-03:00", "+541152769999", nil, "2024-06-03T15:00:00Z"),
            ("1152769999", "2024-06-03T15:00:00Z", "+541152769999", nil, "2024-06-03T15:00:00Z"),
            ("1152769999", "1717426800", "+541152769999", nil, "2024-06-03T15:00:00Z"),
        ]
        for row in table {
            let json = #"{"event":"hangup","callId":"z","to":"1152769000","from":"\#(row.from.map { $0 == "\"" ? "\\\"" : String($0) }.joined())","timestamp":"\#(row.time)"}"#
            let message = try XCTUnwrap(CTICallTracker.messages(for: CTIEvent.parse(Array(json.utf8))).first, row.from)
            XCTAssertEqual(message.sender, InboundMessage.Sender(id: row.id, name: row.name), row.from)
            XCTAssertEqual(message.sentAt?.iso8601, row.sentAt, row.time)
            XCTAssertEqual(message.threadKey, row.id, row.from)
        }
    }

    func testAnOutboundCallIsKeptButMarkedInternal() throws {
        var tracker = CTICallTracker()
        _ = tracker.apply(CTIEvent(kind: .newCall, callID: "o-1", from: "101", to: "01152769999"), now: Self.start)
        let message = try XCTUnwrap(tracker.apply(CTIEvent(kind: .hangup, callID: "o-1"), now: Self.start.adding(seconds: 5)).first?.message)
        XCTAssertEqual(message.kind, .call)
        XCTAssertEqual(message.metadata["internal"], true)
        XCTAssertEqual(message.metadata["direction"], "outbound")
    }

    func testACallWhoseHangupNeverCameIsClosedAsMissedAndEndedCallsAreForgotten() throws {
        var tracker = CTICallTracker(abandonAfterSeconds: 3600)
        _ = tracker.apply(Self.event(.newCall, "lost", at: 0), now: Self.start)
        _ = tracker.apply(Self.event(.newCall, "done", at: 0), now: Self.start)
        _ = tracker.apply(Self.event(.hangup, "done", at: 10), now: Self.start.adding(seconds: 10))
        let actions = tracker.expire(now: Self.start.adding(seconds: 3601))
        let message = try XCTUnwrap(actions.first?.message)
        XCTAssertEqual(message.externalID, "lost")
        XCTAssertEqual(message.kind, .missedCall)
        XCTAssertFalse(message.warnings.isEmpty)
        XCTAssertEqual(tracker.apply(Self.event(.hangup, "lost", at: 7200), now: Self.start.adding(seconds: 7200)), [])
        _ = tracker.expire(now: Self.start.adding(seconds: 200_000))
        XCTAssertTrue(tracker.calls.isEmpty)
    }

    func testTheStateSurvivesAJSONRoundTrip() throws {
        var tracker = CTICallTracker()
        _ = tracker.apply(Self.event(.newCall, "a", at: 0), now: Self.start)
        _ = tracker.apply(Self.event(.answer, "b", at: 5), now: Self.start.adding(seconds: 5))
        _ = tracker.apply(Self.event(.hangup, "b", at: 50), now: Self.start.adding(seconds: 50))
        let text = JSONWriter.string(tracker.json)
        var restored = CTICallTracker(json: try JSONParser.parse(text))
        XCTAssertEqual(restored, tracker)
        XCTAssertEqual(restored.apply(Self.event(.hangup, "b", at: 50), now: Self.start.adding(seconds: 60)), [])
        XCTAssertEqual(restored.apply(Self.event(.hangup, "a", at: 60), now: Self.start.adding(seconds: 60)).first?.message.kind, .missedCall)
    }

    func testParsesJSONArraysObjectsAndForms() throws {
        let json = #"[{"event":"newCall","callId":"x","from":"+5491152769999","timestamp":1709659800},{"event":"hang_up","callId":"x","direction":"in"}]"#
        let events = try CTIEvent.parse(Array(json.utf8))
        XCTAssertEqual(events.map(\.kind), [.newCall, .hangup])
        XCTAssertEqual(events.first?.timestamp, Self.start)
        XCTAssertEqual(events.last?.direction, .inbound)
        let form = try CTIEvent.parse(Array("event=answer&callId=x&user=102".utf8))
        XCTAssertEqual(form, [CTIEvent(kind: .answer, callID: "x", user: "102")])
        XCTAssertThrowsError(try CTIEvent.parse(Array(#"{"event":"transfer","callId":"x"}"#.utf8)))
        // The Asterisk manager's other events (they name a channel) are left out, not a refused request;
        // its and Placetel's names for a call's start, answer and end are read.
        XCTAssertEqual(try CTIEvent.parse(Array(#"{"Event":"Newstate","Channel":"PJSIP/t-1","Uniqueid":"1.1"}"#.utf8)), [])
        XCTAssertEqual(try CTIEvent.parse(Array("event=VarSet&channel=PJSIP%2Ft-1&uniqueid=1.1".utf8)), [])
        let names: [(String, CTIEvent.Kind)] = [
            (#"{"Event":"Newchannel","Uniqueid":"1.1"}"#, .newCall), (#"{"Event":"BridgeEnter","Uniqueid":"1.1"}"#, .answer),
            (#"{"Event":"DialEnd","DialStatus":"ANSWER","Uniqueid":"1.1"}"#, .answer), (#"{"event":"IncomingCall","call_id":"p"}"#, .newCall),
            (#"{"event":"CallAccepted","call_id":"p"}"#, .answer), (#"{"event":"HungUp","call_id":"p"}"#, .hangup),
        ]
        for (json, kind) in names { XCTAssertEqual(try CTIEvent.parse(Array(json.utf8)).map(\.kind), [kind], json) }
        XCTAssertEqual(try CTIEvent.parse(Array(#"{"Event":"DialEnd","DialStatus":"NOANSWER","Uniqueid":"1.1"}"#.utf8)), [])
        // A bridge that names the event's time `occurredAt` (camelCase, as many JSON APIs do).
        XCTAssertEqual(try CTIEvent.parse(Array(#"{"event":"hangup","callId":"x","occurredAt":"2024-03-05T18:30:00Z"}"#.utf8)).first?.timestamp,
                       Timestamp(iso8601: "2024-03-05T18:30:00Z"))
        XCTAssertThrowsError(try CTIEvent.parse(Array(#"[{"event":"hangup"}]"#.utf8))) { error in
            XCTAssertEqual((error as? AdapterError)?.reason, "event 1: `callId` is missing")
        }
    }
}
