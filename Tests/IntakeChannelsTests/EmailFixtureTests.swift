import Foundation
import IntakeChannels
import IntakeCore
import XCTest

/// Every `Fixtures/email/<case>.eml` normalizes to `<case>.expected.json` (compared as JSON values).
/// `INTAKE_WRITE_EMAIL_FIXTURES=1` writes the missing expectations, for review before committing.
final class EmailFixtureTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/email")

    func testEveryEmailFixtureNormalizesToItsExpectedJSON() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".eml") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 60)
        let write = ProcessInfo.processInfo.environment["INTAKE_WRITE_EMAIL_FIXTURES"] == "1"
        for name in names {
            let raw = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(name)))
            let messages = try EmailAdapter().normalize(RawPayload(bytes: raw, source: name))
            let actual = JSONValue.array(messages.map(\.json))
            let expectedURL = Self.folder.appendingPathComponent(String(name.dropLast(4)) + ".expected.json")
            guard let expectedBytes = try? [UInt8](Data(contentsOf: expectedURL)) else {
                if write {
                    try Data(JSONWriter.string(actual, pretty: true).utf8).write(to: expectedURL)
                } else {
                    XCTFail("\(name): no expected JSON")
                }
                continue
            }
            let expected = try JSONParser.parse(expectedBytes)
            XCTAssertEqual(actual, expected, "\(name):\n\(JSONWriter.string(actual, pretty: true))")
        }
    }
}
