import Synchronization

/// The server's shared state behind one lock: whether it is stopping, the open connections (so the end
/// of a grace period can wake them), and the counters the metrics read.
final class ConnectionRegistry: Sendable {
    enum Admission {
        case accepted(id: Int)
        case overCapacity
        case stopping
    }

    private struct State {
        var isStopping = false
        var open: [Int: Socket] = [:]
        var nextID = 0
        var requestsInFlight = 0
        var rejecting = 0
    }

    private let state = Mutex(State())
    private let maxConnections: Int

    init(maxConnections: Int) {
        self.maxConnections = maxConnections
    }

    var isStopping: Bool { state.withLock { $0.isStopping } }
    var openConnections: Int { state.withLock { $0.open.count } }
    var requestsInFlight: Int { state.withLock { $0.requestsInFlight } }

    func admit(_ socket: Socket) -> Admission {
        state.withLock { state in
            if state.isStopping { return .stopping }
            if state.open.count >= maxConnections { return .overCapacity }
            state.nextID += 1
            state.open[state.nextID] = socket
            return .accepted(id: state.nextID)
        }
    }

    /// Forgets and closes connection `id`. Closing under the lock means `shutdownAll` never reaches a
    /// descriptor number that was closed and handed to someone else.
    func close(_ id: Int) {
        state.withLock { state in
            state.open.removeValue(forKey: id)?.close()
        }
    }

    /// Takes one of a bounded number of slots for answering 503 to connections over the cap; false when
    /// they are all taken, and the connection is then just closed.
    func beginRejecting() -> Bool {
        state.withLock { state in
            guard state.rejecting < maxConnections else { return false }
            state.rejecting += 1
            return true
        }
    }

    func endRejecting() {
        state.withLock { $0.rejecting -= 1 }
    }

    func requestStarted() {
        state.withLock { $0.requestsInFlight += 1 }
    }

    func requestFinished() {
        state.withLock { $0.requestsInFlight -= 1 }
    }

    /// Marks the server stopping; false if it already was.
    func beginStopping() -> Bool {
        state.withLock { state in
            defer { state.isStopping = true }
            return !state.isStopping
        }
    }

    /// Shuts every open connection down both ways, which wakes a thread blocked on it with an error or
    /// end of file, so it exits.
    func shutdownAll() {
        state.withLock { state in
            for socket in state.open.values { socket.shutdownBoth() }
        }
    }
}
