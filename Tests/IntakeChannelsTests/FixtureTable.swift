import Foundation
import IntakeChannels
import IntakeCore
import IntakeTestSupport
import XCTest

/// The table-driven fixture check every channel shares: each `Fixtures/<channel>/<case>.<ext>`
/// normalizes to `<case>.expected.json`, compared as JSON values with object keys in any order.
/// `INTAKE_WRITE_FIXTURES=1` writes missing expectations, to be reviewed against the spec before a commit.
enum FixtureTable {
    static func folder(_ channel: String) -> URL { TestPaths.fixture(channel) }

    /// The payload files of a channel, sorted.
    static func cases(_ channel: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder(channel), includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasSuffix(".expected.json") && !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func check(_ channel: String, adapter: any ChannelAdapter, atLeast minimum: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let inputs = try cases(channel)
        XCTAssertGreaterThanOrEqual(inputs.count, minimum, file: file, line: line)
        let write = ProcessInfo.processInfo.environment["INTAKE_WRITE_FIXTURES"] == "1"
        for input in inputs {
            let name = input.lastPathComponent
            let messages = try adapter.normalize(RawPayload(bytes: Array(try Data(contentsOf: input)), source: name))
            let actual = JSONValue.array(messages.map(\.json))
            let expectedURL = input.deletingPathExtension().appendingPathExtension("expected.json")
            guard let expectedBytes = try? Data(contentsOf: expectedURL) else {
                if write {
                    try Data(JSONWriter.string(actual, pretty: true).utf8).write(to: expectedURL)
                } else {
                    XCTFail("\(name): no \(expectedURL.lastPathComponent)", file: file, line: line)
                }
                continue
            }
            let expected = try JSONParser.parse(Array(expectedBytes))
            XCTAssertEqual(sortingKeys(actual), sortingKeys(expected), "\(name):\n\(JSONWriter.string(actual, pretty: true))", file: file, line: line)
        }
    }

    /// Object keys in byte order, so the comparison ignores key order but not values.
    static func sortingKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let items): return .array(items.map(sortingKeys))
        case .object(let object):
            return .object(JSONObject(object.pairs.map { (key: $0.key, value: sortingKeys($0.value)) }.sorted { $0.key < $1.key }))
        default: return value
        }
    }
}
