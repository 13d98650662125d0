import XCTest

@testable import IntakeHTTP

final class ConnectionTimerTests: XCTestCase {
    private let configuration = HTTPServerConfiguration(headerTimeout: 10, bodyTimeout: 30, idleTimeout: 5)

    func testFirstRequestHeadersRunFromTheAccept() {
        var timer = ConnectionTimer(configuration: configuration, acceptedAt: 100)
        XCTAssertEqual(timer.deadline, 110)
        timer.observe(.head, now: 104)
        XCTAssertEqual(timer.deadline, 110, "trickling bytes does not extend the header deadline")
        timer.observe(.head, now: 109)
        XCTAssertEqual(timer.deadline, 110)
        XCTAssertEqual(timer.expiry, .requestTimeout("request headers not complete within 10 s"))
    }

    func testSilentNewConnectionClosesQuietly() {
        let timer = ConnectionTimer(configuration: configuration, acceptedAt: 0)
        XCTAssertEqual(timer.expiry, .closeQuietly)
        XCTAssertEqual(timer.secondsLeft(now: 4), 6)
        XCTAssertEqual(timer.secondsLeft(now: 12), 0)
    }

    func testBodyGetsItsOwnDeadline() {
        var timer = ConnectionTimer(configuration: configuration, acceptedAt: 0)
        timer.observe(.head, now: 1)
        timer.observe(.body, now: 2)
        XCTAssertEqual(timer.deadline, 32)
        XCTAssertEqual(timer.expiry, .requestTimeout("request body not complete within 30 s"))
    }

    func testKeepAliveIdleThenNextRequestHeaders() {
        var timer = ConnectionTimer(configuration: configuration, acceptedAt: 0)
        timer.observe(.head, now: 1)
        timer.requestCompleted(now: 3)
        XCTAssertEqual(timer.deadline, 8)
        XCTAssertEqual(timer.expiry, .closeQuietly)
        timer.observe(.head, now: 7)
        XCTAssertEqual(timer.deadline, 17, "a later request's headers run from its first byte")
    }
}
