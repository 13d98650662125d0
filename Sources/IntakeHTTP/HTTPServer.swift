import Dispatch
import Foundation
import Glibc
import Synchronization

/// The webhook server: HTTP/1.1 on a few event loops (one per processor by default).
///
/// Why loops and not a thread per connection: each webhook is answered only once its payload is durably
/// committed, and the commit is shared by every request that arrived meanwhile (group commit). With a
/// thread per connection every request paid several thread switches (wake on data, sleep until the
/// commit, wake again), which cost more than the request itself. An event loop owns many non-blocking
/// connections; a request waiting for its commit holds no thread, and the writer's answers for a whole
/// batch reach a loop with one wake-up. Responders must therefore never block the loop (see
/// `HTTPResponder`).
///
/// An acceptor thread accepts and hands connections round-robin to the loops. `start()` returns once
/// listening (`port` tells the bound port); `run()` blocks until `shutdown`; `shutdown(gracePeriod:)`
/// stops accepting, lets requests in flight finish and be answered, closes idle keep-alive connections,
/// and waits for the loops up to the grace period.
public final class HTTPServer: Sendable {
    /// Called after each response is written, on the connection's loop thread: the request, the status
    /// and the seconds from the end of the request to the end of the response. Bytes the parser refuses
    /// (400, 413, 408...) never become an `HTTPRequest`, so their error responses do not reach it.
    public typealias ResponseHook = @Sendable (_ request: HTTPRequest, _ status: Int, _ durationSeconds: Double) -> Void

    private struct Listening {
        var listener: Socket
        var stopPipe: (read: FileDescriptor, write: FileDescriptor)
        var port: UInt16
        var loops: [EventLoop]
    }

    public let configuration: HTTPServerConfiguration
    private let shared: EventLoop.Shared
    private let registry: ConnectionRegistry
    private let listening = Mutex<Listening?>(nil)
    /// Entered by every loop thread; `shutdown` waits on it.
    private let loopThreads = DispatchGroup()
    private let acceptLoopEnded = DispatchSemaphore(value: 0)
    /// Entered by `start`, left when `shutdown` is done; `run` waits on it.
    private let running = DispatchGroup()

    public init(configuration: HTTPServerConfiguration, responder: any HTTPResponder, onResponse: ResponseHook? = nil) {
        self.configuration = configuration
        registry = ConnectionRegistry(maxConnections: configuration.maxConnections)
        shared = EventLoop.Shared(
            configuration: configuration, responder: responder, onResponse: onResponse, registry: registry)
    }

    /// The port listened on (the one the kernel picked when configured with 0); 0 before `start`.
    public var port: UInt16 { listening.withLock { $0?.port ?? 0 } }
    public var openConnections: Int { registry.openConnections }
    public var requestsInFlight: Int { registry.requestsInFlight }

    /// Binds, listens, starts the loops and the acceptor thread; returns once the port is open.
    public func start() throws(Errno) {
        Self.ignoreSIGPIPE
        let listener = try Socket.listen(
            host: configuration.host, port: configuration.port, backlog: configuration.backlog)
        let stopPipe: (read: FileDescriptor, write: FileDescriptor)
        let port: UInt16
        var created: [EventLoop] = []
        do {
            port = try listener.localPort()
            for _ in 0..<loopCount() { created.append(try EventLoop(shared: shared)) }
            stopPipe = try FileDescriptor.pipe()
        } catch {
            for loop in created { loop.releaseUnstarted() }
            listener.close()
            throw error
        }
        let loops = created
        listening.withLock { $0 = Listening(listener: listener, stopPipe: stopPipe, port: port, loops: loops) }
        running.enter()
        for (index, loop) in loops.enumerated() {
            loopThreads.enter()
            loop.start(name: "intake.http-loop-\(index)") { [loopThreads] in loopThreads.leave() }
        }
        let acceptor = Thread { [self] in
            acceptLoop(listener, stopSignal: stopPipe.read, loops: loops)
            listener.close()
            acceptLoopEnded.signal()
        }
        acceptor.name = "intake.http-accept"
        acceptor.start()
    }

    /// Starts (unless started) and blocks until `shutdown` has finished.
    public func run() throws(Errno) {
        if listening.withLock({ $0 == nil }) { try start() }
        running.wait()
    }

    /// Stops the server; see the type's documentation. Returns once the loops have ended, or when the
    /// grace period is over: then the remaining connections are closed under them.
    public func shutdown(gracePeriod: Double) {
        guard let current = listening.withLock({ $0 }), registry.beginStopping() else { return }
        try? current.stopPipe.write.writeAll([1])
        acceptLoopEnded.wait()
        current.stopPipe.read.close()
        current.stopPipe.write.close()
        for loop in current.loops { loop.submit(.stop) }
        if loopThreads.wait(timeout: .now() + .milliseconds(Int(gracePeriod * 1000))) == .timedOut {
            for loop in current.loops { loop.submit(.closeAll) }
            _ = loopThreads.wait(timeout: .now() + .seconds(1))
        }
        running.leave()
    }

    private func loopCount() -> Int {
        configuration.eventLoops > 0 ? configuration.eventLoops : max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// SIGPIPE is ignored for the whole process: `send` already passes `MSG_NOSIGNAL`, and this covers
    /// any other write to a socket a peer has closed (a signal would kill the service).
    private static let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    private func acceptLoop(_ listener: Socket, stopSignal: FileDescriptor, loops: [EventLoop]) {
        var next = 0
        while !registry.isStopping {
            guard
                let ready = try? Poller.wait(
                    [(listener.descriptor, .readable), (stopSignal, .readable)], timeout: nil),
                ready[1].isEmpty
            else { return }
            let accepted: (socket: Socket, remote: String)
            do {
                accepted = try listener.accept()
            } catch {
                // Out of descriptors or memory: back off instead of spinning on a listener that stays ready.
                if [EMFILE, ENFILE, ENOBUFS, ENOMEM].contains(error.code) { usleep(10_000) }
                continue
            }
            let socket = accepted.socket
            switch registry.admit() {
            case .accepted:
                try? socket.setOption(CInt(IPPROTO_TCP), TCP_NODELAY, 1, name: "TCP_NODELAY")
                loops[next].submit(.adopt(socket, remote: accepted.remote, admitted: true))
                next = (next + 1) % loops.count
            case .overCapacity where registry.beginRejecting():
                loops[next].submit(.adopt(socket, remote: accepted.remote, admitted: false))
                next = (next + 1) % loops.count
            case .overCapacity, .stopping:
                socket.close()
            }
        }
    }
}
