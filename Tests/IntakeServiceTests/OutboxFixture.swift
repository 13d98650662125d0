import Foundation
import IntakeCore
import IntakeDesk
@testable import IntakeService
import IntakeTestSupport
import Synchronization
import XCTest

/// A desk store in a temp dir, the real pipeline writing the outbox rows, and a worker on a clock the
/// test moves.
final class OutboxFixture: Sendable {
    let dir: String
    let store: DeskStore
    let pipeline: IngestPipeline
    let directory: CustomerDirectory
    let metrics = Metrics()
    private let seconds = Mutex<Int64>(1_717_423_200)  // 2024-06-03T14:00:00Z

    init(test: XCTestCase, destinations: PipelineSettings.Destinations) throws {
        dir = try TestPaths.temporaryDirectory("intake-outbox").path
        store = try DeskStore(path: dir + "/desk.sqlite")
        directory = CustomerDirectory(customers: [
            Customer(id: "acme", name: "ACME Contact Center S.A.", slackChannel: "C0ACMEPRIV", domains: ["acme.com.ar"],
                     whatsapp: ["+5491152769999"]),
        ])
        var settings = PipelineSettings(config: GatewayConfig(), directory: directory)
        settings.destinations = destinations
        pipeline = IngestPipeline(settings: settings)
        let dir = dir
        test.addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
    }

    var now: Timestamp { Timestamp(seconds: seconds.withLock { $0 }) }

    func advance(_ delta: Int64) { seconds.withLock { $0 += delta } }

    /// A configuration for the worker: a tiny schedule so retries are due at once.
    static func config(_ configure: (inout GatewayConfig) -> Void) -> GatewayConfig {
        var c = GatewayConfig()
        c.outbox.scheduleSeconds = [0]
        c.outbox.maxAttempts = 12
        c.outbox.timeoutSeconds = 5
        configure(&c)
        return c
    }

    func worker(_ config: GatewayConfig, mailer: (any AcknowledgementMailer)? = nil) -> OutboxWorker {
        OutboxWorker(store: store, directory: directory, config: config, mailer: mailer, logger: Logger(level: .error, write: { _ in }),
                     metrics: metrics, clock: { [self] in now }, random: { 0.5 })
    }

    @discardableResult
    func ingest(_ m: InboundMessage) throws -> IngestResult {
        let results = try store.write { records in
            try pipeline.ingest(IngestPayload(channel: m.channel, raw: Array(JSONWriter.bytes(m.json)), source: "test", messages: [m]),
                                records: records, now: now)
        }
        return try XCTUnwrap(results.first)
    }

    func rows(_ destination: String? = nil) throws -> [OutboxEvent] {
        try store.read { try $0.outbox() }.filter { destination == nil || $0.destination == destination }
    }

    func email(_ id: String, text: String, replyTo: String? = nil, from: String = "juan.perez@acme.com.ar") -> InboundMessage {
        InboundMessage(channel: .email, externalID: id, sender: .init(id: from, name: "Juan Pérez"), replyTo: replyTo,
                       references: replyTo.map { [$0] } ?? [], subject: replyTo == nil ? "Central telefónica" : "Re: Central telefónica",
                       text: text, sentAt: now)
    }

    func whatsapp(_ id: String, text: String, from: String = "+5491152769999") -> InboundMessage {
        InboundMessage(channel: .whatsapp, externalID: id, sender: .init(id: from, name: "Juan"), conversation: "106540352242922",
                       text: text, sentAt: now)
    }
}
