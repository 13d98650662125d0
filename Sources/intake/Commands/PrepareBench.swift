import Foundation
import IntakeChannels
import IntakeCore
import IntakeDesk

/// The store-independent half of ingest (`SlackAdapter.normalize` + `IngestPipeline.prepare`) on one
/// thread, per chat-sized Slack event (`IngestBench.body`), with the pipeline built as `IngestBench`
/// builds it; then the stages one by one, so a change shows where it helped. Timed in the thread's CPU
/// time, so that other work on a shared machine does not show up as cost.
enum PrepareBench {
    static let events = 2_000

    static func run(into table: inout BenchTable) {
        let bodies = (0..<events).map { IngestBench.body($0) }
        let pipeline = IngestPipeline(settings: PipelineSettings(config: GatewayConfig(), directory: CustomerDirectory(customers: [
            Customer(id: "acme", name: "ACME", slackChannel: "C0ACMEPRIV"),
        ])))
        let adapter = SlackAdapter()
        let messages = bodies.map { (try? adapter.normalize(RawPayload(bytes: $0, source: "bench"))) ?? [] }
        let classifier = Classifier(rules: pipeline.settings.classification, sla: pipeline.settings.sla,
                                    missedCallPriority: pipeline.settings.missedCallPriority)
        let customer = pipeline.settings.directory.customer(id: "acme")

        row("prepare slack chat (1 thread)", into: &table) { i in
            let m = (try? adapter.normalize(RawPayload(bytes: bodies[i], source: "bench"))) ?? []
            return pipeline.prepare(IngestPayload(channel: .slack, raw: bodies[i], source: "bench", messages: m)).payload.messages.count
        }
        row("  normalize", into: &table) { i in
            ((try? adapter.normalize(RawPayload(bytes: bodies[i], source: "bench"))) ?? []).count
        }
        row("  JSON parse", into: &table) { i in
            (try? JSONParser.parse(bodies[i])) == nil ? 0 : 1
        }
        row("  prepare", into: &table) { i in
            pipeline.prepare(IngestPayload(channel: .slack, raw: bodies[i], source: "bench", messages: messages[i])).payload.messages.count
        }
        row("  SHA-256 hex of raw", into: &table) { i in SHA256.hex(bodies[i]).utf8.count }
        row("  route", into: &table) { i in pipeline.settings.directory.route(messages[i][0]) == nil ? 0 : 1 }
        row("  fingerprint", into: &table) { i in Fingerprint.of(messages[i][0].effectiveText)?.utf8.count ?? 0 }
        row("  fold words", into: &table) { i in TextFolding.foldedWords(messages[i][0].effectiveText ?? "").count }
        row("  classify", into: &table) { i in classifier.classify(messages[i][0], customer: customer).reasons.count }
        row("  message JSON", into: &table) { i in JSONWriter.string(messages[i][0].json).utf8.count }
    }

    /// Runs `work` over the events for at least half a second of CPU and adds µs per event.
    private static func row(_ name: String, into table: inout BenchTable, _ work: (Int) -> Int) {
        var sink = 0
        for i in 0..<events { sink &+= work(i) }
        var rounds = 0
        let start = threadCPUSeconds()
        repeat {
            for i in 0..<events { sink &+= work(i) }
            rounds += 1
        } while threadCPUSeconds() - start < 0.5
        let elapsed = threadCPUSeconds() - start
        let perEvent = elapsed / Double(events * rounds)
        table.add(name, "\(fmt(perEvent * 1e6, 2)) µs/event", "\(fmt(1 / perEvent)) events/s per core of CPU time (check \(sink & 1))")
    }
}
