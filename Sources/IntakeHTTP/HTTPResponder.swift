/// What the server calls for each request, on that connection's own thread. It may block (waiting for
/// a database group commit, say): only that one connection waits, nothing else.
public protocol HTTPResponder: Sendable {
    func respond(to request: HTTPRequest) -> HTTPResponse
}
