import Foundation
import IntakeCore
import IntakeTestSupport
import XCTest

/// Offsets from the system's zoneinfo files (TZif, RFC 8536) and their footer rules, checked against
/// `zdump -v` of the same files.
final class ZoneInfoTests: XCTestCase {
    private func zone(_ name: String) throws -> ZoneInfo {
        let path = "/usr/share/zoneinfo/" + name
        guard let data = FileManager.default.contents(atPath: path) else { throw XCTSkip("no \(path) (tzdata)") }
        return try ZoneInfo(name: name, tzif: [UInt8](data))
    }

    func testOffsetsOfChileAndArgentina() throws {
        let santiago = try zone("America/Santiago")
        let buenosAires = try zone("America/Argentina/Buenos_Aires")
        let table: [(iso: String, santiago: Int, buenosAires: Int)] = [
            ("2024-06-03T18:00:00Z", -4, -3),  // Chile's winter
            ("2026-11-26T13:00:00Z", -3, -3),  // Chile's summer
            ("2026-04-05T02:59:59Z", -3, -3),  // zdump: the last second of summer time
            ("2026-04-05T03:00:00Z", -4, -3),
            ("2026-09-06T03:59:59Z", -4, -3),
            ("2026-09-06T04:00:00Z", -3, -3),
            ("2041-01-15T12:00:00Z", -3, -3),  // past every listed change: the footer's rule
            ("2041-07-15T12:00:00Z", -4, -3),
            ("2008-01-15T12:00:00Z", -3, -2),  // Argentina's summer time of 2007-2009
            ("1950-06-15T12:00:00Z", -4, -3),
        ]
        for c in table {
            let t = try XCTUnwrap(Timestamp(iso8601: c.iso))
            XCTAssertEqual(santiago.utcOffset(at: t), c.santiago * 3600, "Santiago \(c.iso)")
            XCTAssertEqual(buenosAires.utcOffset(at: t), c.buenosAires * 3600, "Buenos Aires \(c.iso)")
        }
        // Before the first transition: the first local time type, local mean time (zdump: -4:42:45).
        XCTAssertEqual(santiago.utcOffset(at: try XCTUnwrap(Timestamp(iso8601: "1880-01-01T00:00:00Z"))), -(4 * 3600 + 42 * 60 + 45))
    }

    /// Zones defined by their footer alone, as a slim file past its last transition.
    func testFooterRules() throws {
        let table: [(rule: String, iso: String, offset: Int)] = [
            ("<-04>4<-03>,M9.1.6/24,M4.1.6/24", "2030-02-01T00:00:00Z", -3 * 3600),
            ("<-04>4<-03>,M9.1.6/24,M4.1.6/24", "2030-06-01T00:00:00Z", -4 * 3600),
            ("EST5EDT,M3.2.0,M11.1.0", "2030-03-10T06:59:59Z", -5 * 3600),
            ("EST5EDT,M3.2.0,M11.1.0", "2030-03-10T07:00:00Z", -4 * 3600),
            ("EST5EDT,M3.2.0,M11.1.0", "2030-11-03T05:59:59Z", -4 * 3600),
            ("EST5EDT,M3.2.0,M11.1.0", "2030-11-03T06:00:00Z", -5 * 3600),
            ("CET-1CEST,M3.5.0,M10.5.0/3", "2030-07-01T00:00:00Z", 2 * 3600),
            ("<+0330>-3:30", "2030-07-01T00:00:00Z", 3 * 3600 + 1800),
            ("<-03>3", "2030-07-01T00:00:00Z", -3 * 3600),
        ]
        for c in table {
            let zone = try ZoneInfo(name: "Test", tzif: Self.slimTZif(footer: c.rule))
            XCTAssertEqual(zone.utcOffset(at: try XCTUnwrap(Timestamp(iso8601: c.iso))), c.offset, "\(c.rule) at \(c.iso)")
        }
    }

    func testWhatIsNoTZifIsRefused() {
        for bytes in [Array("not a zone".utf8), Array("TZif2".utf8), Self.slimTZif(footer: "??"), Array(Self.slimTZif(footer: "<-03>3").dropLast(2))] {
            XCTAssertThrowsError(try ZoneInfo(name: "Bad", tzif: bytes))
        }
    }

    /// A version 2 file with no transitions and one local time type (UTC-3), then `footer`.
    static func slimTZif(footer: String) -> [UInt8] {
        SlimTZif.bytes(offsetSeconds: -10_800, abbreviation: "-03", footer: footer)
    }
}
