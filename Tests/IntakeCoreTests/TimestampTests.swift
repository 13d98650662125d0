import IntakeCore
import XCTest

final class TimestampTests: XCTestCase {
    func testFormatsUTC() {
        XCTAssertEqual(Timestamp(seconds: 1_732_450_000).iso8601, "2024-11-24T12:06:40Z")
        XCTAssertEqual(Timestamp(seconds: 0).iso8601, "1970-01-01T00:00:00Z")
        XCTAssertEqual(Timestamp(seconds: 951_782_400).iso8601, "2000-02-29T00:00:00Z")
    }

    func testParsesISO8601WithOffsets() {
        XCTAssertEqual(Timestamp(iso8601: "2024-11-24T12:06:40Z")?.seconds, 1_732_450_000)
        XCTAssertEqual(Timestamp(iso8601: "2024-11-24T09:06:40-03:00")?.seconds, 1_732_450_000)
        XCTAssertEqual(Timestamp(iso8601: "2024-11-24 12:06:40")?.seconds, 1_732_450_000)
        XCTAssertEqual(Timestamp(iso8601: "2024-11-24T12:06:40.123Z")?.seconds, 1_732_450_000)
        XCTAssertNil(Timestamp(iso8601: "2024-02-30T00:00:00Z"))
        XCTAssertNil(Timestamp(iso8601: "yesterday"))
    }

    /// Found by the MIME fuzzer: a Date header with a 20-digit year trapped on arithmetic overflow.
    func testOutOfRangeFieldsAreNilNotATrap() {
        XCTAssertNil(Timestamp(year: 71_737_380_644_260_340, month: 6, day: 16))
        XCTAssertNil(Timestamp(year: Int.max, month: 1, day: 1))
        XCTAssertNil(Timestamp(year: 0, month: 1, day: 1))
        XCTAssertNil(Timestamp(year: 2024, month: 1, day: 1, offsetSeconds: Int.max))
        XCTAssertEqual(Timestamp(year: 9999, month: 12, day: 31)?.iso8601, "9999-12-31T00:00:00Z")
    }

    func testExtremeSecondsFormatAndAddWithoutTrapping() {
        XCTAssertEqual(Timestamp(seconds: .min).iso8601, "0001-01-01T00:00:00Z")
        XCTAssertEqual(Timestamp(seconds: .max).iso8601, "9999-12-31T23:59:59Z")
        XCTAssertEqual(Timestamp(seconds: .max).adding(seconds: 10).seconds, .max)
        XCTAssertEqual(Timestamp(seconds: -1).iso8601, "1969-12-31T23:59:59Z")
    }
}
