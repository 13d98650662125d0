import Foundation
import IntakeChannels
import IntakeCore
import XCTest

/// Every `Fixtures/phone/<case>.<ext>` normalizes to `<case>.expected.json` (compared as JSON values).
final class PhoneFixtureTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures/phone").standardized

    static func cases() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasSuffix(".expected.json") && !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func expectedURL(_ input: URL) -> URL {
        input.deletingPathExtension().appendingPathExtension("expected.json")
    }

    func testEveryFixtureNormalizesToItsExpectedJSON() throws {
        let inputs = try Self.cases()
        XCTAssertGreaterThanOrEqual(inputs.count, 12)
        for input in inputs {
            let bytes = Array(try Data(contentsOf: input))
            let messages = try PhoneAdapter().normalize(RawPayload(bytes: bytes, source: input.lastPathComponent))
            let actual = JSONValue.array(messages.map(\.json))
            let expectedBytes = Array(try Data(contentsOf: Self.expectedURL(input)))
            let expected = try JSONParser.parse(expectedBytes)
            XCTAssertEqual(actual, expected, "\(input.lastPathComponent):\n\(JSONWriter.string(actual, pretty: true))")
        }
    }
}
