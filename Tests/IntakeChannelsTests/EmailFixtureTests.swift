import Foundation
import IntakeChannels
import IntakeCore
import XCTest

/// Every `Fixtures/email/<case>.eml` normalizes to `<case>.expected.json` (compared as JSON values). The
/// fixtures are mail to soporte@acme.com.ar, which the adapter knows as our own address, as `serve` knows
/// the configured ones: a Google Group of that name is our support address (`OwnList`).
final class EmailFixtureTests: XCTestCase {
    func testEveryEmailFixtureNormalizesToItsExpectedJSON() throws {
        try FixtureTable.check("email", adapter: EmailAdapter(ownAddresses: ["soporte@acme.com.ar"]), atLeast: 60)
    }
}
