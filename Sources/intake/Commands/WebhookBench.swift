import Foundation
import IntakeCore
import IntakeDesk
import IntakeHTTP
import IntakeService

/// Signed Slack events through the real HTTP server and group commit into a store in a temp dir, from
/// client threads in the same process on loopback sockets: closed loop for throughput, then an open
/// loop at a fixed rate for latency (measured from each request's due time, so a stall is counted).
/// `../shared/bench/webhook_vs_nginx.sh` measures the same from wrk in another process.
enum WebhookBench {
    static let secret = "bench-signing-secret"

    static func run(_ options: BenchOptions, into table: inout BenchTable) throws {
        let seconds = options.seconds
        let connections = options.connections
        let rate = options.rate
        let dir = NSTemporaryDirectory() + "intake-webhook-bench-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var config = GatewayConfig()
        config.slack.signingSecret = secret
        config.storePath = dir + "/desk.sqlite"
        let store = try DeskStore(path: config.storePath)
        let context = IntakeContext(config: config, directory: CustomerDirectory(customers: [Customer(id: "acme", name: "ACME", slackChannel: "C0ACMEPRIV")]),
                                    store: store, logger: Logger(level: .error), metrics: Metrics())
        let server = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0, maxConnections: 1024),
                                responder: WebhookResponder(context: context, health: HealthReporter(context: context)))
        try server.start()
        defer {
            server.shutdown(gracePeriod: 5)
            context.queue.stop()
        }
        let port = server.port
        let counter = LoadCounter()
        let closed = LoadClient.closedLoop(port: port, connections: connections, seconds: seconds, counter: counter, secret: secret)
        table.add("webhook closed loop", "\(fmt(Double(closed.ok) / seconds)) req/s",
                  "\(connections) connections, \(fmt(seconds))s, p50 \(fmt(percentile(closed.latencies, 50) * 1000, 2)) ms, p99 \(fmt(percentile(closed.latencies, 99) * 1000, 2)) ms, \(closed.failed) non-2xx")
        let open = LoadClient.openLoop(port: port, connections: connections, rate: rate, seconds: min(seconds, 5), counter: counter, secret: secret)
        table.add("webhook @\(fmt(rate)) req/s", "p99 \(fmt(percentile(open.latencies, 99) * 1000, 2)) ms",
                  "open loop, p50 \(fmt(percentile(open.latencies, 50) * 1000, 2)) ms, \(open.ok) ok, \(open.failed) non-2xx")
        let tickets = try store.read { try $0.ticketCount() }
        table.add("webhook durability", "\(tickets) tickets", "for \(closed.ok + open.ok) acknowledged events (each committed before its 200)")
    }
}
