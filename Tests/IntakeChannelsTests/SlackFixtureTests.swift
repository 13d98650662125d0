import Foundation
import IntakeChannels
import IntakeCore
import XCTest

/// Every payload in Fixtures/slack against its `.expected.json`, compared as parsed JSON values.
final class SlackFixtureTests: XCTestCase {
    private static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Fixtures/slack").standardizedFileURL

    func testEveryFixtureNormalizesToItsExpectedJSON() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { !$0.hasSuffix(".expected.json") && !$0.hasPrefix(".") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 12)
        for name in names {
            let input = Self.folder.appendingPathComponent(name)
            let expectedURL = input.deletingPathExtension().appendingPathExtension("expected.json")
            let bytes = try [UInt8](Data(contentsOf: input))
            let messages = try SlackAdapter().normalize(RawPayload(bytes: bytes, source: name))
            let actual = JSONValue.array(messages.map(\.json))
            let expected = try JSONParser.parse([UInt8](Data(contentsOf: expectedURL)))
            XCTAssertEqual(Self.sortingKeys(actual), Self.sortingKeys(expected), "\(name):\n\(JSONWriter.string(actual, pretty: true))")
        }
    }

    func testURLVerificationChallengeIsExposedForTheServer() throws {
        let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent("url_verification.json")))
        XCTAssertEqual(SlackAdapter.challenge(in: bytes), "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")
        XCTAssertNil(SlackAdapter.challenge(in: Array(#"{"type":"event_callback","challenge":"x"}"#.utf8)))
        XCTAssertNil(SlackAdapter.challenge(in: Array("challenge=x".utf8)))
    }

    /// Object keys in byte order, so the comparison ignores key order but not values.
    private static func sortingKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let items): return .array(items.map(sortingKeys))
        case .object(let object):
            return .object(JSONObject(object.pairs.map { ($0.key, sortingKeys($0.value)) }.sorted { $0.0 < $1.0 }.map { (key: $0.0, value: $0.1) }))
        default: return value
        }
    }
}
