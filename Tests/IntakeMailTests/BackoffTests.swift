import IntakeMail
import XCTest

final class BackoffTests: XCTestCase {
    func testDelaysDoubleUpToTheMaximumAndResetOnSuccess() {
        var backoff = Backoff(initial: 1, maximum: 10, multiplier: 2)
        XCTAssertEqual((1...6).map { _ in backoff.recordFailure() }, [1, 2, 4, 8, 10, 10])
        backoff.recordSuccess()
        XCTAssertEqual(backoff.failures, 0)
        XCTAssertEqual(backoff.recordFailure(), 1)
    }

    func testManyFailuresStayAtTheMaximum() {
        XCTAssertEqual(Backoff(initial: 1, maximum: 300).delay(afterFailures: 10_000), 300)
        XCTAssertEqual(Backoff().delay(afterFailures: 0), 0)
    }
}
