/// What the server calls for each request, on the connection's event loop thread. It must not block
/// that thread (every connection of the loop would wait): it answers through `reply`, at once or later
/// from any thread (a database group commit, say), exactly once.
public protocol HTTPResponder: Sendable {
    func respond(to request: HTTPRequest, reply: HTTPReply)
}

/// A responder that answers at once and cheaply (errors, a health check, a test's echo): it runs on the
/// loop thread, so it must not block either.
public protocol SyncHTTPResponder: HTTPResponder {
    func respond(to request: HTTPRequest) -> HTTPResponse
}

extension SyncHTTPResponder {
    public func respond(to request: HTTPRequest, reply: HTTPReply) {
        reply.send(respond(to: request))
    }
}
