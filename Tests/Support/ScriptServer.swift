import Foundation

/// A python test server from scripts/test-servers on a port of its own, stopped with SIGTERM.
/// Its output is kept in a pipe, shown when it does not start listening.
public final class ScriptServer {
    public let port: Int
    private let process = Process()

    public init(script: String, arguments: [String], port: Int, name: String) throws {
        self.port = port
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestPaths.packageRoot.appendingPathComponent("scripts/test-servers/\(script)").path]
            + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        do {
            try Loopback.waitForPort(port, name: name)
        } catch {
            stop()
            let log = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
            throw TestFailure("\(error)\n\(log)")
        }
    }

    /// SIGTERM, then SIGKILL if the server has not exited within five seconds: a server that misses its
    /// signal must fail its own test at worst, not hold the whole suite.
    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
