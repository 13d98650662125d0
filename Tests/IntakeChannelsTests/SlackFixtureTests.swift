import Foundation
import IntakeChannels
import IntakeCore
import XCTest

/// Every payload in Fixtures/slack against its `.expected.json`, compared as parsed JSON values.
final class SlackFixtureTests: XCTestCase {
    func testEveryFixtureNormalizesToItsExpectedJSON() throws {
        try FixtureTable.check("slack", adapter: SlackAdapter(), atLeast: 12)
    }

    func testURLVerificationChallengeIsExposedForTheServer() throws {
        let bytes = try [UInt8](Data(contentsOf: FixtureTable.folder("slack").appendingPathComponent("url_verification.json")))
        XCTAssertEqual(SlackAdapter.challenge(in: bytes), "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")
        XCTAssertNil(SlackAdapter.challenge(in: Array(#"{"type":"event_callback","challenge":"x"}"#.utf8)))
        XCTAssertNil(SlackAdapter.challenge(in: Array("challenge=x".utf8)))
    }
}
