import Foundation
import IntakeChannels
import IntakeCore
import IntakeDesk
import IntakeTestSupport

/// A fresh store file in a temp dir, a directory with two customers, and message builders.
struct DeskFixture {
    let dir: String
    let store: DeskStore
    var settings: PipelineSettings

    static let directory = CustomerDirectory(customers: [
        Customer(id: "acme", name: "ACME", slackChannel: "C0ACME", domains: ["acme.com.ar"], phones: ["+54 11 4321-5000"],
                 whatsapp: ["+54 9 11 5276-9999", "+54 9 11 4444-1234"], priorityFloor: nil),
        Customer(id: "andes", name: "Andes", slackChannel: "C0ANDES", domains: ["andescontact.cl"], whatsapp: ["+56 9 8765 4321"],
                 priorityFloor: .high),
        Customer(id: "pampa", name: "Pampa", contract: .suspended, domains: ["pampabpo.com"]),
    ])

    init(destinations: PipelineSettings.Destinations = .init()) throws {
        dir = try TestPaths.temporaryDirectory("intake-desk").path
        store = try DeskStore(path: dir + "/desk.sqlite")
        var config = GatewayConfig()
        config.outbox.deskURL = "http://127.0.0.1:9/desk"
        settings = PipelineSettings(config: config, directory: Self.directory)
        settings.destinations = destinations
    }

    func reopen() throws -> DeskStore { try DeskStore(path: dir + "/desk.sqlite") }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }

    @discardableResult
    func ingest(_ messages: [InboundMessage], at now: Timestamp = Timestamp(seconds: 1_764_000_000), into store: DeskStore? = nil) throws -> [IngestResult] {
        let pipeline = IngestPipeline(settings: settings)
        let payload = IngestPayload(channel: messages.first?.channel ?? .email, raw: Array("\(messages.map(\.externalID))".utf8), source: "test", messages: messages)
        return try (store ?? self.store).write { try pipeline.ingest(payload, records: $0, now: now) }
    }

    static func email(_ id: String, from: String = "ana@acme.com.ar", subject: String = "Consulta", text: String,
                      replyTo: String? = nil, references: [String] = []) -> InboundMessage {
        InboundMessage(channel: .email, externalID: id, sender: .init(id: from), threadKey: references.first ?? replyTo ?? id,
                       replyTo: replyTo, references: references, subject: subject, text: text)
    }

    /// The messages of a WhatsApp payload in `Fixtures/whatsapp`, as the adapter reads them.
    static func whatsappFixture(_ name: String) throws -> [InboundMessage] {
        let bytes = Array(try Data(contentsOf: TestPaths.fixture("whatsapp/\(name)")))
        return try WhatsAppAdapter().normalize(RawPayload(bytes: bytes, source: name))
    }

    static func whatsapp(_ id: String, from: String = "+5491152769999", text: String, context: String? = nil) -> InboundMessage {
        InboundMessage(channel: .whatsapp, externalID: id, sender: .init(id: from), conversation: "106540352242922", threadKey: from,
                       replyTo: context, text: text)
    }

    static func slack(_ id: String, channel: String = "C0ACME", ts: String, threadTS: String? = nil, text: String) -> InboundMessage {
        InboundMessage(channel: .slack, externalID: id, sender: .init(id: "U1"), conversation: channel,
                       threadKey: "\(channel):\(threadTS ?? ts)", replyTo: threadTS, text: text, metadata: JSONObject([("slack_ts", .string("\(channel):\(ts)"))]))
    }
}
