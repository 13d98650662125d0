import IntakeCore
import XCTest

final class LocalTimeZoneTests: XCTestCase {
    private static func wall(_ text: String) throws -> Timestamp { try XCTUnwrap(Timestamp(iso8601: text + "Z")) }

    /// Santiago changes at midnight: summer time (UTC-3) ends on the first Sunday of April (00:00 becomes
    /// Saturday's 23:00, so 23:00–23:59 happens twice: the first is read) and starts on the first Sunday of
    /// September (00:00 becomes 01:00: 00:00–00:59 never happens, and is read as winter time).
    func testALocalTimeNamesTheInstantOfItsZonesOffsetThatDay() throws {
        let santiago = try XCTUnwrap(LocalTimeZone(identifier: "America/Santiago"))
        let table: [(zone: LocalTimeZone, local: String, utc: String)] = [
            (santiago, "2024-01-15T10:00:00", "2024-01-15T13:00:00Z"),
            (santiago, "2024-07-05T10:00:00", "2024-07-05T14:00:00Z"),
            (santiago, "2024-04-06T22:59:59", "2024-04-07T01:59:59Z"),
            (santiago, "2024-04-06T23:30:00", "2024-04-07T02:30:00Z"),
            (santiago, "2024-04-07T00:00:00", "2024-04-07T04:00:00Z"),
            (santiago, "2024-09-07T23:59:59", "2024-09-08T03:59:59Z"),
            (santiago, "2024-09-08T00:30:00", "2024-09-08T04:30:00Z"),
            (santiago, "2024-09-08T01:00:00", "2024-09-08T04:00:00Z"),
            (.argentina, "2024-07-05T10:00:00", "2024-07-05T13:00:00Z"),
            (try XCTUnwrap(LocalTimeZone(identifier: "America/Argentina/Buenos_Aires")), "2024-07-05T10:00:00", "2024-07-05T13:00:00Z"),
            (LocalTimeZone(offsetSeconds: 0), "2024-07-05T10:00:00", "2024-07-05T10:00:00Z"),
        ]
        for (zone, local, utc) in table {
            let instant = zone.instant(ofLocal: try Self.wall(local))
            XCTAssertEqual(instant.iso8601, utc, "\(zone) \(local)")
            if local != "2024-09-08T00:30:00" {
                XCTAssertEqual(zone.local(instant).iso8601, local + "Z", "\(zone) \(utc) shown")
            }
        }
    }

    func testOnlyZonesTheSystemKnowsAreAccepted() {
        XCTAssertNil(LocalTimeZone(identifier: "America/Nowhere"))
        XCTAssertNil(LocalTimeZone(identifier: "-03:00"))
        XCTAssertNil(LocalTimeZone(identifier: ""))
        XCTAssertEqual(LocalTimeZone(identifier: "America/Santiago")?.description, "America/Santiago")
        XCTAssertEqual(LocalTimeZone.argentina.description, "-03:00")
        XCTAssertEqual(LocalTimeZone(offsetSeconds: 5 * 3600 + 1800).description, "+05:30")
    }
}
