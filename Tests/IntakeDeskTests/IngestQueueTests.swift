import Foundation
import IntakeCore
import IntakeDesk
import XCTest

final class IngestQueueTests: XCTestCase {
    var fx: DeskFixture!

    override func setUpWithError() throws { fx = try DeskFixture() }
    override func tearDown() { fx.remove() }

    private static func payload(_ n: Int) -> IngestPayload {
        let m = DeskFixture.slack("EvQ\(n)", ts: "\(n).1", text: "caso \(n): el agente \(n) no puede tomar llamadas entrantes")
        return IngestPayload(channel: .slack, raw: Array("payload \(n)".utf8), source: "test", messages: [m])
    }

    func testConcurrentCallersAreEachAnsweredWithTheirOwnCommittedResult() throws {
        let queue = IngestQueue(store: fx.store, pipeline: IngestPipeline(settings: fx.settings))
        let threads = 16, each = 40
        let answers = Answers()
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            for i in 0..<each {
                let n = t * each + i
                answers.add(n, Result { try queue.submit(Self.payload(n)) })
            }
        }
        queue.stop()
        XCTAssertEqual(answers.count, threads * each)
        for (n, result) in answers.all {
            let r = try result.get()
            XCTAssertEqual(r.map(\.externalID), ["EvQ\(n)"])
            XCTAssertEqual(r.first?.outcome, .created)
        }
        XCTAssertEqual(try fx.store.read { try $0.ticketCount() }, threads * each)
    }

    func testAQueueOnARestartedStoreStartsWithTheWindowReadAndStillDeduplicates() throws {
        let first = IngestQueue(store: fx.store, pipeline: IngestPipeline(settings: fx.settings))
        let created = try first.submit(Self.payload(7))
        first.stop()
        let store = try fx.reopen()
        let again = IngestQueue(store: store, pipeline: IngestPipeline(settings: fx.settings))
        let m = DeskFixture.whatsapp("wamid.q7", text: "caso 7: el agente 7 no puede tomar llamadas entrantes")
        let results = try again.submit(IngestPayload(channel: .whatsapp, raw: [7], source: "test", messages: [m]))
        again.stop()
        XCTAssertEqual(results.first?.outcome, .duplicate)
        XCTAssertEqual(results.first?.ticketNumber, created.first?.ticketNumber)
    }

    func testAfterStopNothingIsTakenAndEverythingBeforeIsCommitted() throws {
        let queue = IngestQueue(store: fx.store, pipeline: IngestPipeline(settings: fx.settings))
        XCTAssertEqual(try queue.submit(Self.payload(1)).first?.outcome, .created)
        queue.stop()
        XCTAssertThrowsError(try queue.submit(Self.payload(2))) { XCTAssertTrue($0 is IngestQueueError) }
        XCTAssertEqual(try fx.store.read { try $0.ticketCount() }, 1)
    }

    func testAsynchronousSubmitCompletesAfterTheCommitWithItsOwnResult() throws {
        let queue = IngestQueue(store: fx.store, pipeline: IngestPipeline(settings: fx.settings))
        let answers = Answers()
        let done = DispatchGroup()
        let store = fx.store
        for n in 0..<50 {
            done.enter()
            queue.submit(Self.payload(n)) { result in
                // Committed before the completion runs: a reader sees the ticket.
                let visible = (try? store.read { try $0.ticketCount() }) ?? 0
                answers.add(n, result.map { visible > 0 ? $0 : [] })
                done.leave()
            }
        }
        XCTAssertEqual(done.wait(timeout: .now() + 10), .success)
        queue.stop()
        for (n, result) in answers.all {
            XCTAssertEqual(try result.get().map(\.externalID), ["EvQ\(n)"])
        }
        XCTAssertEqual(answers.count, 50)
    }

    func testStopReturnsOnlyOnceEveryQueuedPayloadIsCommittedAndAnswered() throws {
        // A slow clock holds each batch in the writer after it left the queue: the queue is empty long
        // before the last commit ends.
        let queue = IngestQueue(store: fx.store, pipeline: IngestPipeline(settings: fx.settings)) {
            usleep(20_000)
            return Timestamp.now()
        }
        let answers = Answers()
        for n in 0..<300 { queue.submit(Self.payload(n)) { answers.add(n, $0) } }
        queue.stop()
        XCTAssertEqual(answers.count, 300, "every completion ran before stop returned")
        XCTAssertEqual(try fx.store.read { try $0.ticketCount() }, 300)
        queue.stop()
    }

    func testAsynchronousSubmitAfterStopCompletesAtOnceWithAnError() {
        let queue = IngestQueue(store: fx.store, pipeline: IngestPipeline(settings: fx.settings))
        queue.stop()
        let answers = Answers()
        queue.submit(Self.payload(1)) { answers.add(1, $0) }
        XCTAssertThrowsError(try answers.all.first?.1.get()) { XCTAssertTrue($0 is IngestQueueError) }
    }

    final class Answers: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [Int: Result<[IngestResult], any Error>] = [:]

        func add(_ n: Int, _ r: Result<[IngestResult], any Error>) { lock.withLock { results[n] = r } }
        var count: Int { lock.withLock { results.count } }
        var all: [(Int, Result<[IngestResult], any Error>)] { lock.withLock { results.map { ($0.key, $0.value) } } }
    }
}
