import Synchronization

/// The server's shared state: whether it is stopping, how many connections are open (for the cap and
/// the metrics), how many over the cap are being answered 503, and the requests in flight. The acceptor
/// thread and every event loop touch it; the per-request counters are atomics, not a lock.
final class ConnectionRegistry: Sendable {
    enum Admission {
        case accepted
        case overCapacity
        case stopping
    }

    private struct Counts {
        var open = 0
        var rejecting = 0
    }

    private let counts = Mutex(Counts())
    private let stopping = Atomic<Bool>(false)
    private let inFlight = Atomic<Int>(0)
    private let maxConnections: Int

    init(maxConnections: Int) {
        self.maxConnections = maxConnections
    }

    var isStopping: Bool { stopping.load(ordering: .acquiring) }
    var openConnections: Int { counts.withLock { $0.open } }
    var requestsInFlight: Int { inFlight.load(ordering: .relaxed) }

    /// Counts a new connection in, unless the server is stopping or at its cap.
    func admit() -> Admission {
        counts.withLock { counts in
            if isStopping { return .stopping }
            if counts.open >= maxConnections { return .overCapacity }
            counts.open += 1
            return .accepted
        }
    }

    /// An admitted connection was closed.
    func closed() {
        counts.withLock { $0.open -= 1 }
    }

    /// Takes one of a bounded number of slots for answering 503 to connections over the cap; false when
    /// they are all taken, and the connection is then just closed.
    func beginRejecting() -> Bool {
        counts.withLock { counts in
            guard counts.rejecting < maxConnections else { return false }
            counts.rejecting += 1
            return true
        }
    }

    func endRejecting() {
        counts.withLock { $0.rejecting -= 1 }
    }

    func requestStarted() {
        inFlight.add(1, ordering: .relaxed)
    }

    func requestFinished() {
        inFlight.subtract(1, ordering: .relaxed)
    }

    /// Marks the server stopping; false if it already was. Taken under the lock so that no connection is
    /// admitted after it.
    func beginStopping() -> Bool {
        counts.withLock { _ in !stopping.exchange(true, ordering: .acquiringAndReleasing) }
    }
}
