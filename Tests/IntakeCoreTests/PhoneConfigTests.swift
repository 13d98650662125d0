import IntakeCore
import XCTest

/// The `phone` section of `config/gateway.json`.
final class PhoneConfigTests: XCTestCase {
    private func config(_ phone: String) throws(ConfigError) -> GatewayConfig {
        try GatewayConfig(json: (try? JSONParser.parse(#"{"phone": \#(phone)}"#)) ?? .null)
    }

    func testThePhoneSectionTakesAnOffsetOrAZoneButNotBoth() throws {
        XCTAssertEqual(try config(#"{}"#).phone.cdrTimeZone, .argentina)
        XCTAssertEqual(try config(#"{"cdr_utc_offset": "-04:00"}"#).phone.cdrTimeZone, LocalTimeZone(offsetSeconds: -4 * 3600))
        XCTAssertEqual(try config(#"{"cdr_time_zone": "America/Santiago"}"#).phone.cdrTimeZone, LocalTimeZone(identifier: "America/Santiago"))
        XCTAssertThrowsError(try config(#"{"cdr_time_zone": "Santiago"}"#)) {
            XCTAssertEqual(($0 as? ConfigError)?.key, "phone.cdr_time_zone")
        }
        XCTAssertThrowsError(try config(#"{"cdr_time_zone": "America/Santiago", "cdr_utc_offset": "-04:00"}"#)) {
            XCTAssertEqual(($0 as? ConfigError)?.problem, "set either cdr_utc_offset or cdr_time_zone, not both")
        }
    }

    func testThePhoneSectionTakesTheLinesArgentineAreaCode() throws {
        XCTAssertNil(try config(#"{}"#).phone.localAreaCode)
        XCTAssertEqual(try config(#"{"local_area_code": "341"}"#).phone.localAreaCode, "341")
        for bad in [#"{"local_area_code": "011"}"#, #"{"local_area_code": "15"}"#, #"{"local_area_code": "4555"}"#,
                    #"{"default_country": "56", "local_area_code": "11"}"#] {
            XCTAssertThrowsError(try config(bad), bad) { XCTAssertEqual(($0 as? ConfigError)?.key, "phone.local_area_code", bad) }
        }
    }
}
