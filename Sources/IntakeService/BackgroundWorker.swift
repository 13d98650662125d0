import Foundation

/// A loop the service runs beside the HTTP server (mail poller, CDR watcher, outbox worker): `tick`
/// does one round and returns; the worker sleeps `interval` between rounds and stops between rounds.
public protocol BackgroundTask: Sendable {
    var name: String { get }
    var interval: Double { get }
    /// One round. Throwing marks the component failed in /healthz; the loop goes on.
    func tick() throws
}

extension BackgroundTask {
    /// How long one round goes on starting work (what it started, it finishes): two intervals.
    /// `/healthz` takes a task whose round has not finished for `health.unhealthy_after_intervals` (3)
    /// intervals for stuck, and `serve` stops only between rounds: one round working off a backlog (a desk
    /// outage's events, a first sync of thousands of mails) made the service unhealthy for as long, and
    /// its shutdown wait for all of it. What is left goes on in the next round.
    static func roundBudget(interval: Double) -> Double { 2 * interval }
}

/// Runs a `BackgroundTask` on its own thread until `stop()`.
public final class BackgroundWorker: @unchecked Sendable {
    // @unchecked: `stopped` is guarded by `condition`.
    private let task: any BackgroundTask
    private let health: HealthReporter
    private let logger: Logger
    private let condition = NSCondition()
    private var stopped = false
    private let finished = DispatchSemaphore(value: 0)

    public var name: String { task.name }

    public init(task: any BackgroundTask, health: HealthReporter, logger: Logger) {
        self.task = task
        self.health = health
        self.logger = logger
    }

    public func start() {
        health.register(task.name, interval: task.interval)
        let thread = Thread { [self] in
            loop()
            finished.signal()
        }
        thread.name = "intake.\(task.name)"
        thread.start()
    }

    private func loop() {
        while true {
            condition.lock()
            let stop = stopped
            condition.unlock()
            if stop { return }
            do {
                try task.tick()
                health.succeeded(task.name)
            } catch {
                health.failed(task.name, error: "\(error)")
                logger.warning(task.name, "tick.failed", [("error", .string("\(error)"))])
            }
            condition.lock()
            if !stopped { _ = condition.wait(until: Date(timeIntervalSinceNow: task.interval)) }
            condition.unlock()
        }
    }

    /// Wakes the worker and waits for its current round to finish.
    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
        finished.wait()
    }
}
