import Synchronization

/// The answer to one request, given once from any thread. The response is built and written on the
/// connection's event loop thread, so whatever the builder does (serializing JSON, logging, metrics)
/// runs there and not on the thread that called (a database writer, say).
///
/// A reply dropped without an answer answers 500, so a responder bug cannot leave a connection waiting
/// forever.
public final class HTTPReply: Sendable {
    private let loop: EventLoop
    private let connection: ConnectionHandle
    private let isAnswered = Atomic<Bool>(false)

    init(loop: EventLoop, connection: ConnectionHandle) {
        self.loop = loop
        self.connection = connection
    }

    /// Answers with what `build` returns; `build` runs on the loop thread. Only the first call counts.
    public func respond(_ build: @escaping @Sendable () -> HTTPResponse) {
        guard !isAnswered.exchange(true, ordering: .acquiringAndReleasing) else { return }
        loop.submit(.reply(connection, build))
    }

    /// Answers with `response`. Only the first call counts.
    public func send(_ response: HTTPResponse) {
        respond { response }
    }

    deinit {
        if !isAnswered.load(ordering: .acquiring) {
            loop.submit(.reply(connection, { .error(500, "the request was dropped without an answer") }))
        }
    }
}

/// A connection passed across threads inside a reply; only its own loop thread dereferences it.
struct ConnectionHandle: @unchecked Sendable {
    let connection: HTTPConnection
}
