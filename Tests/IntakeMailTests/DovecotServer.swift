import Foundation
import IntakeMail

/// A throwaway Dovecot IMAP server on a free loopback port, everything under one temp dir
/// (see /work/shared/notes/dovecot.md for why the users and ownership look like this).
/// Any user name logs in with `password` (a static passdb) and gets its own empty maildir, so a test class
/// starts one server and each test uses a fresh user: starting is fast, stopping takes Dovecot about a second.
final class DovecotServer {
    static let password = "secret"
    let directory: URL
    let port: Int
    private let master = Process()
    private var stopped = false

    init() throws {
        guard let dovecot = TestSupport.which("dovecot") else {
            throw TestSupport.Failure(description: "dovecot not found: install it with `apt-get install dovecot-imapd`")
        }
        directory = try TestSupport.temporaryDirectory("intake-dovecot")
        port = try TestSupport.freePort()
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
        try TestSupport.run("/bin/chown", ["-R", "dovecot:dovecot", "\(root)/mail"])
        master.executableURL = URL(fileURLWithPath: dovecot)
        master.arguments = ["-F", "-c", "\(root)/dovecot.conf"]
        master.standardOutput = FileHandle.nullDevice
        master.standardError = FileHandle.nullDevice
        try master.run()
        do {
            try TestSupport.waitForPort(port, name: "dovecot")
        } catch {
            stop()
            throw error
        }
    }

    deinit { stop() }

    /// Connection settings for a user nobody has used yet (an empty mailbox).
    func freshUser() -> MailServer {
        MailServer(
            host: "127.0.0.1", port: port, security: .none, username: "user-\(UUID().uuidString.prefix(8))@example.com",
            password: Self.password, connectTimeout: 2, timeout: 5)
    }

    /// Stops the master (SIGTERM; it stops its children) and waits for it, then removes the directory.
    /// The master runs in the foreground (`-F`) as our child, so the test owns its lifetime.
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
