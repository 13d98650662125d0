import IntakeHTTP
import XCTest

final class HTTPRequestParserTests: XCTestCase {
    /// One row: raw request text (`\n` written as `\r\n` unless `raw`), and the status it must fail with,
    /// or nil when it must parse.
    struct Row {
        let name: String
        let text: String
        let status: Int?
        let file: StaticString
        let line: UInt

        init(_ name: String, _ text: String, _ status: Int?, file: StaticString = #filePath, line: UInt = #line) {
            self.name = name
            self.text = text
            self.status = status
            self.file = file
            self.line = line
        }
    }

    static let smallLimits = HTTPLimits(
        requestLineBytes: 64, fieldBytes: 64, headerBytes: 160, fieldCount: 4, bodyBytes: 32, chunkLineBytes: 32)

    func testRequestLines() {
        check([
            Row("get", "GET / HTTP/1.1\r\nHost: a\r\n\r\n", nil),
            Row("post with query", "POST /webhooks/slack?x=1 HTTP/1.1\r\nHost: a\r\n\r\n", nil),
            Row("http/1.0", "GET /a HTTP/1.0\r\n\r\n", nil),
            Row("extension method", "PURGE /a HTTP/1.1\r\nHost: a\r\n\r\n", nil),
            Row("leading empty line", "\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", nil),
            Row("bare LF line endings", "GET / HTTP/1.1\nHost: a\n\n", nil),
            Row("two spaces", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
            Row("no version", "GET /\r\n\r\n", 400),
            Row("http/0.9 style", "GET /\r\n", 400),
            Row("absolute form", "GET http://a/ HTTP/1.1\r\nHost: a\r\n\r\n", nil),
            Row("absolute form, no path", "GET HTTPS://a.example:8443?x=1 HTTP/1.1\r\nHost: a\r\n\r\n", nil),
            Row("absolute form, no authority", "GET http:///a HTTP/1.1\r\nHost: a\r\n\r\n", 400),
            Row("absolute form, other scheme", "GET ftp://a/ HTTP/1.1\r\nHost: a\r\n\r\n", 400),
            Row("authority form", "CONNECT a.example:443 HTTP/1.1\r\nHost: a\r\n\r\n", 400),
            Row("asterisk form", "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n", nil),
            Row("asterisk form, not OPTIONS", "GET * HTTP/1.1\r\nHost: a\r\n\r\n", 400),
            Row("lowercase version", "GET / http/1.1\r\n\r\n", 400),
            Row("version 2", "GET / HTTP/2.0\r\n\r\n", 505),
            Row("version 0.9", "GET / HTTP/0.9\r\n\r\n", 505),
            // RFC 9110 §2.5: a higher minor version of a major version we implement is read as ours.
            Row("version 1.2", "GET / HTTP/1.2\r\nHost: a\r\n\r\n", nil),
            Row("version 1.9", "GET / HTTP/1.9\r\nHost: a\r\n\r\n", nil),
            Row("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505),
            Row("method with slash", "G/T / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
            Row("empty method", " / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
            Row("control in target", "GET /a\u{01}b HTTP/1.1\r\nHost: a\r\n\r\n", 400),
            Row("trailing space", "GET / HTTP/1.1 \r\n\r\n", 400),
            Row("bare CR", "GET /\r HTTP/1.1\r\nHost: a\r\n\r\n", 400),
            Row("request line too long", "GET /\(String(repeating: "a", count: 80)) HTTP/1.1\r\nHost: a\r\n\r\n", 414),
            Row("endless request line", "GET /\(String(repeating: "a", count: 80))", 414),
            Row("endless empty lines", String(repeating: "\r\n", count: 40), 400),
        ])
    }

    func testHeaderFields() {
        check([
            Row("fields", "GET / HTTP/1.1\r\nHost: a\r\nX-Empty:\r\nX-Tab:\tv\t\r\n\r\n", nil),
            Row("obs-text value", "GET / HTTP/1.1\r\nHost: a\r\nX: caf\u{E9}\r\n\r\n", nil),
            Row("space before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400),
            Row("obs-fold", "GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n  b\r\n\r\n", 400),
            Row("leading whitespace first field", "GET / HTTP/1.1\r\n Host: a\r\n\r\n", 400),
            Row("no colon", "GET / HTTP/1.1\r\nHost\r\n\r\n", 400),
            Row("empty name", "GET / HTTP/1.1\r\nHost: a\r\n: a\r\n\r\n", 400),
            Row("bad name byte", "GET / HTTP/1.1\r\nHost: a\r\nX(y): a\r\n\r\n", 400),
            Row("NUL in value", "GET / HTTP/1.1\r\nHost: a\r\nX: a\u{0}b\r\n\r\n", 400),
            Row("bare CR in value", "GET / HTTP/1.1\r\nHost: a\r\nX: a\rb\r\n\r\n", 400),
            Row("missing host", "GET / HTTP/1.1\r\n\r\n", 400),
            Row("missing host, version 1.2", "GET / HTTP/1.2\r\n\r\n", 400),
            Row("two hosts", "GET / HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n", 400),
            Row("empty host", "GET / HTTP/1.1\r\nHost:\r\n\r\n", nil),
            Row("host and port", "GET / HTTP/1.1\r\nHost: intake.example:8080\r\n\r\n", nil),
            Row("IPv6 host", "GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n", nil),
            Row("host with a path", "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", 400),
            Row("host with userinfo", "GET / HTTP/1.1\r\nHost: u@a\r\n\r\n", 400),
            Row("host with a space", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", 400),
            Row("HTTP/1.0 without host", "GET / HTTP/1.0\r\n\r\n", nil),
            Row("expect 100-continue", "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\n"
                + "Content-Length: 0\r\n\r\n", nil),
            Row("empty expect", "GET / HTTP/1.1\r\nHost: a\r\nExpect:\r\n\r\n", nil),
            Row("other expectation", "POST / HTTP/1.1\r\nHost: a\r\nExpect: 200-ok\r\nContent-Length: 0\r\n\r\n", 417),
            Row("continue and another", "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue, x\r\n"
                + "Content-Length: 0\r\n\r\n", 417),
            Row("field too long", "GET / HTTP/1.1\r\nHost: a\r\nX: \(String(repeating: "v", count: 70))\r\n\r\n", 431),
            Row("too many fields", "GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 1\r\nC: 1\r\nD: 1\r\nE: 1\r\n\r\n", 431),
            Row(
                "header block too large",
                "GET / HTTP/1.1\r\n"
                    + "Host: a\r\n" + String(repeating: "X: \(String(repeating: "v", count: 50))\r\n", count: 4), 431),
        ])
    }

    func testBodyFraming() {
        check([
            Row("content-length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello", nil),
            Row("zero length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n", nil),
            Row("leading zeros", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 005\r\n\r\nhello", nil),
            Row("equal duplicates", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 5\r\n"
                + "\r\nhello", nil),
            Row("equal list", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\nhello", nil),
            Row("conflicting", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n"
                + "hello!", 400),
            Row("conflicting list", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 6\r\n\r\nhello!", 400),
            Row("signed", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\nhello", 400),
            Row("hex", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x5\r\n\r\nhello", 400),
            Row("empty", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n\r\n", 400),
            Row("over the limit", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 33\r\n\r\n", 413),
            Row("huge", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999999\r\n\r\n", 413),
            Row("eighteen digits", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 999999999999999999\r\n\r\n", 413),
            Row("two equal fields", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\ncontent-length: 5\r\n"
                + "\r\nhello", nil),
            Row("two different fields", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n"
                + "Content-Length: 6\r\n\r\nhello!", 400),
            Row("empty value", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \r\n\r\n", 400),
            Row(
                "CL and TE", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n"
                    + "\r\n0\r\n\r\n", 400),
            Row(
                "TE and CL", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n"
                    + "\r\n0\r\n\r\n", 400),
            Row("gzip alone", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", 400),
            Row("gzip, chunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n"
                + "\r\n", 501),
            Row("chunked, gzip", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", 400),
            Row(
                "chunked twice", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n",
                400),
            Row("empty TE", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: \r\n\r\n", 400),
            Row("TE in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
            Row("Chunked capitalized", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n0\r\n"
                + "\r\n", nil),
        ])
    }

    func testChunkedBodies() {
        check([
            Row(
                "chunks", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1\r\n"
                    + "!\r\n0\r\n\r\n", nil),
            Row(
                "uppercase hex", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nA\r\n"
                    + "0123456789\r\n0\r\n\r\n",
                nil),
            Row(
                "extensions",
                "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;a=b;c ; d = \"q\\\"s\"\r\n"
                    + "hello\r\n0;last\r\n\r\n",
                nil),
            Row(
                "trailers",
                "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\nX-Sum: 1\r\n"
                    + "Y: 2\r\n\r\n", nil),
            Row("no size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n\r\nhello\r\n0\r\n"
                + "\r\n", 400),
            Row("negative size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\n"
                + "hello\r\n0\r\n\r\n", 400),
            Row(
                "size with space", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5 \r\n"
                    + "hello\r\n0\r\n\r\n", 400),
            Row(
                "data longer than size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n"
                    + "hello\r\n0\r\n\r\n",
                400),
            Row(
                "unterminated quote",
                "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;a=\"b\r\nhello\r\n0\r\n\r\n", 400),
            Row(
                "extension without name",
                "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;=b\r\nhello\r\n0\r\n\r\n", 400),
            Row("chunk over limit", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n21\r\n", 413),
            Row(
                "total over limit",
                "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n"
                    + "10\r\n0123456789abcdef\r\n1\r\n",
                413),
            Row("huge size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "ffffffffffffffffffffff\r\n", 413),
            Row(
                "chunk line too long",
                "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "1;\(String(repeating: "a", count: 40))\r\n", 400),
            Row("bad trailer", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX : 1\r\n"
                + "\r\n", 400),
        ])
    }

    func testParsedFields() throws {
        let text =
            "POST /webhooks/slack/events?team=T1&a=b+c HTTP/1.1\r\nHost: x\r\nX-Sig: one\r\nx-sig:  two \r\n"
            + "Content-Length: 4\r\n\r\nbody"
        let request = try XCTUnwrap(parseWhole(text).request)
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.path, "/webhooks/slack/events")
        XCTAssertEqual(request.query, "team=T1&a=b+c")
        XCTAssertEqual(request.queryItems.map(\.name), ["team", "a"])
        XCTAssertEqual(request.queryItems.map(\.value), ["T1", "b c"])
        XCTAssertEqual(request.version, .http11)
        XCTAssertEqual(request.headers.map(\.name), ["Host", "X-Sig", "x-sig", "Content-Length"])
        XCTAssertEqual(request.header("X-SIG"), "one")
        XCTAssertEqual(request.headers(named: "x-sig"), ["one", "two"])
        XCTAssertNil(request.header("Missing"))
        XCTAssertEqual(request.body, Array("body".utf8))
        XCTAssertTrue(request.keepAlive)
    }

    /// RFC 9112 §3.2.2: a server must accept the absolute-form (a client that takes us for a proxy, or a
    /// proxy that forwards it as received); routes see its path and query.
    func testAbsoluteFormTargetGivesItsPathAndQuery() throws {
        let cases: [(String, String, String?)] = [
            ("http://intake.example/webhooks/whatsapp?hub.mode=subscribe", "/webhooks/whatsapp", "hub.mode=subscribe"),
            ("https://intake.example:8443", "/", nil),
            ("HTTP://intake.example?a=b", "/", "a=b"),
            ("*", "*", nil),
        ]
        for (target, path, query) in cases {
            let method = target == "*" ? "OPTIONS" : "GET"
            let text = "\(method) \(target) HTTP/1.1\r\nHost: a\r\n\r\n"
            let request = try XCTUnwrap(parseWhole(text, limits: HTTPLimits()).request, target)
            XCTAssertEqual(request.path, path, target)
            XCTAssertEqual(request.query, query, target)
        }
    }

    /// Meta's verification GET: the path stays as sent (routes compare it so), the query is decoded as
    /// a form (`+` is a space, `%XX` UTF-8).
    func testPercentEncodedPathStaysAndQueryIsDecoded() throws {
        let text =
            "GET /webhooks/whats%61pp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=t%C3%B3ken+x"
            + " HTTP/1.1\r\nHost: a\r\n\r\n"
        let request = try XCTUnwrap(parseWhole(text, limits: HTTPLimits()).request)
        XCTAssertEqual(request.path, "/webhooks/whats%61pp")
        XCTAssertEqual(request.queryItems.map(\.name), ["hub.mode", "hub.challenge", "hub.verify_token"])
        XCTAssertEqual(request.queryItems.map(\.value), ["subscribe", "1158201444", "t\u{F3}ken x"])
    }

    func testChunkedBodyAndTrailersAreKept() throws {
        let text =
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n6\r\n world\r\n"
                + "0\r\nX-Checksum: abc\r\n\r\n"
        let request = try XCTUnwrap(parseWhole(text).request)
        XCTAssertEqual(String(decoding: request.body, as: UTF8.self), "hello world")
        XCTAssertEqual(request.trailers.map(\.name), ["X-Checksum"])
        XCTAssertEqual(request.trailers.map(\.value), ["abc"])
        XCTAssertNil(request.header("X-Checksum"))
    }

    func testKeepAliveFollowsVersionAndConnection() throws {
        let cases: [(String, Bool)] = [
            ("GET / HTTP/1.1\r\nHost: a\r\n\r\n", true),
            ("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", false),
            ("GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, Close\r\n\r\n", false),
            ("GET / HTTP/1.0\r\n\r\n", false),
            ("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", true),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(try XCTUnwrap(parseWhole(text).request).keepAlive, expected, text)
        }
    }

    func testPipelinedRequestsComeOneAtATimeWithTheRest() throws {
        let text =
            "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nPOST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\n"
                + "abcGET /3 HTTP/1.1\r\nHost: a\r\n\r\nGET /4"
        var parser = HTTPRequestParser()
        var input = Array(text.utf8)
        var paths: [String] = []
        while case .request(let request, let leftover) = try parser.parse(input) {
            paths.append(request.path)
            input = leftover
        }
        XCTAssertEqual(paths, ["/1", "/2", "/3"])
        XCTAssertEqual(parser.phase, .head)
        guard case .request(let last, let rest) = try parser.parse(Array(" HTTP/1.1\r\nHost: a\r\n\r\n".utf8)) else {
            return XCTFail("the fourth request should complete")
        }
        XCTAssertEqual(last.path, "/4")
        XCTAssertEqual(rest, [])
    }

    func testPhaseFollowsTheRequest() throws {
        var parser = HTTPRequestParser()
        XCTAssertEqual(parser.phase, .idle)
        _ = try parser.parse(Array("POST / HTTP/1.1\r\nHost: a\r\n".utf8))
        XCTAssertEqual(parser.phase, .head)
        _ = try parser.parse(Array("Expect: 100-continue\r\nContent-Length: 2\r\n\r\n".utf8))
        XCTAssertEqual(parser.phase, .body)
        XCTAssertTrue(parser.isAwaitingContinue)
        guard case .request = try parser.parse(Array("ok".utf8)) else { return XCTFail("request should complete") }
        XCTAssertEqual(parser.phase, .idle)
    }

    func testEmptyLinesBeforeARequestKeepTheParserIdle() throws {
        var parser = HTTPRequestParser()
        _ = try parser.parse(Array("\r\n\r".utf8))
        XCTAssertEqual(parser.phase, .idle)
        _ = try parser.parse(Array("\nG".utf8))
        XCTAssertEqual(parser.phase, .head)
    }

    func testAFailedParserKeepsFailing() {
        var parser = HTTPRequestParser()
        XCTAssertThrowsError(try parser.parse(Array("BAD\r\n".utf8)))
        XCTAssertThrowsError(try parser.parse(Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8)))
    }

    func testErrorsMapToStatuses() {
        XCTAssertEqual(HTTPParseError.malformed("x").status, 400)
        XCTAssertEqual(HTTPParseError.requestLineTooLong(limit: 1).status, 414)
        XCTAssertEqual(HTTPParseError.bodyTooLarge(limit: 1).status, 413)
        XCTAssertEqual(HTTPParseError.headersTooLarge("x").status, 431)
        XCTAssertEqual(HTTPParseError.unsupportedTransferCoding("gzip").status, 501)
        XCTAssertEqual(HTTPParseError.unsupportedVersion("HTTP/2.0").status, 505)
        XCTAssertEqual(HTTPParseError.unsupportedExpectation("x").status, 417)
        XCTAssertEqual(HTTPParseError.bodyTooLarge(limit: 32).message, "body larger than 32 bytes")
    }

    // MARK: - Helpers

    enum Outcome: Equatable {
        case request(String)
        case failure(Int)
        case incomplete

        var status: Int? { if case .failure(let status) = self { status } else { nil } }
    }

    struct Parsed {
        let request: HTTPRequest?
        let outcome: Outcome
    }

    /// Parses every row whole and byte by byte; both must agree with the row.
    private func check(_ rows: [Row]) {
        for row in rows {
            let whole = parseWhole(row.text)
            let trickled = parseByteByByte(row.text)
            XCTAssertEqual(
                whole.outcome.status, row.status, "\(row.name): \(whole.outcome)", file: row.file, line: row.line)
            if row.status == nil, case .incomplete = whole.outcome {
                XCTFail("\(row.name): incomplete", file: row.file, line: row.line)
            }
            XCTAssertEqual(whole.outcome, trickled.outcome, "\(row.name): byte by byte", file: row.file, line: row.line)
            XCTAssertEqual(
                whole.request?.body, trickled.request?.body, "\(row.name): body", file: row.file, line: row.line)
        }
    }

    private func parseWhole(_ text: String, limits: HTTPLimits = smallLimits) -> Parsed {
        var parser = HTTPRequestParser(limits: limits)
        do {
            switch try parser.parse(Array(text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })) {
            case .request(let request, _): return Parsed(request: request, outcome: .request(request.path))
            case .needMoreData: return Parsed(request: nil, outcome: .incomplete)
            }
        } catch {
            return Parsed(request: nil, outcome: .failure(error.status))
        }
    }

    private func parseByteByByte(_ text: String) -> Parsed {
        var parser = HTTPRequestParser(limits: Self.smallLimits)
        do {
            for scalar in text.unicodeScalars {
                if case .request(let request, _) = try parser.parse([UInt8(truncatingIfNeeded: scalar.value)]) {
                    return Parsed(request: request, outcome: .request(request.path))
                }
            }
            return Parsed(request: nil, outcome: .incomplete)
        } catch {
            return Parsed(request: nil, outcome: .failure(error.status))
        }
    }
}

extension HTTPRequestParserTests {
    /// Every byte as a header name: only RFC 9110 `tchar` parses.
    func testHeaderNameBytesAreTokenCharacters() throws {
        let tchars = Set(Array("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8))
        for byte in UInt8.min...UInt8.max where byte != UInt8(ascii: ":") && byte != 10 {
            var parser = HTTPRequestParser()
            let bytes = Array("GET / HTTP/1.1\r\nHost: a\r\nA".utf8) + [byte] + Array(": v\r\n\r\n".utf8)
            let result = try? parser.parse(bytes)
            XCTAssertEqual(result != nil, tchars.contains(byte), "byte \(byte)")
        }
    }
}
