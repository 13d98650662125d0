import Glibc

/// One accepted connection, served on its own thread with blocking calls: parse, respond, write, and
/// again while the client keeps the connection alive. `poll` bounds every wait by the deadline of
/// `ConnectionTimer` and wakes when the server starts stopping.
struct HTTPConnection: Sendable {
    let socket: Socket
    let remoteAddress: String
    let configuration: HTTPServerConfiguration
    let responder: any HTTPResponder
    let onResponse: (@Sendable (HTTPRequest, Int, Double) -> Void)?
    let registry: ConnectionRegistry
    /// Readable once the server is stopping.
    let stopSignal: FileDescriptor

    private static let continueResponse = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Serves requests until the connection ends; the caller closes the socket.
    func run() {
        var parser = HTTPRequestParser(limits: configuration.limits)
        var timer = ConnectionTimer(configuration: configuration, acceptedAt: MonotonicClock.now())
        var input: [UInt8] = []
        var readBuffer = [UInt8](repeating: 0, count: 16 * 1024)
        var hasSeenStop = false
        var hasSentContinue = false
        while true {
            do {
                switch try parser.parse(input) {
                case .request(var request, let leftover):
                    input = leftover
                    request.remoteAddress = remoteAddress
                    guard respond(to: request) else { return }
                    timer.requestCompleted(now: MonotonicClock.now())
                    hasSentContinue = false
                    continue
                case .needMoreData:
                    input = []
                }
            } catch {
                answerAndClose(.error(error.status, error.message))
                return
            }
            timer.observe(parser.phase, now: MonotonicClock.now())
            if parser.isAwaitingContinue && !hasSentContinue {
                hasSentContinue = true
                guard (try? socket.sendAll(Self.continueResponse)) != nil else { return }
            }
            if hasSeenStop && parser.phase == .idle { return }
            var watched = [(socket.descriptor, Poller.Events.readable)]
            if !hasSeenStop { watched.append((stopSignal, .readable)) }
            guard let ready = try? Poller.wait(watched, timeout: timer.secondsLeft(now: MonotonicClock.now())) else {
                return
            }
            let isStopSignalled = ready.count > 1 && !ready[1].isEmpty
            if isStopSignalled {
                // Stopping: an idle connection closes now, one in the middle of a request finishes it.
                hasSeenStop = true
                if parser.phase == .idle { return }
            }
            if ready[0].isEmpty {
                if isStopSignalled { continue }
                if case .requestTimeout(let message) = timer.expiry { answerAndClose(.error(408, message)) }
                return
            }
            let count = readBuffer.withUnsafeMutableBytes { try? socket.receive(into: $0) }
            guard let count, count > 0 else { return }
            input = Array(readBuffer[0..<count])
        }
    }

    /// Calls the responder and writes its answer; true when the connection stays open.
    private func respond(to request: HTTPRequest) -> Bool {
        let started = MonotonicClock.now()
        registry.requestStarted()
        let response = responder.respond(to: request)
        registry.requestFinished()
        let keepAlive = request.keepAlive && !registry.isStopping
        let bytes = response.serialized(keepAlive: keepAlive, isHead: request.method == "HEAD")
        let isSent = (try? socket.sendAll(bytes)) != nil
        onResponse?(request, response.status, MonotonicClock.now() - started)
        guard isSent else { return false }
        if !keepAlive { lingerAndDrain() }
        return keepAlive
    }

    /// Sends a response that ends the connection (a parse error, a timeout, the connection cap).
    func answerAndClose(_ response: HTTPResponse) {
        guard (try? socket.sendAll(response.serialized(keepAlive: false))) != nil else { return }
        lingerAndDrain()
    }

    /// Closing a socket with unread input makes the kernel send a reset, and a reset can destroy the
    /// response before the client reads it, typically a 413 while the client is still sending its body.
    /// So: half-close (the client reads our response, then end of file), and read and discard what it
    /// still sends until it closes or `lingerTimeout` passes (Apache's "lingering close").
    private func lingerAndDrain() {
        socket.shutdownWrite()
        let deadline = MonotonicClock.now() + configuration.lingerTimeout
        var scratch = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let left = deadline - MonotonicClock.now()
            guard left > 0, let ready = try? Poller.wait([(socket.descriptor, .readable)], timeout: left),
                !ready[0].isEmpty
            else { return }
            let count = scratch.withUnsafeMutableBytes { try? socket.receive(into: $0) }
            guard let count, count > 0 else { return }
        }
    }
}
