import IntakeCore
import XCTest

@testable import IntakeHTTP

final class HTTPResponseTests: XCTestCase {
    func testFieldNamesCompareWithOnlyASCIILettersFolded() {
        let table: [(String, String, Bool)] = [
            ("Content-Length", "content-length", true),
            ("X-Slack-Signature", "x-slack-SIGNATURE", true),
            ("Content-Length", "Content_Length", false),
            ("@", "`", false),
            ("[", "{", false),
            ("a1", "A1", true),
            ("Host", "Hos", false),
            ("", "", true),
            (String(repeating: "x-long-header-name-", count: 4), String(repeating: "X-LONG-HEADER-NAME-", count: 4), true),
        ]
        for (a, b, same) in table {
            XCTAssertEqual(HTTPRequest.sameName(a, b), same, "\(a) vs \(b)")
        }
    }

    private let date = "Sun, 06 Nov 1994 08:49:37 GMT"

    func testErrorResponseHasTheOneErrorShape() throws {
        let response = HTTPResponse.error(413, "body larger than 10 bytes")
        XCTAssertEqual(response.status, 413)
        XCTAssertEqual(response.reason, "Content Too Large")
        XCTAssertEqual(response.header("content-type"), "application/json")
        XCTAssertEqual(
            try JSONParser.parse(response.body),
            ["error": ["status": 413, "message": "body larger than 10 bytes"]])
    }

    func testSerializedResponseCarriesFramingOfTheServer() {
        var response = HTTPResponse.text(200, "ok")
        response.headers.append(("Content-Length", "99"))
        response.headers.append(("X-Evil", "a\r\nSet-Cookie: x"))
        let text = String(decoding: response.serialized(keepAlive: false, date: date), as: UTF8.self)
        XCTAssertEqual(
            text,
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nX-Evil: aSet-Cookie: x\r\n"
                + "Date: \(date)\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
    }

    func testNoContentAndHeadCarryNoBody() {
        let empty = String(decoding: HTTPResponse(status: 204).serialized(keepAlive: true, date: date), as: UTF8.self)
        XCTAssertEqual(empty, "HTTP/1.1 204 No Content\r\nDate: \(date)\r\n\r\n")
        let head = String(
            decoding: HTTPResponse.text(200, "abc").serialized(keepAlive: true, isHead: true, date: date), as: UTF8.self
        )
        XCTAssertTrue(head.hasSuffix("Content-Length: 3\r\n\r\n"))
    }

    func testHTTPDateIsIMFFixdate() {
        XCTAssertEqual(HTTPResponse.httpDate(784_111_777), date)
    }

    func testFieldNamesMatchIgnoringTheCaseOfASCIILettersOnly() {
        let request = HTTPRequest(method: "GET", path: "/", headers: [("X-Slack-Signature", "v0=1"), ("A@", "at")])
        XCTAssertEqual(request.header("x-slack-SIGNATURE"), "v0=1")
        XCTAssertNil(request.header("X-Slack-Signatur"))
        XCTAssertNil(request.header("a`"), "@ and ` differ by the case bit but are not letters")
        XCTAssertEqual(request.header("a@"), "at")
    }
}
