public import Foundation
import Glibc

/// A throwaway Dovecot IMAP server on a free loopback port, everything under one temp dir
/// (see /work/shared/notes/dovecot.md for why the users and ownership look like this).
/// Any user name logs in with `password` (a static passdb) and gets its own empty Maildir, so a test class
/// starts one server and each test uses a fresh user: starting is fast, stopping takes Dovecot about a second.
/// Fails (never skips) when Dovecot is not installed.
public final class DovecotServer {
    public static let password = "secret"
    public let directory: URL
    public let port: Int
    private let master = Process()
    private var stopped = false

    public init() throws {
        guard let dovecot = TestProcesses.which("dovecot") else {
            throw TestFailure("dovecot not found: install it with `apt-get install dovecot-imapd`")
        }
        directory = try TestPaths.temporaryDirectory("intake-dovecot")
        port = try Loopback.freePort()
        let root = directory.path
        for sub in ["run", "state", "mail"] {
            try FileManager.default.createDirectory(atPath: "\(root)/\(sub)", withIntermediateDirectories: true)
        }
        try Self.configuration(root: root, port: port).write(toFile: "\(root)/dovecot.conf", atomically: true, encoding: .utf8)
        try TestProcesses.run("/bin/chown", ["-R", "dovecot:dovecot", "\(root)/mail"])
        master.executableURL = URL(fileURLWithPath: dovecot)
        master.arguments = ["-F", "-c", "\(root)/dovecot.conf"]
        master.standardOutput = FileHandle.nullDevice
        master.standardError = FileHandle.nullDevice
        try master.run()
        do {
            try Loopback.waitForPort(port, name: "dovecot")
        } catch {
            stop()
            throw error
        }
    }

    deinit { stop() }

    /// A user nobody has used yet (an empty mailbox). Lower case: Dovecot lowercases the login
    /// (`auth_username_format = %Lu`), and the home directory `deliver` writes to is named after it.
    public func freshUser() -> String { "user-\(UUID().uuidString.prefix(8).lowercased())@example.com" }

    /// Drops messages straight into the user's `Maildir/new`; Dovecot gives them UIDs on its next look at
    /// the folder, in the order it reads the directory (not necessarily the order given).
    public func deliver(_ messages: [[UInt8]], to user: String) throws {
        let maildir = directory.appendingPathComponent("mail/\(user)/Maildir")
        for sub in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(at: maildir.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let base = Int(Date().timeIntervalSince1970)
        for (i, message) in messages.enumerated() {
            let name = "\(base).M\(i)P\(getpid())Q\(UUID().uuidString.prefix(8)).intake-test"
            try Data(message).write(to: maildir.appendingPathComponent("new/\(name)"))
        }
        try TestProcesses.run("/bin/chown", ["-R", "dovecot:dovecot", directory.appendingPathComponent("mail/\(user)").path])
    }

    /// Stops the master (SIGTERM; it stops its children) and waits for it, then removes the directory.
    /// The master runs in the foreground (`-F`) as our child, so the test owns its lifetime.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        if master.isRunning {
            master.terminate()
            master.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Plain-text IMAP on 127.0.0.1 only, every path below `root`, any user with the static password.
    private static func configuration(root: String, port: Int) -> String {
        """
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
          args = password=\(password)
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
    }
}
