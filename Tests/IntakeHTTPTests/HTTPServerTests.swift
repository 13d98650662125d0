import Foundation
import IntakeCore
import IntakeHTTP
import XCTest

/// Echoes what it received as JSON; `/slow` answers a second later from another thread, as a responder
/// waiting for a commit would; `/drop` never answers; `/busy` holds the loop thread for 0.3 s first (what
/// a responder must never do, used to line events up).
struct EchoResponder: HTTPResponder {
    func respond(to request: HTTPRequest, reply: HTTPReply) {
        if request.path == "/drop" { return }
        if request.path == "/busy" { Thread.sleep(forTimeInterval: 0.3) }
        guard request.path == "/slow" else { return reply.send(Self.echo(request)) }
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) { reply.send(Self.echo(request)) }
    }

    static func echo(_ request: HTTPRequest) -> HTTPResponse {
        .json(
            200,
            [
                "method": .string(request.method), "path": .string(request.path),
                "body": .string(String(decoding: request.body, as: UTF8.self)),
                "remote": .optional(request.remoteAddress),
            ])
    }
}

final class HTTPServerTests: XCTestCase {
    private func startServer(
        _ configure: (inout HTTPServerConfiguration) -> Void = { _ in },
        onResponse: HTTPServer.ResponseHook? = nil
    ) throws -> HTTPServer {
        var configuration = HTTPServerConfiguration(port: 0)
        configure(&configuration)
        let server = HTTPServer(configuration: configuration, responder: EchoResponder(), onResponse: onResponse)
        try server.start()
        addTeardownBlock { server.shutdown(gracePeriod: 5) }
        return server
    }

    func testKeepAliveServesSeveralRequestsOnOneConnection() throws {
        let server = try startServer()
        XCTAssertNotEqual(server.port, 0)
        let client = try RawClient(port: server.port)
        for index in 1...3 {
            client.send("POST /r\(index) HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi")
            let response = try client.readResponse()
            XCTAssertEqual(response.status, 200)
            XCTAssertNil(response.header("Connection"))
            let json = try JSONParser.parse(response.body)
            XCTAssertEqual(json["path"], .string("/r\(index)"))
            XCTAssertEqual(json["body"], "hi")
            XCTAssertEqual(json["remote"]?.stringValue?.hasPrefix("127.0.0.1:"), true)
        }
        client.send("GET /last HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
        let last = try client.readResponse()
        XCTAssertEqual(last.header("Connection"), "close")
        XCTAssertTrue(client.isClosedByServer())
    }

    func testPipelinedRequestsAreAnsweredInOrder() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send("GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\n\r\nGET /c HTTP/1.1\r\n"
            + "Host: a\r\nConnection: close\r\n\r\n")
        let paths = try (0..<3).map { _ in try JSONParser.parse(client.readResponse().body)["path"]?.stringValue }
        XCTAssertEqual(paths, ["/a", "/b", "/c"])
        XCTAssertTrue(client.isClosedByServer())
    }

    func testPipelinedRequestsWaitForAnAnswerGivenLaterOnAnotherThread() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\nGET /after HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
        let paths = try (0..<2).map { _ in try JSONParser.parse(client.readResponse().body)["path"]?.stringValue }
        XCTAssertEqual(paths, ["/slow", "/after"])
        XCTAssertTrue(client.isClosedByServer())
    }

    func testARequestWaitingForItsAnswerDoesNotHoldUpTheLoop() throws {
        let server = try startServer { $0.eventLoops = 1 }
        let slow = try RawClient(port: server.port)
        slow.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n")
        let quick = try RawClient(port: server.port)
        let started = Date()
        quick.send("GET /quick HTTP/1.1\r\nHost: a\r\n\r\n")
        XCTAssertEqual(try quick.readResponse().status, 200)
        XCTAssertLessThan(Date().timeIntervalSince(started), 0.5)
        XCTAssertEqual(try slow.readResponse().status, 200)
    }

    func testAReplyDroppedWithoutAnAnswerAnswers500() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send("GET /drop HTTP/1.1\r\nHost: a\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 500)
        client.send("GET /next HTTP/1.1\r\nHost: a\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 200)
    }

    func testHTTP10ConnectionClosesAfterTheResponse() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send("GET /old HTTP/1.0\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 200)
        XCTAssertTrue(client.isClosedByServer())
    }

    /// An HTTP/1.0 client (nginx's `proxy_http_version` default, ApacheBench `-k`) keeps the connection
    /// only when the response says `Connection: keep-alive`; without it, it waits for the close.
    func testHTTP10KeepAliveIsAnnouncedAndTheConnectionServesTheNextRequest() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send("GET /one HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        let first = try client.readResponse()
        XCTAssertEqual(first.status, 200)
        XCTAssertEqual(first.header("Connection"), "keep-alive")
        client.send("GET /two HTTP/1.0\r\n\r\n")
        let second = try client.readResponse()
        XCTAssertEqual(try JSONParser.parse(second.body)["path"], "/two")
        XCTAssertEqual(second.header("Connection"), "close")
        XCTAssertTrue(client.isClosedByServer())
    }

    func testAClientThatHalfClosesAfterItsRequestIsAnsweredAndClosedAtOnce() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port, timeout: 5)
        client.send("GET /last HTTP/1.1\r\nHost: a\r\n\r\n")
        client.finishSending()
        XCTAssertEqual(try client.readResponse().status, 200)
        let started = Date()
        XCTAssertTrue(client.isClosedByServer())
        XCTAssertLessThan(Date().timeIntervalSince(started), 2, "closed on end of file, not at the idle timeout")
    }

    func testARequestArrivingOneByteAtATimeIsServed() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        for byte in Array("POST /bytes HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello".utf8) {
            client.send([byte])
        }
        XCTAssertEqual(try JSONParser.parse(client.readResponse().body)["body"], "hello")
        client.send("GET /next HTTP/1.1\r\nHost: a\r\n\r\n")
        XCTAssertEqual(try JSONParser.parse(client.readResponse().body)["path"], "/next")
    }

    /// RFC 9110 §9.3.2: the answer to HEAD has the fields of the GET answer, Content-Length included, and
    /// no body; the next request's answer comes right after its head.
    func testHeadIsAnsweredWithTheLengthAndNoBody() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send("HEAD /h HTTP/1.1\r\nHost: a\r\n\r\nGET /after HTTP/1.1\r\nHost: a\r\n\r\n")
        let head = try client.readResponse(isHead: true)
        XCTAssertEqual(head.status, 200)
        XCTAssertGreaterThan(Int(head.header("Content-Length") ?? "") ?? 0, 0, "the length of the body left out")
        XCTAssertEqual(try JSONParser.parse(client.readResponse().body)["path"], "/after")
    }

    /// Every response, errors included, carries its exact Content-Length and an IMF-fixdate Date.
    func testResponsesCarryDateAndTheirLength() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send("GET /d HTTP/1.1\r\nHost: a\r\n\r\n")
        let ok = try client.readResponse()
        client.send("GET /d HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")
        let refused = try client.readResponse()
        XCTAssertEqual(refused.status, 400)
        for response in [ok, refused] {
            XCTAssertEqual(response.header("Content-Length"), String(response.body.count))
            let date = try XCTUnwrap(response.header("Date"))
            let imfFixdate = #"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$"#
            XCTAssertNotNil(date.range(of: imfFixdate, options: .regularExpression), date)
        }
        XCTAssertTrue(client.isClosedByServer())
    }

    /// Requests pipelined before a half-close are all answered, in order, before the close.
    func testPipelinedRequestsBeforeAHalfCloseAreAllAnswered() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port, timeout: 5)
        client.send("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /slow HTTP/1.1\r\nHost: a\r\n\r\n")
        client.send("POST /3 HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi")
        client.finishSending()
        let paths = try (0..<3).map { _ in try JSONParser.parse(client.readResponse().body)["path"]?.stringValue }
        XCTAssertEqual(paths, ["/1", "/slow", "/3"])
        XCTAssertTrue(client.isClosedByServer())
    }

    func testChunkedBodyReachesTheResponder() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send("POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n")
        client.send("6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n")
        let response = try client.readResponse()
        XCTAssertEqual(try JSONParser.parse(response.body)["body"], "hello world")
    }

    func testExpectContinueGets100BeforeTheBody() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send("POST /e HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 100)
        client.send("data")
        XCTAssertEqual(try JSONParser.parse(client.readResponse().body)["body"], "data")
    }

    func testAnExpectationOtherThanContinueGets417WithoutReadingTheBody() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send("POST /e HTTP/1.1\r\nHost: a\r\nExpect: 200-ok\r\nContent-Length: 4\r\n\r\n")
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 417)
        XCTAssertEqual(try JSONParser.parse(response.body)["error"]?["status"], 417)
        XCTAssertEqual(response.header("Connection"), "close")
        XCTAssertTrue(client.isClosedByServer())
    }

    /// curl sends `Expect: 100-continue` for larger bodies: one over the limit is refused at once, with
    /// no `100 Continue` first, so the client never sends it.
    func testExpectContinueOverTheLimitGets413InsteadOf100() throws {
        let server = try startServer { $0.limits.bodyBytes = 10 }
        let client = try RawClient(port: server.port)
        client.send("POST /e HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 413)
        XCTAssertTrue(client.isClosedByServer())
    }

    func testAbsoluteFormAndAsteriskFormReachTheResponder() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send("GET http://intake.example/webhooks/whatsapp?hub.mode=subscribe HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(try JSONParser.parse(client.readResponse().body)["path"], "/webhooks/whatsapp")
        client.send("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(try JSONParser.parse(client.readResponse().body)["path"], "*")
    }

    func testBadRequestLineGets400AndTheConnectionCloses() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send("GET /a b HTTP/1.1\r\nHost: a\r\n\r\n")
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 400)
        XCTAssertEqual(response.header("Connection"), "close")
        XCTAssertEqual(response.header("Content-Type"), "application/json")
        let error = try JSONParser.parse(response.body)["error"]
        XCTAssertEqual(error?["status"], 400)
        XCTAssertNotNil(error?["message"]?.stringValue)
        XCTAssertTrue(client.isClosedByServer())
    }

    func testDeclared64MiBBodyGets413WhileTheClientKeepsSending() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send("POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: \(64 << 20)\r\n\r\n")
        let piece = [UInt8](repeating: UInt8(ascii: "x"), count: 64 * 1024)
        for _ in 0..<16 where client.send(piece) {}
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 413)
        XCTAssertEqual(try JSONParser.parse(response.body)["error"]?["status"], 413)
        XCTAssertTrue(client.isClosedByServer())
    }

    func testSlowHeadersAreCutOffWith408AtTheHeaderDeadline() throws {
        let server = try startServer { $0.headerTimeout = 1 }
        let client = try RawClient(port: server.port)
        let started = Date()
        for byte in Array("GET / HTTP/1.1\r\nHost: example\r\nX-Slow: 0123456789\r\n\r\n".utf8).prefix(20) {
            guard client.send([byte]) else { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let response = try client.readResponse()
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertEqual(response.status, 408)
        XCTAssertGreaterThan(elapsed, 0.9)
        XCTAssertTrue(client.isClosedByServer())
    }

    /// RFC 9112 §2.2: some clients send an extra CRLF after a POST body. It starts no request, so the
    /// connection stays idle: no 408 at the header deadline, a quiet close at the idle one.
    func testAnExtraCRLFAfterABodyLeavesTheConnectionIdle() throws {
        let server = try startServer {
            $0.headerTimeout = 0.2
            $0.idleTimeout = 1.5
        }
        let client = try RawClient(port: server.port, timeout: 1)
        client.send("POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi\r\n")
        XCTAssertEqual(try client.readResponse().status, 200)
        XCTAssertThrowsError(try client.readResponse(), "nothing is sent while the connection is idle")
        client.send("GET /next HTTP/1.1\r\nHost: a\r\n\r\n")
        XCTAssertEqual(try JSONParser.parse(client.readResponse().body)["path"], "/next")
    }

    func testSlowBodyIsCutOffWith408AtTheBodyDeadline() throws {
        let server = try startServer { $0.bodyTimeout = 0.5 }
        let client = try RawClient(port: server.port)
        let started = Date()
        client.send("POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nab")
        for byte in Array("cdefgh".utf8) {
            guard client.send([byte]) else { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 408)
        XCTAssertEqual(try JSONParser.parse(response.body)["error"]?["status"], 408)
        XCTAssertEqual(response.header("Connection"), "close")
        XCTAssertGreaterThan(Date().timeIntervalSince(started), 0.45)
        XCTAssertTrue(client.isClosedByServer())
    }

    /// A slowloris connection holds no thread: with one loop, another client is answered at once.
    func testATricklingClientDoesNotHoldUpTheLoop() throws {
        let server = try startServer {
            $0.eventLoops = 1
            $0.headerTimeout = 3
        }
        let slow = try RawClient(port: server.port)
        slow.send("GET / HTTP/1.1\r\nHo")
        let quick = try RawClient(port: server.port)
        let started = Date()
        quick.send("GET /quick HTTP/1.1\r\nHost: a\r\n\r\n")
        XCTAssertEqual(try quick.readResponse().status, 200)
        XCTAssertLessThan(Date().timeIntervalSince(started), 0.5)
        slow.send("st: a\r\n\r\n")
        XCTAssertEqual(try slow.readResponse().status, 200)
    }

    func testIdleKeepAliveConnectionIsClosedQuietly() throws {
        let server = try startServer { $0.idleTimeout = 0.3 }
        let client = try RawClient(port: server.port)
        client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 200)
        XCTAssertTrue(client.isClosedByServer())
    }

    func testTwoHundredConcurrentClients() throws {
        let server = try startServer()
        let clients = try (0..<200).map { _ in try RawClient(port: server.port) }
        for (index, client) in clients.enumerated() {
            client.send("POST /n HTTP/1.1\r\nHost: a\r\nContent-Length: \(String(index).utf8.count)\r\n\r\n\(index)")
        }
        for (index, client) in clients.enumerated() {
            XCTAssertEqual(try JSONParser.parse(client.readResponse().body)["body"], .string(String(index)))
        }
        XCTAssertEqual(server.openConnections, 200)
    }

    func testConnectionsOverTheCapGet503() throws {
        let server = try startServer { $0.maxConnections = 2 }
        let held = try (0..<2).map { _ in try RawClient(port: server.port) }
        for client in held {
            client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
            XCTAssertEqual(try client.readResponse().status, 200)
        }
        let extra = try RawClient(port: server.port)
        extra.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
        let response = try extra.readResponse()
        XCTAssertEqual(response.status, 503)
        XCTAssertEqual(try JSONParser.parse(response.body)["error"]?["status"], 503)
        XCTAssertTrue(extra.isClosedByServer())
    }

    func testResponseHookSeesEveryAnsweredRequest() throws {
        let statuses = LockedStatuses()
        let server = try startServer(onResponse: { request, status, duration in
            XCTAssertGreaterThanOrEqual(duration, 0)
            statuses.append("\(request.path) \(status)")
        })
        let client = try RawClient(port: server.port)
        client.send("GET /one HTTP/1.1\r\nHost: a\r\n\r\n")
        _ = try client.readResponse()
        client.send("GET /two HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
        _ = try client.readResponse()
        let deadline = Date().addingTimeInterval(5)
        while statuses.values.count < 2, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertEqual(statuses.values, ["/one 200", "/two 200"])
    }

    func testGracefulShutdownFinishesSlowRequestsAndRefusesNewConnections() throws {
        let server = try startServer()
        let slow = try (0..<3).map { _ in try RawClient(port: server.port) }
        for client in slow { client.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n") }
        let idle = try RawClient(port: server.port)
        idle.send("GET /quick HTTP/1.1\r\nHost: a\r\n\r\n")
        XCTAssertEqual(try idle.readResponse().status, 200)
        let inFlight = Date().addingTimeInterval(5)
        while server.requestsInFlight < 3, Date() < inFlight { Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertEqual(server.requestsInFlight, 3)

        let stopped = expectation(description: "shutdown returned")
        Thread {
            server.shutdown(gracePeriod: 5)
            stopped.fulfill()
        }.start()
        let refused = Date().addingTimeInterval(2)
        while (try? RawClient(port: server.port)) != nil, Date() < refused { Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertThrowsError(try RawClient(port: server.port), "new connections are refused while stopping")
        XCTAssertTrue(idle.isClosedByServer(), "an idle keep-alive connection is closed")
        for client in slow {
            let response = try client.readResponse()
            XCTAssertEqual(response.status, 200)
            XCTAssertEqual(response.header("Connection"), "close")
        }
        wait(for: [stopped], timeout: 10)
        XCTAssertEqual(server.openConnections, 0)
    }

    /// A request sent just before the server stops, in the socket but not yet read by its loop, is read
    /// to its end and answered with `Connection: close`, not reset with the idle connections. The loop is
    /// held busy so that the stop reaches it before the request's readable event.
    func testShutdownFinishesARequestSentJustBeforeIt() throws {
        let server = try startServer { $0.eventLoops = 1 }
        let client = try RawClient(port: server.port)
        client.send("GET /first HTTP/1.1\r\nHost: a\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 200)
        let busy = try RawClient(port: server.port)
        busy.send("GET /busy HTTP/1.1\r\nHost: a\r\n\r\n")
        Thread.sleep(forTimeInterval: 0.1)
        client.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nhello")
        let stopped = expectation(description: "shutdown returned")
        Thread {
            server.shutdown(gracePeriod: 5)
            stopped.fulfill()
        }.start()
        Thread.sleep(forTimeInterval: 0.4)
        client.send("world")
        let response = try client.readResponse()
        XCTAssertEqual(try JSONParser.parse(response.body)["body"], "helloworld")
        XCTAssertEqual(response.header("Connection"), "close")
        XCTAssertEqual(try busy.readResponse().status, 200)
        wait(for: [stopped], timeout: 10)
    }
}

/// Collects hook calls from connection threads.
final class LockedStatuses: @unchecked Sendable {
    // @unchecked: every access to `storage` holds `lock`.
    private let lock = NSLock()
    private var storage: [String] = []

    func append(_ value: String) { lock.withLock { storage.append(value) } }
    var values: [String] { lock.withLock { storage } }
}
