import Foundation
import IntakeChannels
import IntakeCore
import XCTest

/// Every payload in Fixtures/whatsapp against its `.expected.json`, compared as parsed JSON values.
final class WhatsAppFixtureTests: XCTestCase {
    func testEveryFixtureNormalizesToItsExpectedJSON() throws {
        try FixtureTable.check("whatsapp", adapter: WhatsAppAdapter(), atLeast: 20)
    }
}
