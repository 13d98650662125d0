import Foundation
import IntakeChannels
import IntakeCore
import IntakeTestSupport
import XCTest

/// Every input a fuzzer crashed on (`Fixtures/fuzz-regressions/<channel>/`) goes through its channel's
/// adapter without trapping: a clean result or an `AdapterError`, never a crash.
final class FuzzRegressionTests: XCTestCase {
    func testEveryFuzzCrashInputIsHandled() throws {
        let root = TestPaths.fixture("fuzz-regressions").path
        var checked = 0
        for channel in Channel.allCases {
            let dir = root + "/" + channel.rawValue
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for name in names.sorted() {
                let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))
                _ = try? ChannelAdapters.adapter(for: channel).normalize(RawPayload(bytes: bytes, source: name))
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 0)
    }

    func testADateWithATwentyDigitYearIsAWarningNotACrash() throws {
        let bytes = Array(try Data(contentsOf: TestPaths.fixture("fuzz-regressions/email/date-year-overflow.eml")))
        let messages = try EmailAdapter().normalize(RawPayload(bytes: bytes))
        XCTAssertEqual(messages.count, 1)
        XCTAssertNil(messages[0].sentAt)
    }
}
