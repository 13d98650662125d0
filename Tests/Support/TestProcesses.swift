import Foundation

/// Finding and running the tools the test servers need.
public enum TestProcesses {
    /// Runs a tool to completion; throws with its output when it fails. Output goes to a file, not a pipe:
    /// a daemon (dovecot) keeps the inherited pipe open after its launcher exits, so reading to EOF would hang.
    public static func run(_ path: String, _ arguments: [String]) throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("intake-run-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw TestFailure("\(path) \(arguments.joined(separator: " ")) failed: \(output)")
        }
    }

    /// The first executable `tool` in the sbin/bin folders (daemons such as dovecot live in /usr/sbin,
    /// often not on a test runner's PATH), then on PATH.
    public static func which(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"].map { $0.split(separator: ":").map(String.init) } ?? []
        return (["/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin"] + path).map { "\($0)/\(tool)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Whether `python3` can import the module (the python test servers' dependencies).
    public static func pythonHasModule(_ module: String) throws -> Bool {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", "import \(module)"]
        check.standardError = FileHandle.nullDevice
        try check.run()
        check.waitUntilExit()
        return check.terminationStatus == 0
    }
}
