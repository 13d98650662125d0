import Foundation
import IntakeCore
import IntakeDesk
import IntakeMail
@testable import IntakeService
import IntakeTestSupport
import XCTest

/// A fresh Dovecot user, a fresh desk store and the configuration that points at both: what the mail
/// integration tests share. One Dovecot serves the whole test run.
final class MailStoreFixture {
    nonisolated(unsafe) private static var sharedDovecot: DovecotServer?

    static let fixtures = TestPaths.fixture("email")

    let dovecot: DovecotServer
    let user: String
    let config: GatewayConfig
    let store: DeskStore
    let pipeline: IngestPipeline
    /// An IMAP session of its own, for delivering and looking at the folders.
    let admin: IMAPClient

    init(test: XCTestCase, smtpPort: Int? = nil, configure: (inout GatewayConfig.Email) -> Void = { _ in }) throws {
        if Self.sharedDovecot == nil { Self.sharedDovecot = try DovecotServer() }
        dovecot = try XCTUnwrap(Self.sharedDovecot)
        user = dovecot.freshUser()
        var config = GatewayConfig()
        config.email.enabled = true
        config.email.imapURL = "imap://127.0.0.1:\(dovecot.port)"
        config.email.tls = "none"
        config.email.username = user
        config.email.password = DovecotServer.password
        config.email.fromAddress = "soporte@intake-test.example"
        config.email.smtpURL = smtpPort.map { "smtp://127.0.0.1:\($0)" }
        config.outbox.scheduleSeconds = [0]
        configure(&config.email)
        self.config = config
        let dir = try TestPaths.temporaryDirectory("intake-mail").path
        store = try DeskStore(path: dir + "/desk.sqlite")
        pipeline = IngestPipeline(settings: PipelineSettings(config: config, directory: CustomerDirectory(customers: [])))
        admin = try IMAPClient(server: try MailServer.imap(config.email))
        test.addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
    }

    func ledger() -> StoreMailboxLedger { StoreMailboxLedger(store: store, pipeline: pipeline) }

    /// A poller as `serve` builds it, on its own IMAP session.
    func poller(ledger: (any MailboxLedger)? = nil) throws -> MailPoller {
        MailPoller(client: try IMAPClient(server: try MailServer.imap(config.email)), ledger: ledger ?? self.ledger(),
                   configuration: MailPollerConfiguration(email: config.email))
    }

    func append(_ messages: [[UInt8]], folder: String = "INBOX") throws {
        for message in messages { _ = try admin.append(folder: folder, message: message) }
    }

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(name + ".eml")))
    }

    /// UIDs in a folder as a new session sees it (the poller's session may lag behind on expunges).
    func uids(_ folder: String = "INBOX") throws -> [UInt32] {
        let observer = try IMAPClient(server: try MailServer.imap(config.email))
        let validity = try observer.status(folder: folder).uidValidity
        return try observer.messages(folder: folder, uidValidity: validity, after: 0).map(\.uid)
    }

    func counts() throws -> (messages: Int, tickets: Int) {
        try store.read { (try $0.messageCount(), try $0.ticketCount()) }
    }

    /// A plain customer mail.
    static func mail(_ number: Int, from: String? = nil, inReplyTo: String? = nil, subject: String? = nil) -> [UInt8] {
        var lines = [
            "From: Cliente \(number) <\(from ?? "cliente\(number)@acme.example")>",
            "To: soporte@intake-test.example",
            "Subject: \(subject ?? "Pedido \(number)")",
            "Date: Mon, 03 Mar 2025 10:00:00 +0000",
            "Message-ID: <pedido-\(number)-\(UUID().uuidString.prefix(6))@acme.example>",
        ]
        if let inReplyTo { lines += ["In-Reply-To: <\(inReplyTo)>", "References: <\(inReplyTo)>"] }
        lines += ["", "Hola, este es el pedido número \(number): la central no anda.", ""]
        return Array(lines.joined(separator: "\r\n").utf8)
    }

    /// The unfolded value of a header field (test-only, ASCII).
    static func header(_ name: String, in raw: [UInt8]) -> String? {
        let text = String(decoding: raw, as: UTF8.self)
        let head = (text.components(separatedBy: "\r\n\r\n").first ?? text).replacingOccurrences(of: "\r\n ", with: " ")
            .replacingOccurrences(of: "\r\n\t", with: " ")
        for line in head.components(separatedBy: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == name.lowercased() { return parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return nil
    }
}

/// Commits through the store and then throws, like a process killed between the commit and the
/// server-side policy.
struct KilledAfterCommitLedger: MailboxLedger {
    struct Killed: Error {}
    let base: StoreMailboxLedger

    func cursor(folder: String) throws -> MailboxCursor? { try base.cursor(folder: folder) }

    func commit(_ batch: MailBatch) throws -> [MailCommitOutcome] {
        _ = try base.commit(batch)
        throw Killed()
    }
}
