/// What a SIGTERM or SIGINT asks of `serve`: the first, a clean stop; one again a second or more
/// later (a person who does not want to wait), to exit at once. A repeat within the second is the same
/// request delivered twice — `timeout(1)` signals the command and then its whole process group, the
/// command included — and must not cut the clean stop short.
struct StopSignals {
    enum Action: Equatable {
        case stop
        case ignore
        case exitNow
    }

    static let patience = 1.0
    private var first: Double?

    /// The action for a signal received at `seconds` (a monotonic clock).
    mutating func received(at seconds: Double) -> Action {
        guard let first else {
            self.first = seconds
            return .stop
        }
        return seconds - first >= Self.patience ? .exitNow : .ignore
    }
}
