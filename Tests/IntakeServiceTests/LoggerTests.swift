import Foundation
import IntakeCore
@testable import IntakeService
import XCTest

final class LoggerTests: XCTestCase {
    /// Collects what the logger writes, chunk by chunk.
    final class Sink: @unchecked Sendable {
        private let lock = NSLock()
        private var chunks: [String] = []

        func append(_ chunk: String) { lock.withLock { chunks.append(chunk) } }
        var all: [String] { lock.withLock { chunks } }
        var lines: [String] { all.joined().split(separator: "\n").map(String.init) }
    }

    func testEachLineIsOneJSONObjectWithTimeLevelComponentAndEvent() throws {
        let sink = Sink()
        let logger = Logger(level: .info, write: sink.append)
        logger.info("pipeline", "message.created", [("ticket", .string("INT-1001")), ("event", .string("not an override"))])
        logger.debug("pipeline", "hidden", [])
        let line = try XCTUnwrap(sink.lines.first)
        XCTAssertEqual(sink.lines.count, 1)
        let o = try XCTUnwrap(try JSONParser.parse(line).objectValue)
        XCTAssertEqual(o.pairs.map(\.key), ["time", "level", "component", "event", "ticket"])
        XCTAssertEqual(o["event"]?.stringValue, "message.created")
        XCTAssertNotNil(o["time"]?.stringValue?.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"#, options: .regularExpression))
    }

    func testTimeHasMillisecondsPaddedToThreeDigits() {
        XCTAssertEqual(Logger.time(1_764_000_000.0625), "2025-11-24T16:00:00.062Z")
        XCTAssertEqual(Logger.time(1_764_000_000.25), "2025-11-24T16:00:00.250Z")
        XCTAssertEqual(Logger.time(1_764_000_000), "2025-11-24T16:00:00.000Z")
    }

    func testBufferedInfoLinesGoOutTogetherAfterTheDelayInOrder() {
        let sink = Sink()
        let logger = Logger(level: .info, flushDelay: 0.05, write: sink.append)
        for i in 0..<100 { logger.info("pipeline", "message.created", [("n", .int(i))]) }
        XCTAssertEqual(sink.all.count, 0, "nothing is written before the delay")
        let deadline = Date().addingTimeInterval(5)
        while sink.lines.count < 100, Date() < deadline { usleep(10_000) }
        XCTAssertEqual(sink.lines.count, 100)
        XCTAssertLessThanOrEqual(sink.all.count, 2, "one write for the lot")
        let ns = sink.lines.compactMap { try? JSONParser.parse($0).objectValue?["n"]?.numberValue }
        XCTAssertEqual(ns, (0..<100).map(Double.init))
    }

    func testAWarningWritesEverythingCollectedAtOnce() {
        let sink = Sink()
        let logger = Logger(level: .info, flushDelay: 60, write: sink.append)
        logger.info("service", "started", [])
        logger.warning("config", "channel.refusing", [])
        XCTAssertEqual(sink.lines.count, 2)
        logger.info("service", "stopping", [])
        logger.flush()
        XCTAssertEqual(sink.lines.count, 3)
    }
}
