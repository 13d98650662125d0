/// One accepted connection, driven by its event loop: bytes in, parse, one request at a time to the
/// responder, its answer out, and again while the client keeps the connection alive. Nothing here
/// blocks; what cannot go on now waits for the next readiness event, reply, or deadline.
///
/// Pipelined requests are answered in order: the next one is parsed only once the previous answer is
/// written out. Only the loop thread touches a connection.
final class HTTPConnection {
    private enum State {
        /// Parsing (or waiting for) a request.
        case reading
        /// A request is with the responder.
        case responding
        /// A response that ends the connection is being written; then `lingering`.
        case closing
        /// Write side shut down; reading and discarding until end of file or the linger deadline.
        case lingering
        case closed
    }

    private static let continueResponse = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    let socket: Socket
    let remoteAddress: String
    /// False for a connection over the cap, which is only answered 503.
    let isAdmitted: Bool
    private unowned let loop: EventLoop
    private var parser: HTTPRequestParser
    private var timer: ConnectionTimer
    private var state = State.reading
    /// Bytes received after the request in flight (pipelining), parsed once it is answered.
    private var input: [UInt8] = []
    private var output: [UInt8] = []
    private var outputSent = 0
    /// Set while output waits for the client to read; past it the connection is dropped.
    private var writeDeadline: Double?
    private var lingerDeadline = 0.0
    /// Edge-triggered readiness: true from a readable event until a receive finds nothing more.
    private var mayRead = false
    /// The peer half-closed, hung up or failed: its end of file (or error) is there to be read after the
    /// data, and no further edge will announce it, so reading goes on until a receive returns it.
    private var isPeerDone = false
    private var hasSentContinue = false
    private var current: (request: HTTPRequest, started: Double)?

    init(socket: Socket, remoteAddress: String, isAdmitted: Bool, loop: EventLoop) {
        self.socket = socket
        self.remoteAddress = remoteAddress
        self.isAdmitted = isAdmitted
        self.loop = loop
        parser = HTTPRequestParser(limits: loop.shared.configuration.limits)
        timer = ConnectionTimer(configuration: loop.shared.configuration, acceptedAt: loop.now)
    }

    /// When the loop must look at this connection next, whatever happens meanwhile.
    var deadline: Double? {
        switch state {
        case .reading: min(writeDeadline ?? .infinity, timer.deadline)
        case .lingering: lingerDeadline
        case .responding, .closing: writeDeadline
        case .closed: nil
        }
    }

    /// Starts serving a freshly adopted connection.
    func begin() {
        if !isAdmitted { answerAndClose(.error(503, "too many connections; retry later")) }
        settle()
    }

    func handle(events: UInt32) {
        if events & (EventPoll.writable | EventPoll.closed) != 0 { flush() }
        if events & (EventPoll.readable | EventPoll.closed) != 0 { mayRead = true }
        if events & EventPoll.closed != 0 { isPeerDone = true }
        settle()
    }

    /// Runs the responder's answer to the request in flight. The builder runs even when the connection
    /// is gone, for what it records.
    func complete(_ build: () -> HTTPResponse) {
        let registry = loop.shared.registry
        registry.requestFinished()
        let response = build()
        guard state == .responding, let (request, started) = current else { return }
        current = nil
        let keepAlive = request.keepAlive && !registry.isStopping
        state = keepAlive ? .reading : .closing
        if keepAlive {
            timer.requestCompleted(now: loop.now)
            hasSentContinue = false
        }
        write(
            response.serialized(
                keepAlive: keepAlive, isHead: request.method == "HEAD", version: request.version, date: loop.date))
        loop.shared.onResponse?(request, response.status, MonotonicClock.now() - started)
        settle()
    }

    /// Stopping: a connection between requests closes now, one in the middle of a request finishes it.
    /// What is in the socket is read first: the stop can reach the loop before the readable event of a
    /// request sent just before it, and closing over unread bytes would reset that client.
    func closeIfIdle() {
        guard state == .reading else { return }
        mayRead = true
        settle()
        if state == .reading && parser.phase == .idle && input.isEmpty && outputSent == output.count { close() }
    }

    func expireIfDue() {
        let now = loop.now
        if let writeDeadline, writeDeadline <= now {
            close()
            return
        }
        switch state {
        case .reading where timer.deadline <= now:
            switch timer.expiry {
            case .closeQuietly: close()
            case .requestTimeout(let message): answerAndClose(.error(408, message))
            }
        case .lingering where lingerDeadline <= now:
            close()
        default:
            break
        }
        settle()
    }

    func close() {
        guard state != .closed else { return }
        state = .closed
        output = []
        input = []
        loop.remove(self)
    }

    /// Goes as far as the state allows, then tells the loop the next deadline.
    private func settle() {
        drive()
        loop.schedule(deadline)
    }

    private func drive() {
        while true {
            switch state {
            case .reading:
                guard outputSent == output.count else { return }
                if !input.isEmpty {
                    let pending = input
                    input = []
                    parse(pending)
                    continue
                }
                guard mayRead, let count = receive() else { return }
                parse(UnsafeRawBufferPointer(rebasing: loop.readBuffer[..<count]))
            case .lingering:
                guard mayRead, receive() != nil else { return }
            case .responding, .closing, .closed:
                return
            }
        }
    }

    /// Receives into the loop's buffer; nil when there is nothing now or the connection ended (closed).
    private func receive() -> Int? {
        switch socket.receiveNow(into: loop.readBuffer) {
        case .done(0), .failed:
            close()
            return nil
        case .done(let count):
            // A short read emptied the socket; data arriving later raises a new edge.
            if count < loop.readBuffer.count && !isPeerDone { mayRead = false }
            return count
        case .wouldBlock:
            mayRead = false
            return nil
        }
    }

    private func parse(_ bytes: some Collection<UInt8>) {
        do {
            switch try parser.parse(bytes) {
            case .request(var request, let leftover):
                input = leftover
                request.remoteAddress = remoteAddress
                start(request)
            case .needMoreData:
                timer.observe(parser.phase, now: loop.now)
                if loop.isStopping && parser.phase == .idle {
                    close()
                } else if parser.isAwaitingContinue && !hasSentContinue {
                    hasSentContinue = true
                    write(Self.continueResponse)
                }
            }
        } catch {
            answerAndClose(.error(error.status, error.message))
        }
    }

    private func start(_ request: HTTPRequest) {
        state = .responding
        current = (request, MonotonicClock.now())
        loop.shared.registry.requestStarted()
        let reply = HTTPReply(loop: loop, connection: ConnectionHandle(connection: self))
        loop.shared.responder.respond(to: request, reply: reply)
    }

    /// Sends a response that ends the connection (a parse error, a timeout, the connection cap).
    private func answerAndClose(_ response: HTTPResponse) {
        state = .closing
        write(response.serialized(keepAlive: false, date: loop.date))
    }

    private func write(_ bytes: [UInt8]) {
        if outputSent == output.count {
            output = bytes
            outputSent = 0
        } else {
            output.append(contentsOf: bytes)
        }
        flush()
    }

    private func flush() {
        guard outputSent < output.count else { return }
        while outputSent < output.count {
            let result = output.withUnsafeBytes { socket.sendNow(UnsafeRawBufferPointer(rebasing: $0[outputSent...])) }
            switch result {
            case .done(let count):
                outputSent += count
            case .wouldBlock:
                if writeDeadline == nil { writeDeadline = loop.now + loop.shared.configuration.writeTimeout }
                return
            case .failed:
                close()
                return
            }
        }
        writeDeadline = nil
        output = []
        outputSent = 0
        if state == .closing { startLingering() }
    }

    /// Closing a socket with unread input makes the kernel send a reset, and a reset can destroy the
    /// response before the client reads it, typically a 413 while the client is still sending its body.
    /// So: half-close (the client reads our response, then end of file), and read and discard what it
    /// still sends until it closes or `lingerTimeout` passes (Apache's "lingering close").
    private func startLingering() {
        socket.shutdownWrite()
        state = .lingering
        lingerDeadline = loop.now + loop.shared.configuration.lingerTimeout
    }
}
