import Foundation
import Glibc

/// Helpers shared by the server fixtures: free ports, waiting for a listener, running a tool.
enum TestSupport {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A port the kernel just handed out for 127.0.0.1 (bind port 0, read it back, close).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw Failure(description: "bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func isListening(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    static func waitForPort(_ port: Int, name: String, timeout: Double = 5) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if isListening(port: port) { return }
            usleep(10_000)
        }
        throw Failure(description: "\(name) did not listen on port \(port) within \(timeout) s")
    }

    /// Runs a tool to completion; throws with its output when it fails. Output goes to a file, not a pipe:
    /// a daemon (dovecot) keeps the inherited pipe open after its launcher exits, so reading to EOF would hang.
    static func run(_ path: String, _ arguments: [String]) throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("intake-run-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
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
            throw Failure(description: "\(path) \(arguments.joined(separator: " ")) failed: \(output)")
        }
    }

    static func temporaryDirectory(_ prefix: String) throws -> URL {
        var template = Array("/tmp/\(prefix).XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw Failure(description: "mkdtemp failed") }
        let path = String(cString: made)
        chmod(path, 0o755)
        return URL(fileURLWithPath: path)
    }

    static func which(_ tool: String, in directories: [String] = ["/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin"]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"].map { $0.split(separator: ":").map(String.init) } ?? []
        return (directories + path).map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The repository root, from this file's path (Tests/IntakeMailTests/TestSupport.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
}

/// A helper process (a python test server) that prints "ready" when it listens; stopped with SIGTERM.
final class ScriptServer {
    let process = Process()
    let port: Int

    init(script: String, arguments: [String], port: Int, name: String) throws {
        self.port = port
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestSupport.repositoryRoot.appendingPathComponent("scripts/test-servers/\(script)").path]
            + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        do {
            try TestSupport.waitForPort(port, name: name)
        } catch {
            stop()
            let log = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
            throw TestSupport.Failure(description: "\(error)\n\(log)")
        }
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}
