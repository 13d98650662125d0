import Foundation
import IntakeTestSupport
import XCTest

/// `intake mail poll|status`, run as the built binary against a real Dovecot, on a fresh store.
final class MailCLITests: CLITestCase {
    nonisolated(unsafe) private static var dovecot: DovecotServer?

    private var user = ""

    override class func tearDown() {
        dovecot?.stop()
        dovecot = nil
    }

    override func setUpWithError() throws {
        try super.setUpWithError()
        if Self.dovecot == nil { Self.dovecot = try DovecotServer() }
        user = try XCTUnwrap(Self.dovecot).freshUser()
    }

    private func writeConfig(port: Int) throws {
        let config = """
            {"email": {"imap_url": "imap://127.0.0.1:\(port)", "username": "\(user)", "tls": "none", "policy": "seen"}}
            """
        try config.write(to: dir.appendingPathComponent("gateway.json"), atomically: true, encoding: .utf8)
    }

    /// `intake ARGS --config DIR/gateway.json --store DIR/desk.sqlite`, the IMAP password in the environment.
    private func intake(_ args: [String], password: String = DovecotServer.password) throws -> Run {
        try intake(args + ["--config", dir.appendingPathComponent("gateway.json").path], withStore: true,
                   environment: ["INTAKE_IMAP_PASSWORD": password, "PATH": "/usr/bin:/bin"])
    }

    private static func mail(_ n: Int) -> [UInt8] {
        Array("""
            From: Cliente \(n) <cliente\(n)@acme.example>\r
            To: soporte@example.com\r
            Subject: Pedido \(n)\r
            Date: Mon, 03 Mar 2025 10:00:00 +0000\r
            Message-ID: <cli-\(n)@acme.example>\r
            \r
            La central \(n) no anda.\r

            """.utf8)
    }

    func testPollOnceImportsEachMailAndQuarantinesWhatIsNotMail() throws {
        let dovecot = try XCTUnwrap(Self.dovecot)
        try writeConfig(port: dovecot.port)
        try dovecot.deliver([Self.mail(1), Self.mail(2), Array(#"{"not":"mail"}"#.utf8)], to: user)

        let first = try intake(["mail", "poll", "--once"])

        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.lines.count, 4, first.stdout)
        let perMail = first.lines.dropLast().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(perMail.map { $0[0] }, ["1", "2", "3"])
        XCTAssertEqual(perMail.map { $0[1] }.sorted(), ["created", "created", "quarantined"])
        XCTAssertEqual(perMail.filter { $0[1] == "created" }.map { $0[2].hasPrefix("INT-") }, [true, true])
        XCTAssertEqual(perMail.first { $0[1] == "quarantined" }?.suffix(2), ["-", "JSON, not an RFC 5322 message"])
        XCTAssertTrue(first.lines.last?.hasPrefix("INBOX: imported 2, duplicates 0, quarantined 1, UIDVALIDITY ") == true, first.stdout)
        XCTAssertTrue(first.lines.last?.hasSuffix(", last UID 3") == true, first.stdout)

        let again = try intake(["mail", "poll", "--once"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(again.lines.count, 1)
        XCTAssertTrue(again.stdout.hasPrefix("INBOX: imported 0, duplicates 0, quarantined 0, "), again.stdout)

        let status = try intake(["mail", "status"])
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertTrue(status.lines.first?.hasPrefix("INBOX\tUIDVALIDITY ") == true, status.stdout)
        XCTAssertTrue(status.lines.first?.contains("\tlast UID 3\t") == true, status.stdout)
        XCTAssertEqual(status.lines[1], "quarantine: 1 mail")
        XCTAssertTrue(status.lines[2].hasSuffix("\tJSON, not an RFC 5322 message"), status.stdout)
    }

    func testRefusedLoginIsAClearFailure() throws {
        try writeConfig(port: try XCTUnwrap(Self.dovecot).port)
        let run = try intake(["mail", "poll", "--once"], password: "wrong")
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("intake mail: the IMAP server 127.0.0.1:\(try XCTUnwrap(Self.dovecot).port) refused the login of \(user): check email.username and INTAKE_IMAP_PASSWORD"), run.stderr)
        XCTAssertEqual(run.stdout, "")
    }

    func testUnreachableServerIsAClearFailure() throws {
        let port = try Loopback.freePort()
        try writeConfig(port: port)
        let run = try intake(["mail", "poll", "--once"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("intake mail: cannot reach the IMAP server 127.0.0.1:\(port): "), run.stderr)
    }

    func testUsageErrors() throws {
        try writeConfig(port: 1)
        XCTAssertEqual(try intake(["mail"]).status, 2)
        XCTAssertEqual(try intake(["mail", "status", "--once"]).status, 2)
    }
}
