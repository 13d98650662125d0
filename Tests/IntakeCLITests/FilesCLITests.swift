import Foundation
import XCTest

/// Files `normalize` and `ingest` cannot read are named once, with the reason, while the other files are
/// still handled.
final class FilesCLITests: CLITestCase {
    func testNormalizeNamesAFileItCannotReadOnceWithTheReason() throws {
        let missing = dir.appendingPathComponent("missing.json").path
        let good = Self.fixture("slack/plain_message.json")
        let run = try intake(["normalize", "--channel", "slack", "--compact", dir.path, missing, good], withStore: false)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, """
            intake normalize: \(dir.path): cannot read: Is a directory
            intake normalize: \(missing): cannot read: No such file or directory

            """)
        let array = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(array.map { $0["external_id"] as? String }, ["Ev081PLAIN01"])
    }

    func testIngestNamesAFileItCannotReadWithTheReason() throws {
        let good = Self.fixture("slack/plain_message.json")
        let run = try intake(["ingest", "--channel", "slack", dir.path, good])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "intake ingest: \(dir.path): cannot read: Is a directory\n")
        XCTAssertEqual(run.lines.count, 1, run.stdout)
    }

    func testAPathWithSpacesAndAnEmptyOrBinaryFileAreReportedByName() throws {
        let empty = dir.appendingPathComponent("an empty file.json").path
        let binary = dir.appendingPathComponent("binary.eml").path
        XCTAssertTrue(FileManager.default.createFile(atPath: empty, contents: Data()))
        XCTAssertTrue(FileManager.default.createFile(atPath: binary, contents: Data([0xFF, 0xFE, 0x00, 0x80])))
        let slack = try intake(["normalize", "--channel", "slack", empty], withStore: false)
        XCTAssertEqual(slack.status, 1)
        XCTAssertTrue(slack.stderr.hasPrefix("intake normalize: \(empty): "), slack.stderr)
        XCTAssertEqual(slack.stdout, "[]\n")
        let email = try intake(["normalize", "--channel", "email", binary], withStore: false)
        XCTAssertEqual(email.status, 1)
        XCTAssertTrue(email.stderr.hasPrefix("intake normalize: \(binary): "), email.stderr)
    }
}
