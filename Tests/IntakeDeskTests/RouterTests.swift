import IntakeCore
import IntakeTestSupport
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

    /// A typo or a wrong type in the directory is refused naming the key: read as absent, `whatsap`
    /// dropped the invited numbers and `"priority_floor": 3` the floor without a word.
    func testADirectoryWithAnUnknownKeyOrAWrongTypeIsRefused() throws {
        let table: [(entry: String, error: String)] = [
            (#""whatsap": ["+54 9 11 1111-2222"]"#, "`customers[0].whatsap`: unknown key"),
            (#""priorty_floor": "high""#, "`customers[0].priorty_floor`: unknown key"),
            (#""priority_floor": 3"#, "`customers[0].priority_floor`: expected a string"),
            (#""contract": true"#, "`customers[0].contract`: expected a string"),
            (#""contract_status": "paused""#, "`customers[0].contract_status`: `paused` is not active, inactive or suspended"),
            (#""locale": "fr""#, "`customers[0].locale`: `fr` is not es or en (the languages of our notices)"),
            (#""slack_channel": 12"#, "`customers[0].slack_channel`: expected a string"),
            (#""focal_point": "Juan""#, "`customers[0].focal_point`: expected a JSON object"),
            (#""focal_point": {"name": "Juan", "phone_number": "+54 9 11 5276-9999"}"#, "`customers[0].focal_point.phone_number`: unknown key"),
            (#""phones": "+54 11 4321-5000""#, "`customers[0].phones`: expected an array"),
            (#""emails": [1]"#, "`customers[0].emails`: expected an array of strings"),
        ]
        for c in table {
            let json = try JSONParser.parse(#"{"customers": [{"id": "acme", "#  + c.entry + "}]}")
            XCTAssertThrowsError(try CustomerDirectory(json: json), c.entry) { XCTAssertEqual("\($0)", c.error, c.entry) }
        }
        let outside = try JSONParser.parse(#"{"_comment": "ok", "customer": [], "customers": []}"#)
        XCTAssertThrowsError(try CustomerDirectory(json: outside)) { XCTAssertEqual("\($0)", "`customer`: unknown key") }
        let fine = try JSONParser.parse(#"{"_comment": "x", "customers": [{"id": "a", "_note": "y", "contract_status": "Suspended", "locale": "en-GB"}]}"#)
        let a = try XCTUnwrap(try CustomerDirectory(json: fine).customer(id: "a"))
        XCTAssertEqual(a.contract, .suspended)
        XCTAssertEqual(a.locale, "en-GB")
    }

    /// A customer's numbers written without their area code, as people there write them, route with the
    /// customer's `area_code`; an area code that is none is refused naming the key.
    func testNumbersWithoutAreaCodeRouteWithTheCustomersAreaCode() throws {
        let json = try JSONParser.parse(#"{"customers": [{"id": "telecall", "area_code": "0351", "phones": ["422-7000"], "whatsapp": ["15 612-3456"]}]}"#)
        let directory = try CustomerDirectory(json: json)
        XCTAssertEqual(directory.problems(), [])
        let router = Router(directory: directory)
        XCTAssertEqual(router.route(InboundMessage(channel: .phone, externalID: nil, sender: .init(id: "+543514227000"))).customer?.id, "telecall")
        XCTAssertEqual(router.route(InboundMessage(channel: .whatsapp, externalID: nil, sender: .init(id: "+5493516123456"))).customer?.id, "telecall")
        let without = try JSONParser.parse(#"{"customers": [{"id": "telecall", "phones": ["422-7000"]}]}"#)
        XCTAssertEqual(try CustomerDirectory(json: without).problems().count, 1)
        let bad = try JSONParser.parse(#"{"customers": [{"id": "telecall", "area_code": "54"}]}"#)
        XCTAssertThrowsError(try CustomerDirectory(json: bad)) {
            XCTAssertEqual("\($0)", "`customers[0].area_code`: `54` is no Argentine area code (11, 351, 2944: 2 to 4 digits after the 0)")
        }
    }

    /// `time_zone` names a zone of the system's zoneinfo; anything else is refused naming the key.
    func testACustomersTimeZoneComesFromTheSystemsZoneinfo() throws {
        let zoneinfo = { (name: String) -> [UInt8]? in
            name == "America/Santiago" ? ZoneInfoSample.santiago : name == "Broken/Zone" ? Array("not TZif".utf8) : nil
        }
        let json = try JSONParser.parse(#"{"customers": [{"id": "andes", "time_zone": "America/Santiago"}]}"#)
        let andes = try XCTUnwrap(try CustomerDirectory(json: json, zoneInfo: zoneinfo).customer(id: "andes"))
        XCTAssertEqual(andes.timeZone?.description, "America/Santiago")
        XCTAssertEqual(andes.timeZone?.offsetSeconds(at: Timestamp(seconds: 1_750_000_000)), -4 * 3600)
        let table: [(zone: String, error: String)] = [
            ("Chile/Santiago", "`customers[0].time_zone`: `Chile/Santiago` is no time zone of the system's zoneinfo (like America/Santiago)"),
            ("-03:00", "`customers[0].time_zone`: `-03:00` is no time zone of the system's zoneinfo (like America/Santiago)"),
            ("Broken/Zone", "`customers[0].time_zone`: `Broken/Zone`: not a TZif file"),
        ]
        for c in table {
            let bad = try JSONParser.parse(#"{"customers": [{"id": "andes", "time_zone": ""#  + c.zone + #""}]}"#)
            XCTAssertThrowsError(try CustomerDirectory(json: bad, zoneInfo: zoneinfo), c.zone) { XCTAssertEqual("\($0)", c.error) }
        }
    }
}

/// Santiago's zone as a slim TZif file would give it past its listed changes: UTC-4, UTC-3 from the first
/// Saturday of September at 24:00 to the first Saturday of April at 24:00.
enum ZoneInfoSample {
    static let santiago = SlimTZif.bytes(offsetSeconds: -14_400, abbreviation: "-04", footer: "<-04>4<-03>,M9.1.6/24,M4.1.6/24")
}
