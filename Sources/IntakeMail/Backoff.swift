/// Exponential backoff between failed polls: `initial · multiplier^(failures-1)`, capped at `maximum`.
/// A pure value: the poller asks it for the next delay and tells it about successes, so tests need no clock.
public struct Backoff: Sendable, Equatable {
    public var initial: Double
    public var maximum: Double
    public var multiplier: Double
    public private(set) var failures = 0

    public init(initial: Double = 1, maximum: Double = 300, multiplier: Double = 2) {
        self.initial = initial
        self.maximum = maximum
        self.multiplier = multiplier
    }

    /// Counts a failure and returns how long to wait before the next attempt.
    public mutating func recordFailure() -> Double {
        failures += 1
        return delay(afterFailures: failures)
    }

    public mutating func recordSuccess() {
        failures = 0
    }

    public func delay(afterFailures count: Int) -> Double {
        guard count > 0 else { return 0 }
        var delay = initial
        for _ in 1..<count where delay < maximum { delay *= multiplier }
        return min(delay, maximum)
    }
}
