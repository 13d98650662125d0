import Foundation
import XCTest

/// Runs the built `intake` binary (`swift build` builds it at `.build/debug/intake`) in a fresh temp
/// dir without a configuration, on a fresh store, and captures status, stdout and stderr.
class CLITestCase: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String

        var lines: [String] { stdout.split(separator: "\n").map(String.init) }
    }

    private struct MissingBinary: Error, CustomStringConvertible {
        var path: String
        var description: String { "\(path) does not exist: run `swift build` before the CLI tests" }
    }

    var dir: URL!
    var store: String { dir.appendingPathComponent("desk.sqlite").path }

    override func setUpWithError() throws {
        dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("intake-cli-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: dir)
    }

    static func fixture(_ path: String) -> String { packageRoot.appendingPathComponent("Fixtures/" + path).path }

    /// Runs `intake ARGS` (with `--store DIR/desk.sqlite` appended when `withStore`) in the temp dir;
    /// output goes through files, so a chatty command cannot block on a full pipe.
    func intake(_ args: [String], withStore: Bool = true) throws -> Run {
        let binary = Self.packageRoot.appendingPathComponent(".build/debug/intake")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { throw MissingBinary(path: binary.path) }
        let out = dir.appendingPathComponent("stdout"), err = dir.appendingPathComponent("stderr")
        XCTAssertTrue(FileManager.default.createFile(atPath: out.path, contents: nil))
        XCTAssertTrue(FileManager.default.createFile(atPath: err.path, contents: nil))
        let process = Process()
        process.executableURL = binary
        process.arguments = args + (withStore ? ["--store", store] : [])
        process.currentDirectoryURL = dir
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
                   stderr: try String(contentsOf: err, encoding: .utf8))
    }
}
