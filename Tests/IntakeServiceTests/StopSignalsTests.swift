@testable import IntakeService
import XCTest

/// A stop signal delivered twice at once (`timeout(1)`: to the command, then to its process group) is
/// one request; only one sent again later means "exit now".
final class StopSignalsTests: XCTestCase {
    func testARepeatWithinASecondIsTheSameRequest() {
        let table: [([Double], [StopSignals.Action])] = [
            ([100], [.stop]),
            ([100, 100.0001], [.stop, .ignore]),
            ([100, 100.5, 100.99], [.stop, .ignore, .ignore]),
            ([100, 101], [.stop, .exitNow]),
            ([100, 100.2, 104], [.stop, .ignore, .exitNow]),
        ]
        for (times, expected) in table {
            var signals = StopSignals()
            XCTAssertEqual(times.map { signals.received(at: $0) }, expected, "\(times)")
        }
    }
}
