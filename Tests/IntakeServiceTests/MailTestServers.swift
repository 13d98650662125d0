import Foundation
import Glibc

// Shared by IntakeServiceTests and IntakeCLITests (Tests/IntakeCLITests/MailTestServers.swift is a symlink
// to this file): Foundation and Glibc only, since the CLI tests import none of intake's modules.

/// Helpers for the test servers: free ports, waiting for a listener, running a tool, temp dirs.
enum MailTestSupport {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A port the kernel just handed out for 127.0.0.1 (bind port 0, read it back, close).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket() failed") }
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw Failure(description: "bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func waitForPort(_ port: Int, name: String, timeout: Double = 5) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = loopback(port: port)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
            close(fd)
            if connected { return }
            usleep(10_000)
        }
        throw Failure(description: "\(name) did not listen on port \(port) within \(timeout) s")
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return address
    }

    /// Runs a tool to completion, its output to a file (a daemon keeps an inherited pipe open).
    static func run(_ path: String, _ arguments: [String]) throws {
        let log = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("intake-run-\(UUID().uuidString).log")
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
            throw Failure(description: "\(path) \(arguments.joined(separator: " ")) failed: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        }
    }

    static func temporaryDirectory(_ prefix: String) throws -> URL {
        var template = Array("/tmp/\(prefix).XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw Failure(description: "mkdtemp failed") }
        let path = String(cString: made)
        chmod(path, 0o755)
        return URL(fileURLWithPath: path)
    }

    static func which(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"].map { $0.split(separator: ":").map(String.init) } ?? []
        return (["/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin"] + path).map { "\($0)/\(tool)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// A throwaway Dovecot IMAP server on a free loopback port, everything under one temp dir (see
/// /work/shared/notes/dovecot.md). Any user name logs in with `password` and gets its own empty Maildir,
/// so one server serves a whole test class, a fresh user per test.
final class DovecotServer {
    static let password = "secret"
    let directory: URL
    let port: Int
    private let master = Process()
    private var stopped = false

    init() throws {
        guard let dovecot = MailTestSupport.which("dovecot") else {
            throw MailTestSupport.Failure(description: "dovecot not found: install it with `apt-get install dovecot-imapd`")
        }
        directory = try MailTestSupport.temporaryDirectory("intake-dovecot")
        port = try MailTestSupport.freePort()
        let root = directory.path
        for sub in ["run", "state", "mail"] {
            try FileManager.default.createDirectory(atPath: "\(root)/\(sub)", withIntermediateDirectories: true)
        }
        let config = """
            protocols = imap
            listen = 127.0.0.1
            base_dir = \(root)/run
            state_dir = \(root)/state
            log_path = \(root)/dovecot.log
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            auth_failure_delay = 0
            passdb {
              driver = static
              args = password=\(Self.password)
            }
            userdb {
              driver = static
              args = uid=dovecot gid=dovecot home=\(root)/mail/%u
            }
            mail_location = maildir:~/Maildir
            service imap-login {
              inet_listener imap {
                port = \(port)
              }
            }
            default_internal_user = dovecot
            default_login_user = dovenull
            first_valid_uid = 0

            """
        try config.write(toFile: "\(root)/dovecot.conf", atomically: true, encoding: .utf8)
        try MailTestSupport.run("/bin/chown", ["-R", "dovecot:dovecot", "\(root)/mail"])
        master.executableURL = URL(fileURLWithPath: dovecot)
        master.arguments = ["-F", "-c", "\(root)/dovecot.conf"]
        master.standardOutput = FileHandle.nullDevice
        master.standardError = FileHandle.nullDevice
        try master.run()
        do {
            try MailTestSupport.waitForPort(port, name: "dovecot")
        } catch {
            stop()
            throw error
        }
    }

    deinit { stop() }

    /// A user nobody has used yet (an empty mailbox).
    func freshUser() -> String { "user-\(UUID().uuidString.prefix(8).lowercased())@example.com" }

    /// Drops messages straight into the user's `Maildir/new`; Dovecot gives them UIDs on its next look at
    /// the folder, in the order it reads the directory (not necessarily the order given).
    func deliver(_ messages: [[UInt8]], to user: String) throws {
        let maildir = directory.appendingPathComponent("mail/\(user)/Maildir")
        for sub in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(at: maildir.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let base = Int(Date().timeIntervalSince1970)
        for (i, message) in messages.enumerated() {
            let name = "\(base).M\(i)P\(getpid())Q\(UUID().uuidString.prefix(8)).intake-test"
            try Data(message).write(to: maildir.appendingPathComponent("new/\(name)"))
        }
        try MailTestSupport.run("/bin/chown", ["-R", "dovecot:dovecot", directory.appendingPathComponent("mail/\(user)").path])
    }

    /// Stops the master (SIGTERM stops its children) and waits for it, then removes the directory.
    func stop() {
        guard !stopped else { return }
        stopped = true
        if master.isRunning {
            master.terminate()
            master.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}

/// scripts/test-servers/smtp_recorder.py on a free port, writing each message to a temp dir.
final class SMTPRecorder {
    let directory: URL
    let port: Int
    private let process = Process()

    init() throws {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", "import aiosmtpd"]
        check.standardError = FileHandle.nullDevice
        try check.run()
        check.waitUntilExit()
        guard check.terminationStatus == 0 else {
            throw MailTestSupport.Failure(description: "python3 module aiosmtpd missing: install it with `pip install aiosmtpd`")
        }
        directory = try MailTestSupport.temporaryDirectory("intake-smtp")
        port = try MailTestSupport.freePort()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", MailTestSupport.repositoryRoot.appendingPathComponent("scripts/test-servers/smtp_recorder.py").path,
                             "\(port)", directory.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        do {
            try MailTestSupport.waitForPort(port, name: "smtp_recorder")
        } catch {
            stop()
            throw error
        }
    }

    deinit { stop() }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// The raw messages recorded so far, in arrival order.
    func received() -> [[UInt8]] {
        var messages: [[UInt8]] = []
        while let raw = FileManager.default.contents(atPath: directory.appendingPathComponent("\(messages.count + 1).eml").path) {
            messages.append(Array(raw))
        }
        return messages
    }
}
