import Foundation
import IntakeTestSupport
import XCTest

/// Runs the built `intake` binary (`swift build` builds it at `.build/debug/intake`) in a fresh temp
/// dir without a configuration, on a fresh store, and captures status, stdout and stderr.
class CLITestCase: XCTestCase {
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
        dir = try TestPaths.temporaryDirectory("intake-cli")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: dir)
    }

    static func fixture(_ path: String) -> String { TestPaths.fixture(path).path }

    /// Runs `intake ARGS` (with `--store DIR/desk.sqlite` appended when `withStore`) in the temp dir, in
    /// `environment` when given (else ours); output goes through files, so a chatty command cannot block on
    /// a full pipe.
    func intake(_ args: [String], withStore: Bool = true, environment: [String: String]? = nil) throws -> Run {
        let binary = TestPaths.packageRoot.appendingPathComponent(".build/debug/intake")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { throw MissingBinary(path: binary.path) }
        let out = dir.appendingPathComponent("stdout"), err = dir.appendingPathComponent("stderr")
        XCTAssertTrue(FileManager.default.createFile(atPath: out.path, contents: nil))
        XCTAssertTrue(FileManager.default.createFile(atPath: err.path, contents: nil))
        let process = Process()
        process.executableURL = binary
        process.arguments = args + (withStore ? ["--store", store] : [])
        process.currentDirectoryURL = dir
        if let environment { process.environment = environment }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
                   stderr: try String(contentsOf: err, encoding: .utf8))
    }
}
