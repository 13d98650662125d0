import Foundation
import IntakeCore
import IntakeDesk
import Curl
import IntakeMail
@testable import IntakeService
import IntakeTestSupport
import XCTest

/// The `serve` task around the poller: its wiring from the configuration, metrics and health.
final class MailPollTaskTests: XCTestCase {
    private func context(_ config: GatewayConfig, store: DeskStore) -> IntakeContext {
        IntakeContext(config: config, directory: CustomerDirectory(customers: []), store: store,
                      logger: Logger(level: .error, write: { _ in }), metrics: Metrics())
    }

    func testTickImportsMailAndCountsThePoll() throws {
        let f = try MailStoreFixture(test: self)
        try f.append([MailStoreFixture.mail(1), MailStoreFixture.mail(2)])
        let context = context(f.config, store: f.store)
        defer { context.queue.stop() }
        let task = try MailPollTask(context: context)

        try task.tick()

        XCTAssertEqual(task.name, "mail")
        XCTAssertEqual(task.interval, f.config.email.pollIntervalSeconds)
        XCTAssertEqual(try f.counts().tickets, 2)
        XCTAssertEqual(context.metrics.counter(MetricNames.mailPolls, [("result", "ok")]), 1)
        XCTAssertEqual(context.metrics.counter(MetricNames.messages, [("channel", "email"), ("outcome", "created")]), 2)
        XCTAssertTrue(context.metrics.render().contains("\(MetricNames.mailPollDuration)_count 1"))
    }

    func testFailedTickThrowsSoHealthShowsTheError() throws {
        var config = GatewayConfig()
        config.email.enabled = true
        config.email.imapURL = "imap://127.0.0.1:\(try Loopback.freePort())"
        config.email.tls = "none"
        let dir = try TestPaths.temporaryDirectory("intake-mailtask").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        let context = context(config, store: try DeskStore(path: dir + "/desk.sqlite"))
        defer { context.queue.stop() }
        let health = HealthReporter(context: context)
        let task = try MailPollTask(context: context)
        health.register(task.name, interval: task.interval)

        let worker = BackgroundWorker(task: task, health: health, logger: context.logger)
        worker.start()
        let deadline = Date().addingTimeInterval(5)
        while context.metrics.counter(MetricNames.mailPolls, [("result", "error")]) == 0, Date() < deadline { usleep(10_000) }
        worker.stop()

        XCTAssertEqual(context.metrics.counter(MetricNames.mailPolls, [("result", "error")]), 1)
        let body = String(decoding: health.response().body, as: UTF8.self)
        XCTAssertTrue(body.contains("curl error 7"), body)
    }

    func testServeRunsThePollerOnlyWhenEmailIsEnabled() throws {
        let f = try MailStoreFixture(test: self)
        var disabled = f.config
        disabled.email.enabled = false
        for (config, expected) in [(f.config, true), (disabled, false)] {
            let context = context(config, store: f.store)
            let names = ServiceTasks.standard(context: context, health: HealthReporter(context: context)).map(\.name)
            XCTAssertEqual(names.contains("mail"), expected, "\(names)")
            context.queue.stop()
        }
    }

    func testTheServicesPollerStopsStartingBatchesAfterTwoIntervals() throws {
        let f = try MailStoreFixture(test: self)
        var config = f.config
        config.email.pollIntervalSeconds = 45
        let context = context(config, store: f.store)
        defer { context.queue.stop() }
        XCTAssertEqual(try MailPollTask(context: context).poller.configuration.maxCycleSeconds, 90)
    }

    func testMailServersComeFromTheConfiguredURLs() throws {
        let cases: [(url: String, tls: String, host: String, port: Int, security: MailServer.Security)] = [
            ("imaps://imap.example.com", "starttls", "imap.example.com", 993, .implicitTLS),
            ("imap://imap.example.com", "starttls", "imap.example.com", 143, .startTLS),
            ("imap://imap.example.com", "tls", "imap.example.com", 993, .implicitTLS),
            ("imap://127.0.0.1:1143", "none", "127.0.0.1", 1143, .none),
            ("imap://[::1]:1143/INBOX", "none", "::1", 1143, .none),
            ("IMAPS://user@mail.example.com:10993", "none", "mail.example.com", 10993, .implicitTLS),
        ]
        for c in cases {
            var email = GatewayConfig().email
            email.imapURL = c.url
            email.tls = c.tls
            email.username = "soporte@example.com"
            email.password = "pw"
            let server = try MailServer.imap(email)
            XCTAssertEqual([server.host, String(server.port)], [c.host, String(c.port)], c.url)
            XCTAssertEqual(server.security, c.security, c.url)
            XCTAssertEqual(server.username, "soporte@example.com")
            XCTAssertEqual(server.password, "pw")
        }
        for bad in ["pop3://mail.example.com", "imap://", "imap://host:99999", "imap://host:x"] {
            var email = GatewayConfig().email
            email.imapURL = bad
            XCTAssertThrowsError(try MailServer.imap(email), bad)
        }
        var email = GatewayConfig().email
        email.smtpURL = "smtps://smtp.example.com"
        email.smtpUsername = "u"
        email.smtpPassword = "p"
        email.verifyPeer = false
        let smtp = try XCTUnwrap(try MailServer.smtp(email))
        XCTAssertEqual([smtp.host, String(smtp.port), smtp.username, smtp.password], ["smtp.example.com", "465", "u", "p"])
        XCTAssertEqual(smtp.tlsVerification, TLSVerification.disabledForTesting)
        XCTAssertNil(try MailServer.smtp(GatewayConfig().email))
    }

    func testPollerSettingsComeFromTheConfiguration() {
        var email = GatewayConfig().email
        email.folder = "Soporte"
        email.batchSize = 7
        email.quarantineFolder = "Cuarentena"
        email.maxMessageBytes = 40 << 20
        for (word, policy) in [("keep", MailPolicy.keep), ("seen", .markSeen), ("move", .move(to: "Procesados"))] {
            email.policy = word
            email.processedFolder = "Procesados"
            let configuration = MailPollerConfiguration(email: email)
            XCTAssertEqual(configuration.policy, policy)
            XCTAssertEqual([configuration.folder, configuration.quarantineFolder, String(configuration.batchSize)], ["Soporte", "Cuarentena", "7"])
            XCTAssertEqual(configuration.maxMessageBytes, 40 << 20)
        }
    }
}
