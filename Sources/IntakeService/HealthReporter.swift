public import IntakeCore
public import IntakeHTTP
import Foundation

/// Each running component's last success, kept in memory by the workers, and the `/healthz` verdict:
/// the store writable and every component succeeded within `unhealthyAfterIntervals` of its interval.
public final class HealthReporter: @unchecked Sendable {
    // @unchecked: `components` is guarded by `lock`.
    struct Component {
        var interval: Double
        var registeredAt: Timestamp
        var lastSuccess: Timestamp?
        var lastError: String?
    }

    private let lock = NSLock()
    private var components: [String: Component] = [:]
    private let context: IntakeContext

    public init(context: IntakeContext) {
        self.context = context
    }

    public func register(_ name: String, interval: Double) {
        lock.lock()
        components[name] = Component(interval: interval, registeredAt: Timestamp.now())
        lock.unlock()
    }

    public func succeeded(_ name: String, at: Timestamp = Timestamp.now()) {
        lock.lock()
        components[name]?.lastSuccess = at
        components[name]?.lastError = nil
        lock.unlock()
    }

    public func failed(_ name: String, error: String) {
        lock.lock()
        components[name]?.lastError = error
        lock.unlock()
    }

    public func lastSuccess(_ name: String) -> Timestamp? {
        lock.lock()
        defer { lock.unlock() }
        return components[name]?.lastSuccess
    }

    public func response() -> HTTPResponse {
        let now = Timestamp.now()
        let writable = context.store.isWritable()
        var healthy = writable
        var parts = JSONObject()
        lock.lock()
        let snapshot = components
        lock.unlock()
        for (name, c) in snapshot.sorted(by: { $0.key < $1.key }) {
            let since = c.lastSuccess ?? c.registeredAt
            let age = Double(now.seconds - since.seconds)
            let ok = age <= c.interval * context.config.health.unhealthyAfterIntervals + 1
            healthy = healthy && ok
            parts[name] = [
                "healthy": .bool(ok), "interval_seconds": .number(c.interval),
                "last_success": .optional(c.lastSuccess?.iso8601), "age_seconds": c.lastSuccess.map { .number(Double(now.seconds - $0.seconds)) } ?? .null,
                "last_error": .optional(c.lastError),
            ]
        }
        var channels = JSONObject()
        for channel in Channel.allCases {
            let last = context.activity.lastSuccess(channel)
            channels[channel.rawValue] = [
                "last_success": .optional(last?.iso8601), "age_seconds": last.map { .number(Double(now.seconds - $0.seconds)) } ?? .null,
            ]
        }
        let counts = (try? context.store.read { try $0.outboxCounts() }) ?? [:]
        let body: JSONValue = [
            "status": .string(healthy ? "ok" : "unhealthy"),
            "store": ["writable": .bool(writable), "path": .string(context.store.path)],
            "components": .object(parts),
            "channels": .object(channels),
            "outbox": ["pending": .int(counts[.pending] ?? 0), "dead": .int(counts[.dead] ?? 0)],
            "uptime_seconds": .number(Double(now.seconds - context.startedAt.seconds)),
        ]
        return .json(healthy ? 200 : 503, body)
    }

    /// Updates the gauges `/metrics` reads from the store: outbox depth, dead letters, SLA, mail lag.
    public func refreshGauges() {
        let m = context.metrics
        let now = Timestamp.now()
        if let counts = try? context.store.read({ try $0.outboxCounts() }) {
            for state in ["pending", "delivered", "dead", "skipped"] {
                m.set(MetricNames.outboxDepth, [("state", state)], Double(counts.first { $0.key.rawValue == state }?.value ?? 0))
            }
            m.set(MetricNames.deadLetters, [], Double(counts[.dead] ?? 0))
        }
        if let sla = try? context.store.read({ try $0.slaSummary(now: now, inactiveCustomers: context.pipeline.settings.directory.inactiveCustomerIDs) }) {
            for row in sla {
                m.set(MetricNames.openTickets, [("priority", row.priority.rawValue)], Double(row.open))
                m.set(MetricNames.breached, [("priority", row.priority.rawValue)], Double(row.breached))
                m.set(MetricNames.dueWithinHour, [("priority", row.priority.rawValue)], Double(row.dueWithinHour))
                m.set(MetricNames.contractInactive, [("priority", row.priority.rawValue)], Double(row.contractInactive))
            }
        }
        if let last = lastSuccess("mail") {
            m.set(MetricNames.mailPollLag, [], Double(now.seconds - last.seconds))
        }
    }
}
