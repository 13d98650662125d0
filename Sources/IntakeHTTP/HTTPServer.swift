import Dispatch
import Foundation
import Glibc
import Synchronization

/// The webhook server: HTTP/1.1 over blocking sockets, one thread per connection.
///
/// Why threads and not an event loop: a webhook gateway has few, short, mostly keep-alive connections
/// from a handful of platforms, and its responder blocks on purpose (it answers only once the message
/// is durably committed). A thread per connection keeps each request a straight line of code with its
/// own timeouts; `maxConnections` bounds the threads, and `poll` bounds every wait.
///
/// `start()` returns once listening (`port` tells the bound port); `run()` blocks until `shutdown`;
/// `shutdown(gracePeriod:)` stops accepting, lets requests in flight finish and be answered, closes
/// idle keep-alive connections, and waits for the connection threads up to the grace period.
public final class HTTPServer: Sendable {
    /// Called after each response is written, on the connection's thread: the request, the status and
    /// the seconds from the end of the request to the end of the response. Bytes the parser refuses
    /// (400, 413, 408...) never become an `HTTPRequest`, so their error responses do not reach it.
    public typealias ResponseHook = @Sendable (_ request: HTTPRequest, _ status: Int, _ durationSeconds: Double) -> Void

    private struct Listening {
        var listener: Socket
        var stopPipe: (read: FileDescriptor, write: FileDescriptor)
        var port: UInt16
    }

    public let configuration: HTTPServerConfiguration
    private let responder: any HTTPResponder
    private let onResponse: ResponseHook?
    private let registry: ConnectionRegistry
    private let listening = Mutex<Listening?>(nil)
    /// Entered by the accept thread and by every connection thread; `shutdown` waits on it.
    private let threads = DispatchGroup()
    private let acceptLoopEnded = DispatchSemaphore(value: 0)
    /// Entered by `start`, left when `shutdown` is done; `run` waits on it.
    private let running = DispatchGroup()

    public init(configuration: HTTPServerConfiguration, responder: any HTTPResponder, onResponse: ResponseHook? = nil) {
        self.configuration = configuration
        self.responder = responder
        self.onResponse = onResponse
        registry = ConnectionRegistry(maxConnections: configuration.maxConnections)
    }

    /// The port listened on (the one the kernel picked when configured with 0); 0 before `start`.
    public var port: UInt16 { listening.withLock { $0?.port ?? 0 } }
    public var openConnections: Int { registry.openConnections }
    public var requestsInFlight: Int { registry.requestsInFlight }

    /// Binds, listens and starts accepting on a thread of its own; returns once the port is open.
    public func start() throws(Errno) {
        let listener = try Socket.listen(
            host: configuration.host, port: configuration.port, backlog: configuration.backlog)
        let stopPipe: (read: FileDescriptor, write: FileDescriptor)
        let port: UInt16
        do {
            port = try listener.localPort()
            stopPipe = try FileDescriptor.pipe()
        } catch {
            listener.close()
            throw error
        }
        listening.withLock { $0 = Listening(listener: listener, stopPipe: stopPipe, port: port) }
        running.enter()
        threads.enter()
        Thread { [self] in
            acceptLoop(listener, stopSignal: stopPipe.read)
            listener.close()
            acceptLoopEnded.signal()
            threads.leave()
        }.start()
    }

    /// Starts (unless started) and blocks until `shutdown` has finished.
    public func run() throws(Errno) {
        if listening.withLock({ $0 == nil }) { try start() }
        running.wait()
    }

    /// Stops the server; see the type's documentation. Returns once the connection threads have ended,
    /// or when the grace period is over: then the remaining connections are shut down under them.
    public func shutdown(gracePeriod: Double) {
        guard let current = listening.withLock({ $0 }), registry.beginStopping() else { return }
        try? current.stopPipe.write.writeAll([1])
        acceptLoopEnded.wait()
        var hasEnded = threads.wait(timeout: .now() + .milliseconds(Int(gracePeriod * 1000))) == .success
        if !hasEnded {
            registry.shutdownAll()
            hasEnded = threads.wait(timeout: .now() + .seconds(1)) == .success
        }
        if hasEnded {
            // A thread still blocked in the responder would poll the pipe; it stays open for it then.
            current.stopPipe.read.close()
            current.stopPipe.write.close()
        }
        running.leave()
    }

    /// SIGPIPE is ignored for the whole process: `send` already passes `MSG_NOSIGNAL`, and this covers
    /// any other write to a socket a peer has closed (a signal would kill the service).
    private static let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    private func acceptLoop(_ listener: Socket, stopSignal: FileDescriptor) {
        Self.ignoreSIGPIPE
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
            serve(accepted.socket, remote: accepted.remote, stopSignal: stopSignal)
        }
    }

    private func serve(_ socket: Socket, remote: String, stopSignal: FileDescriptor) {
        try? socket.setOption(CInt(IPPROTO_TCP), TCP_NODELAY, 1, name: "TCP_NODELAY")
        try? socket.setSendTimeout(configuration.writeTimeout)
        let connection = HTTPConnection(
            socket: socket, remoteAddress: remote, configuration: configuration, responder: responder,
            onResponse: onResponse, registry: registry, stopSignal: stopSignal)
        switch registry.admit(socket) {
        case .accepted(let id):
            threads.enter()
            Thread { [self] in
                connection.run()
                registry.close(id)
                threads.leave()
            }.start()
        case .overCapacity where registry.beginRejecting():
            threads.enter()
            Thread { [self] in
                connection.answerAndClose(.error(503, "too many connections; retry later"))
                socket.close()
                registry.endRejecting()
                threads.leave()
            }.start()
        case .overCapacity, .stopping:
            socket.close()
        }
    }
}
