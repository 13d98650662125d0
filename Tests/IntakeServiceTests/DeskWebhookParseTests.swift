import IntakeCore
@testable import IntakeService
import XCTest

/// The desk's status callback, read from our shape and from a Zammad trigger's.
final class DeskWebhookParseTests: XCTestCase {
    func testShapes() throws {
        let table: [(String, DeskWebhook.Callback?)] = [
            (#"{"ticket":"INT-1042","status":"resolved","note":"ok"}"#, .init(number: "INT-1042", status: .resolved, note: "ok")),
            (#"{"ticket":"[#INT-1042]","status":"Cerrado"}"#, .init(number: "INT-1042", status: .closed)),
            (#"{"ticket":{"number":"31001","title":"Consola caída [#INT-7]","state":"pending reminder"}}"#, .init(number: "INT-7", status: .pending)),
            (#"{"ticket":{"title":"Re: [#INT-7] x","state":{"name":"open"}}}"#, .init(number: "INT-7", status: .open)),
            // Zammad's done state is our resolved, and leaves a closed ticket closed; merged is final.
            (#"{"ticket":{"title":"[#INT-7] x","state":"closed"}}"#, .init(number: "INT-7", status: .resolved, keepsClosed: true)),
            (#"{"ticket":{"title":"[#INT-7] x","state":{"name":"Closed"}}}"#, .init(number: "INT-7", status: .resolved, keepsClosed: true)),
            (#"{"ticket":{"title":"[#INT-7] x","state":"merged"}}"#, .init(number: "INT-7", status: .closed)),
            (#"{"ticket":{"number":"31001","title":"no tag","state":"closed"}}"#, nil),
            (#"{"ticket":"INT-1","status":"listo"}"#, nil),
            (#"{"ticket":"INT-1"}"#, nil),
            (#"{"status":"closed"}"#, nil),
            (#"["INT-1","closed"]"#, nil),
            ("not json", nil),
        ]
        for (body, expected) in table {
            let parsed = try? DeskWebhook.parse(Array(body.utf8), ticketPrefix: "INT")
            XCTAssertEqual(parsed, expected, body)
        }
    }
}
