import IntakeCore
import IntakeDesk
import XCTest

final class RouterTests: XCTestCase {
    func testEverySenderKindRoutes() {
        let router = Router(directory: DeskFixture.directory)
        let table: [(InboundMessage, String?)] = [
            (InboundMessage(channel: .email, externalID: nil, sender: .init(id: "ana@acme.com.ar")), "acme"),
            (InboundMessage(channel: .email, externalID: nil, sender: .init(id: "x@soporte.acme.com.ar")), "acme"),
            (InboundMessage(channel: .email, externalID: nil, sender: .init(id: "x@gmail.com")), nil),
            (InboundMessage(channel: .whatsapp, externalID: nil, sender: .init(id: "+5491152769999")), "acme"),
            (InboundMessage(channel: .whatsapp, externalID: nil, sender: .init(id: "+541152769999")), "acme"),
            (InboundMessage(channel: .phone, externalID: nil, sender: .init(id: "+541143215000")), "acme"),
            (InboundMessage(channel: .phone, externalID: nil, sender: .init(id: "+56987654321")), "andes"),
            (InboundMessage(channel: .slack, externalID: nil, sender: .init(id: "U9"), conversation: "C0ANDES"), "andes"),
            (InboundMessage(channel: .slack, externalID: nil, sender: .init(id: "U9"), conversation: "C0OTHER"), nil),
        ]
        for (m, expected) in table {
            XCTAssertEqual(router.route(m).customer?.id, expected, "\(m.channel) \(m.sender.id)")
        }
    }

    func testDirectoryCheckFindsConflictsAndBadNumbers() throws {
        let json = try JSONParser.parse("""
            {"customers": [
              {"id": "a", "domains": ["x.com"], "phones": ["+54 11 4321-5000"]},
              {"id": "b", "domains": ["X.com"], "whatsapp": ["011 4321-5000", "not a number"]}
            ]}
            """)
        let problems = try CustomerDirectory(json: json).problems()
        XCTAssertTrue(problems.contains { $0.contains("domain x.com") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("number") && $0.contains("claimed") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("`not a number`") }, "\(problems)")
    }

    /// A public mail provider's domain as a customer's would route everyone there to that customer.
    func testAPublicMailDomainIsNoCustomersDomain() throws {
        let json = try JSONParser.parse("""
            {"customers": [{"id": "a", "domains": ["acme.com.ar", "Gmail.com"], "emails": ["juan.perez@gmail.com"]}]}
            """)
        XCTAssertEqual(try CustomerDirectory(json: json).problems(),
                       ["a: domain gmail.com is a public mail provider's: every sender there would be a's (list the people under `emails`)"])
    }
}
