import Foundation
import IntakeChannels
import IntakeCore
import XCTest

/// Every `Fixtures/phone/<case>.<ext>` normalizes to `<case>.expected.json` (compared as JSON values).
final class PhoneFixtureTests: XCTestCase {
    func testEveryFixtureNormalizesToItsExpectedJSON() throws {
        try FixtureTable.check("phone", adapter: PhoneAdapter(), atLeast: 12)
    }
}
