import Foundation
import Glibc
import Synchronization

/// One event loop: a thread that waits in `epoll_wait` on the connections it owns and drives each one
/// (read, parse, hand the request to the responder, write the answer) without ever blocking.
///
/// Other threads talk to it only through `submit`: a task queue behind a lock plus an eventfd that is
/// written only when the queue was empty, so a burst of answers from the database writer costs one
/// wake-up, not one per request. Everything else here is touched by the loop thread alone, hence
/// `@unchecked Sendable`.
final class EventLoop: @unchecked Sendable {
    enum Task {
        /// A connection from the acceptor; not `admitted` means over the cap: answer 503 and close.
        case adopt(Socket, remote: String, admitted: Bool)
        /// A responder's answer to the request in flight on that connection.
        case reply(ConnectionHandle, @Sendable () -> HTTPResponse)
        /// The server is stopping: close idle connections, finish the others, then end.
        case stop
        /// The grace period is over: close everything and end.
        case closeAll
    }

    /// What every connection of every loop shares.
    struct Shared: Sendable {
        let configuration: HTTPServerConfiguration
        let responder: any HTTPResponder
        let onResponse: HTTPServer.ResponseHook?
        let registry: ConnectionRegistry
    }

    private struct Inbox {
        var tasks: [Task] = []
        var isClosed = false
    }

    private static let wakeToken = UInt64.max
    private static let readBufferSize = 64 * 1024

    let shared: Shared
    private let poll: EventPoll
    private let wake: WakeSignal
    private let inbox = Mutex(Inbox())
    /// The loop thread's `pthread_self()`, so a reply given on the loop thread skips the lock and the
    /// eventfd; 0 before the thread starts and after it ends.
    private let loopThread = Atomic<UInt>(0)

    /// Tasks submitted on the loop thread itself (a responder that answered at once).
    private var local: [Task] = []
    private var connections: [CInt: HTTPConnection] = [:]
    private var nextSweep = Double.infinity
    private var dateSecond: time_t = 0
    private(set) var now = MonotonicClock.now()
    /// The `Date` field of this second, formatted once per second rather than per response.
    private(set) var date = ""
    private(set) var isStopping = false
    private var isClosingAll = false
    /// Where every connection of the loop receives into; parsed before the next receive.
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: readBufferSize, alignment: 16)

    init(shared: Shared) throws(Errno) {
        self.shared = shared
        poll = try EventPoll.create()
        do {
            wake = try WakeSignal.create()
        } catch {
            poll.descriptor.close()
            throw error
        }
        do {
            try poll.add(wake.descriptor, events: EventPoll.readable, token: Self.wakeToken)
        } catch {
            poll.descriptor.close()
            wake.descriptor.close()
            throw error
        }
    }

    deinit {
        readBuffer.deallocate()
    }

    /// Starts the loop thread; `onExit` runs on it once the loop has ended and released everything.
    func start(name: String, onExit: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            run()
            onExit()
        }
        thread.name = name
        thread.start()
    }

    /// Closes the descriptors of a loop whose thread was never started (the server failed to start).
    func releaseUnstarted() {
        wake.descriptor.close()
        poll.descriptor.close()
    }

    /// Hands `task` to the loop from any thread. After the loop ended, a reply is dropped and an adopted
    /// socket is closed.
    func submit(_ task: Task) {
        if loopThread.load(ordering: .relaxed) == UInt(pthread_self()) {
            local.append(task)
            return
        }
        let wasEmpty = inbox.withLock { inbox -> Bool? in
            guard !inbox.isClosed else { return nil }
            inbox.tasks.append(task)
            return inbox.tasks.count == 1
        }
        switch wasEmpty {
        case true?: wake.signal()
        case false?: break
        case nil: discard(task)
        }
    }

    /// Notes a connection's next deadline; the loop sweeps when the earliest one is due.
    func schedule(_ deadline: Double?) {
        if let deadline, deadline < nextSweep { nextSweep = deadline }
    }

    /// Forgets and closes a connection (called by the connection itself).
    func remove(_ connection: HTTPConnection) {
        connections.removeValue(forKey: connection.socket.rawValue)
        connection.socket.close()
        if connection.isAdmitted { shared.registry.closed() } else { shared.registry.endRejecting() }
    }

    private func run() {
        loopThread.store(UInt(pthread_self()), ordering: .relaxed)
        let events = EventPoll.Events(capacity: 256)
        tick()
        while !isClosingAll && !(isStopping && connections.isEmpty) {
            let count = poll.wait(into: events, milliseconds: timeoutMilliseconds())
            tick()
            // Answers first: they are cheap and put the clients' next requests on the way, while new
            // requests (parse, verify, normalize, prepare) are the expensive part of the iteration.
            performSubmittedTasks()
            for index in 0..<count {
                let token = events.token(at: index)
                if token == Self.wakeToken {
                    wake.drain()
                } else if let connection = connections[CInt(truncatingIfNeeded: token)] {
                    connection.handle(events: events.events(at: index))
                }
            }
            performSubmittedTasks()
            runLocalTasks()
            if now >= nextSweep { sweep() }
        }
        end()
    }

    private func performSubmittedTasks() {
        let tasks = inbox.withLock { inbox in
            defer { inbox.tasks.removeAll(keepingCapacity: true) }
            return inbox.tasks
        }
        for task in tasks { perform(task) }
    }

    private func runLocalTasks() {
        while !local.isEmpty {
            let batch = local
            local.removeAll(keepingCapacity: true)
            for task in batch { perform(task) }
        }
    }

    private func tick() {
        now = MonotonicClock.now()
        let second = time(nil)
        if second != dateSecond {
            dateSecond = second
            date = HTTPResponse.httpDate(second)
        }
    }

    private func timeoutMilliseconds() -> CInt {
        guard nextSweep.isFinite else { return -1 }
        return CInt(min(max(0, (nextSweep - MonotonicClock.now()) * 1000).rounded(.up), Double(CInt.max)))
    }

    private func perform(_ task: Task) {
        switch task {
        case .adopt(let socket, let remote, let admitted):
            adopt(socket, remote: remote, admitted: admitted)
        case .reply(let handle, let build):
            handle.connection.complete(build)
        case .stop:
            isStopping = true
            for connection in Array(connections.values) { connection.closeIfIdle() }
        case .closeAll:
            isClosingAll = true
        }
    }

    private func adopt(_ socket: Socket, remote: String, admitted: Bool) {
        let connection = HTTPConnection(socket: socket, remoteAddress: remote, isAdmitted: admitted, loop: self)
        connections[socket.rawValue] = connection
        let events = EventPoll.readable | EventPoll.writable | EventPoll.closed | EventPoll.edgeTriggered
        guard (try? poll.add(socket.descriptor, events: events, token: UInt64(socket.rawValue))) != nil,
            !(isStopping && admitted)
        else {
            connection.close()
            return
        }
        connection.begin()
    }

    /// Expires every connection whose deadline passed and finds the next one.
    private func sweep() {
        nextSweep = .infinity
        for connection in Array(connections.values) {
            connection.expireIfDue()
        }
        for connection in connections.values { schedule(connection.deadline) }
    }

    /// Closes what is left, refuses further tasks, and releases the descriptors.
    private func end() {
        for connection in Array(connections.values) { connection.close() }
        // From here a task submitted even on this thread (a reply dropped by a discarded task) goes to
        // the closed inbox and is discarded at once.
        loopThread.store(0, ordering: .relaxed)
        let leftover = inbox.withLock { inbox in
            inbox.isClosed = true
            defer { inbox.tasks = [] }
            return inbox.tasks
        }
        let pendingLocal = local
        local = []
        for task in leftover + pendingLocal { discard(task) }
        wake.descriptor.close()
        poll.descriptor.close()
    }

    private func discard(_ task: Task) {
        switch task {
        case .adopt(let socket, _, let admitted):
            socket.close()
            if admitted { shared.registry.closed() } else { shared.registry.endRejecting() }
        case .reply(_, let build):
            // The connection is gone; the builder still runs for what it records (metrics, logs).
            shared.registry.requestFinished()
            _ = build()
        case .stop, .closeAll:
            break
        }
    }
}
