import Foundation
import IntakeChannels
import IntakeCore
import XCTest

/// Every `Fixtures/email/<case>.eml` normalizes to `<case>.expected.json` (compared as JSON values).
final class EmailFixtureTests: XCTestCase {
    func testEveryEmailFixtureNormalizesToItsExpectedJSON() throws {
        try FixtureTable.check("email", adapter: EmailAdapter(), atLeast: 60)
    }
}
