import Foundation
public import IntakeCore
public import IntakeHTTP
import Synchronization
public import XCTest

/// A real HTTP listener on 127.0.0.1 (our `HTTPServer` on port 0) that records every request and
/// answers what `answer` says: a stand-in for the desk, Slack or Meta that can fail on purpose.
public final class RecordingReceiver: HTTPResponder, Sendable {
    private let requests = Mutex<[HTTPRequest]>([])
    private let answer: @Sendable (HTTPRequest, Int) -> IntakeHTTP.HTTPResponse
    private let server = Mutex<HTTPServer?>(nil)

    /// `answer` gets the request and how many came before it.
    public init(answer: @escaping @Sendable (HTTPRequest, Int) -> IntakeHTTP.HTTPResponse = { _, _ in .json(200, ["ok": true]) }) {
        self.answer = answer
    }

    /// `answer` runs on a Dispatch queue, not the server's event loop, so a test's answer may wait.
    public func respond(to request: HTTPRequest, reply: HTTPReply) {
        let index = requests.withLock { list in
            list.append(request)
            return list.count - 1
        }
        DispatchQueue.global().async { [answer] in reply.send(answer(request, index)) }
    }

    public var received: [HTTPRequest] { requests.withLock { $0 } }

    /// Starts listening and registers the shutdown with the test case.
    public func start(in test: XCTestCase) throws -> String {
        let s = HTTPServer(configuration: HTTPServerConfiguration(port: 0), responder: self)
        try s.start()
        server.withLock { $0 = s }
        test.addTeardownBlock { s.shutdown(gracePeriod: 2) }
        return "http://127.0.0.1:\(s.port)"
    }

    /// A URL nothing listens on: a port we bound and released.
    public static func closedURL() throws -> String {
        let s = HTTPServer(configuration: HTTPServerConfiguration(port: 0), responder: RecordingReceiver())
        try s.start()
        let port = s.port
        s.shutdown(gracePeriod: 1)
        return "http://127.0.0.1:\(port)"
    }
}

extension HTTPRequest {
    /// The body parsed as JSON, or nil.
    public var json: JSONValue? { try? JSONParser.parse(body) }
}
