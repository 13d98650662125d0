import Curl
import Foundation
import IntakeCore
import IntakeTestSupport
import XCTest

final class HTTPClientTests: XCTestCase {
    nonisolated(unsafe) private static var echo: ScriptServer?
    private var base = ""

    override class func tearDown() {
        echo?.stop()
        echo = nil
    }

    override func setUpWithError() throws {
        if Self.echo == nil {
            let port = try Loopback.freePort()
            Self.echo = try ScriptServer(script: "http_echo.py", arguments: ["\(port)"], port: port, name: "http_echo")
        }
        base = "http://127.0.0.1:\(try XCTUnwrap(Self.echo).port)"
    }

    private func echoed(_ response: HTTPResponse) throws -> JSONValue { try JSONParser.parse(response.body) }

    func testGetSendsHeadersAndReturnsStatusHeadersAndBody() throws {
        let response = try HTTPClient().request(method: "GET", url: base + "/hello?x=1", headers: [HTTPHeader(name: "X-Trace", value: "abc")])
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.value(forHeader: "content-type"), "application/json")
        XCTAssertEqual(response.headers.filter { $0.name == "X-Echo" }.count, 2)
        let echo = try echoed(response)
        XCTAssertEqual(echo["method"]?.stringValue, "GET")
        XCTAssertEqual(echo["path"]?.stringValue, "/hello?x=1")
        let headers = echo["headers"]?.arrayValue?.compactMap { $0.arrayValue?.compactMap(\.stringValue) } ?? []
        XCTAssertTrue(headers.contains(["X-Trace", "abc"]), "\(headers)")
    }

    func testPostSendsTheExactBody() throws {
        let body: [UInt8] = Array("{\"a\":1}".utf8) + [0x00, 0xFF, 0x0D, 0x0A] + Array(repeating: 0x61, count: 5000)
        let response = try HTTPClient().request(
            method: "POST", url: base + "/post", headers: [HTTPHeader(name: "Content-Type", value: "application/json")], body: body)
        let echo = try echoed(response)
        XCTAssertEqual(echo["method"]?.stringValue, "POST")
        XCTAssertEqual(echo["body_hex"]?.stringValue, body.map { String(format: "%02x", $0) }.joined())
    }

    func testOtherMethodsWithAndWithoutBody() throws {
        XCTAssertEqual(try echoed(HTTPClient().request(method: "PUT", url: base, body: [1, 2]))["method"]?.stringValue, "PUT")
        XCTAssertEqual(try echoed(HTTPClient().request(method: "DELETE", url: base))["method"]?.stringValue, "DELETE")
        let head = try HTTPClient().request(method: "HEAD", url: base)
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.body, [])
    }

    func testErrorStatusesAreResponsesNotErrors() throws {
        XCTAssertEqual(try HTTPClient().request(method: "GET", url: base + "/status/404").status, 404)
        XCTAssertEqual(try HTTPClient().request(method: "POST", url: base + "/status/503", body: []).status, 503)
    }

    func testSlowServerTimesOut() {
        XCTAssertThrowsError(try HTTPClient().request(method: "GET", url: base + "/slow", timeout: 0.3)) { error in
            XCTAssertTrue((error as? CurlError)?.isTimeout == true, "\(error)")
        }
    }

    func testOversizedResponseIsAnError() {
        let client = HTTPClient(configuration: .init(maxResponseBytes: 1000))
        XCTAssertThrowsError(try client.request(method: "GET", url: base + "/big")) { error in
            XCTAssertEqual((error as? CurlError)?.message, "response body exceeds 1000 bytes")
        }
    }

    func testConnectionRefusedIsAConnectionFailure() throws {
        let url = "http://127.0.0.1:\(try Loopback.freePort())/"
        XCTAssertThrowsError(try HTTPClient().request(method: "GET", url: url)) { error in
            XCTAssertTrue((error as? CurlError)?.isConnectionFailure == true, "\(error)")
        }
    }

    func testHeaderInjectionAndOtherSchemesAreRefused() {
        XCTAssertThrowsError(try HTTPClient().request(method: "GET", url: base, headers: [HTTPHeader(name: "X-A", value: "1\r\nX-B: 2")]))
        XCTAssertThrowsError(try HTTPClient().request(method: "GET", url: "file:///etc/passwd"))
        XCTAssertThrowsError(try HTTPClient().request(method: "GE T", url: base))
    }

    /// The outbox sends event after event to the same host: each used to open its own connection.
    func testSequentialRequestsReuseOneKeepAliveConnection() throws {
        let receiver = RecordingReceiver()
        let url = try receiver.start(in: self) + "/events"
        let client = HTTPClient()
        let opened = try (0..<5).map { i in
            let response = try client.request(method: "POST", url: url, body: Array("{\"n\":\(i)}".utf8))
            XCTAssertEqual(response.status, 200)
            return response.newConnections
        }
        XCTAssertEqual(opened, [1, 0, 0, 0, 0])
        XCTAssertEqual(receiver.received.map { String(decoding: $0.body, as: UTF8.self) }, (0..<5).map { "{\"n\":\($0)}" })
        // A copy of the client shares its idle handles, and so the connection.
        XCTAssertEqual(try { let copy = client; return try copy.request(method: "GET", url: url).newConnections }(), 0)
    }

    func testARequestAfterAFailedOneStillGetsItsAnswer() throws {
        let receiver = RecordingReceiver { request, _ in
            request.path.hasSuffix("/slow") ? { Thread.sleep(forTimeInterval: 0.5); return .json(200, ["late": true]) }() : .json(200, ["ok": true])
        }
        let base = try receiver.start(in: self)
        let client = HTTPClient()
        XCTAssertThrowsError(try client.request(method: "GET", url: base + "/slow", timeout: 0.2))
        let response = try client.request(method: "GET", url: base + "/fast")
        XCTAssertEqual(try JSONParser.parse(response.body)["ok"]?.boolValue, true)
    }

    func testOneClientServesSeveralThreadsAtOnce() {
        let client = HTTPClient()
        let url = base
        let statuses = ConcurrentResults()
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            let status = (try? client.request(method: "GET", url: url + "/status/\(200 + index)").status) ?? -1
            statuses.append(status)
        }
        XCTAssertEqual(statuses.values.sorted(), Array(200..<208))
    }
}

/// Collects results from concurrent threads. `@unchecked Sendable`: `items` is only touched under `lock`.
private final class ConcurrentResults: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Int] = []
    var values: [Int] { lock.withLock { items } }
    func append(_ value: Int) { lock.withLock { items.append(value) } }
}
