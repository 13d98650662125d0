public import IntakeCore

/// What happens to an outbox event after a failed attempt: another attempt after the configured delay
/// for that attempt (`outbox.schedule`, the last entry repeating) spread by ±20% jitter so events that
/// failed together do not retry together, never sooner than a `Retry-After` the destination asked for (up to
/// `maxAgeSeconds`);
/// or the dead letters once `maxAttempts` attempts were made or the event is older than `maxAgeSeconds`.
/// Pure: the caller passes the clock and a random number.
public struct RetryPolicy: Sendable, Equatable {
    public enum Decision: Sendable, Equatable {
        case retry(at: Timestamp)
        case dead(reason: String)
    }

    public var scheduleSeconds: [Int64]
    public var maxAttempts: Int
    public var maxAgeSeconds: Int64
    /// The spread around each delay: 0.2 is ±20%.
    public var jitter: Double

    public init(scheduleSeconds: [Int64], maxAttempts: Int, maxAgeSeconds: Int64, jitter: Double = 0.2) {
        self.scheduleSeconds = scheduleSeconds
        self.maxAttempts = maxAttempts
        self.maxAgeSeconds = maxAgeSeconds
        self.jitter = jitter
    }

    public init(config: GatewayConfig.Outbox) {
        self.init(scheduleSeconds: config.scheduleSeconds, maxAttempts: config.maxAttempts, maxAgeSeconds: config.maxAgeSeconds)
    }

    /// `attempts`: attempts made so far, the failed one included. `random`: uniform in [0, 1).
    public func afterFailure(attempts: Int, createdAt: Timestamp, now: Timestamp, retryAfter: Int64? = nil, random: Double) -> Decision {
        if attempts >= maxAttempts { return .dead(reason: "gave up after \(attempts) attempts") }
        if now.seconds - createdAt.seconds >= maxAgeSeconds { return .dead(reason: "older than \(maxAgeSeconds) s") }
        return .retry(at: now.adding(seconds: delay(afterAttempt: attempts, retryAfter: retryAfter, random: random)))
    }

    /// The wait after the `attempts`-th failed attempt, in whole seconds.
    public func delay(afterAttempt attempts: Int, retryAfter: Int64? = nil, random: Double) -> Int64 {
        let base = scheduleSeconds.isEmpty ? 60 : scheduleSeconds[min(max(attempts, 1), scheduleSeconds.count) - 1]
        let factor = 1 + jitter * (2 * min(max(random, 0), 1) - 1)
        let jittered = max(0, Int64((Double(base) * factor).rounded()))
        return max(jittered, retryAfter.map(honoured) ?? 0)
    }

    /// How much of a destination's `Retry-After` is waited: all of it, up to `maxAgeSeconds`. A longer
    /// wait (a proxy's bogus header) would leave events pending for years instead of dead and visible.
    public func honoured(retryAfter: Int64) -> Int64 {
        min(max(retryAfter, 0), maxAgeSeconds)
    }
}
