import IntakeCore
import IntakeMIME
import XCTest

final class MailDateTests: XCTestCase {
    func testReadsEveryRFC5322FormIncludingObsoleteOnes() {
        let table: [(String, String?)] = [
            ("Mon, 3 Jun 2024 10:15:42 -0300", "2024-06-03T13:15:42Z"),
            ("3 Jun 2024 10:15:42 -0300", "2024-06-03T13:15:42Z"),
            ("Mon, 03 Jun 2024 10:15 +0000", "2024-06-03T10:15:00Z"),
            ("Mon, 3 Jun 2024 10:15:42 -0300 (ART)", "2024-06-03T13:15:42Z"),
            ("  Mon ,  3   Jun  2024  10:15:42  +0200  ", "2024-06-03T08:15:42Z"),
            ("Mon, 3 Jun 2024 10:15:42 GMT", "2024-06-03T10:15:42Z"),
            ("Mon, 3 Jun 2024 10:15:42 UT", "2024-06-03T10:15:42Z"),
            ("Mon, 3 Jun 2024 10:15:42 UTC", "2024-06-03T10:15:42Z"),
            ("Mon, 3 Jun 2024 10:15:42 EST", "2024-06-03T15:15:42Z"),
            ("Mon, 3 Jun 2024 10:15:42 EDT", "2024-06-03T14:15:42Z"),
            ("Mon, 3 Jun 2024 10:15:42 CST", "2024-06-03T16:15:42Z"),
            ("Mon, 3 Jun 2024 10:15:42 CDT", "2024-06-03T15:15:42Z"),
            ("Mon, 3 Jun 2024 10:15:42 MST", "2024-06-03T17:15:42Z"),
            ("Mon, 3 Jun 2024 10:15:42 MDT", "2024-06-03T16:15:42Z"),
            ("Mon, 3 Jun 2024 10:15:42 PST", "2024-06-03T18:15:42Z"),
            ("Mon, 3 Jun 2024 10:15:42 PDT", "2024-06-03T17:15:42Z"),
            ("Mon, 3 Jun 2024 10:15:42 A", "2024-06-03T10:15:42Z"),
            ("Mon, 3 Jun 2024 10:15:42 Z", "2024-06-03T10:15:42Z"),
            ("3 Jun 24 10:15 EDT", "2024-06-03T14:15:00Z"),
            ("Fri, 31 Dec 99 23:59:59 GMT", "1999-12-31T23:59:59Z"),
            ("1 Jan 49 00:00:00 +0000", "2049-01-01T00:00:00Z"),
            ("1 Jan 50 00:00:00 +0000", "1950-01-01T00:00:00Z"),
            ("1 Jan 103 00:00:00 +0000", "2003-01-01T00:00:00Z"),
            ("Wed Jun 19 08:30:00 2024", "2024-06-19T08:30:00Z"),
            ("Mon, 3 Jun 2024 10:15:42.123 +05:30", "2024-06-03T04:45:42Z"),
            ("Mon, 3 June 2024 10:15:42 +0000", "2024-06-03T10:15:42Z"),
            ("Mon, 3 Jun 2024 10:15:42", "2024-06-03T10:15:42Z"),
            ("Thu, 29 Feb 2024 23:00:00 -0300", "2024-03-01T02:00:00Z"),
            ("Tue Jul 01 2003 10:52:37 GMT+0200 (CEST)", "2003-07-01T08:52:37Z"),
            ("Tue, 1 Jul 2003 10:52:37 UTC-03:00", "2003-07-01T13:52:37Z"),
            ("Tue, 1 Jul 2003 10:52:37 GMTX", "2003-07-01T10:52:37Z"),
            ("2024-06-03T10:15:42-03:00", "2024-06-03T13:15:42Z"),
            (" 2024-06-03 10:15:42Z", "2024-06-03T10:15:42Z"),
            ("2024-06-03 10:15:42 -0300", "2024-06-03T13:15:42Z"),
            ("2024-06-03 10:15:42 +0000 UTC", "2024-06-03T10:15:42Z"),
            ("2024-06-03 10:15:42.123456789 -0300 -03", "2024-06-03T13:15:42Z"),
            ("2024-06-03 10:15:42 ART", "2024-06-03T13:15:42Z"),
            ("2024-06-03 10:15:42 GMT-3", "2024-06-03T13:15:42Z"),
            ("2024-06-03 10:15:42 later", nil),
            ("2024-06-03", nil),
            ("2024-13-03T10:15:42Z", nil),
            ("sometime last week", nil),
            ("Mon, 31 Feb 2024 10:00:00 +0000", nil),
            ("Mon, 3 Jun 2024 25:00:00 +0000", nil),
            ("", nil),
        ]
        for (input, expected) in table {
            XCTAssertEqual(MailDate.parse(input)?.iso8601, expected, input)
        }
    }

    /// Not RFC 5322, but sent: scripts that format the date in the server's locale (PHP `strftime` with a
    /// Spanish locale), tools that print a 12-hour clock, IMAP's `dd-Mon-yyyy`, mailers that write the time
    /// `HH.MM.SS` (Python's email.utils reads it too). Read rather than lose the date.
    func testReadsSpanishNamesA12HourClockAndIMAPDates() {
        let table: [(String, String?)] = [
            ("lun, 03 ene 2024 10:00:00 -0300", "2024-01-03T13:00:00Z"),
            ("mar, 04 jun 2024 10:00:00 -0300", "2024-06-04T13:00:00Z"),
            ("mié, 14 ago 2024 09:30:00 -0300", "2024-08-14T12:30:00Z"),
            ("vie, 20 dic. 2024 18:00 -0300", "2024-12-20T21:00:00Z"),
            ("5 abril 2024 08:00:00 -0300", "2024-04-05T11:00:00Z"),
            ("Tue, 5 Mar 2024 08:00:00 -0300", "2024-03-05T11:00:00Z"),
            ("Tue, 4 Jun 2024 3:15:00 PM -0300", "2024-06-04T18:15:00Z"),
            ("Tue, 4 Jun 2024 12:05:00 AM +0000", "2024-06-04T00:05:00Z"),
            ("Tue, 4 Jun 2024 12:05:00 pm +0000", "2024-06-04T12:05:00Z"),
            ("Tue, 4 Jun 2024 13:05:00 PM +0000", "2024-06-04T13:05:00Z"),
            ("03-Jun-2024 10:15:42 -0300", "2024-06-03T13:15:42Z"),
            (" 3-Jun-2024 10:15:42 +0000", "2024-06-03T10:15:42Z"),
            ("03-Foo-2024 10:15:42 -0300", nil),
            ("Mon, 3 Jun 2024 10.15.42 -0300", "2024-06-03T13:15:42Z"),
            ("Mon, 3 Jun 2024 9.05 -0300", "2024-06-03T12:05:00Z"),
            ("Mon, 3 Jun 2024 10.5.42 -0300", nil),
        ]
        for (input, expected) in table {
            XCTAssertEqual(MailDate.parse(input)?.iso8601, expected, input)
        }
    }

    /// `date` on a server in Buenos Aires prints `Mon Jun  3 10:00:00 ART 2024`, and cron scripts and old
    /// mailers put that in Date; Chilean, Uruguayan, Brazilian and European servers likewise write their zone
    /// names. RFC 5322 §4.3 reads an unknown zone name as -0000 unless its meaning is known out of band:
    /// these are (and a `GMT-3` with a one-digit hour), so the time was 3 hours off before.
    func testReadsTheZoneNamesOfLatinAmericanAndEuropeanServers() {
        let table: [(String, String?)] = [
            ("Mon Jun  3 10:00:00 ART 2024", "2024-06-03T13:00:00Z"),
            ("Mon, 3 Jun 2024 10:00:00 ART", "2024-06-03T13:00:00Z"),
            ("Mon, 3 Jun 2024 10:00:00 CLT", "2024-06-03T14:00:00Z"),
            ("Mon, 9 Dec 2024 10:00:00 CLST", "2024-12-09T13:00:00Z"),
            ("Mon, 3 Jun 2024 10:00:00 UYT", "2024-06-03T13:00:00Z"),
            ("Mon, 3 Jun 2024 10:00:00 BRT", "2024-06-03T13:00:00Z"),
            ("Mon, 3 Jun 2024 10:00:00 PYT", "2024-06-03T14:00:00Z"),
            ("Mon, 3 Jun 2024 10:00:00 BOT", "2024-06-03T14:00:00Z"),
            ("Mon, 3 Jun 2024 10:00:00 PET", "2024-06-03T15:00:00Z"),
            ("Mon, 3 Jun 2024 10:00:00 COT", "2024-06-03T15:00:00Z"),
            ("Mon, 3 Jun 2024 10:00:00 VET", "2024-06-03T14:00:00Z"),
            ("Mon, 3 Jun 2024 10:00:00 CEST", "2024-06-03T08:00:00Z"),
            ("Mon, 9 Dec 2024 10:00:00 CET", "2024-12-09T09:00:00Z"),
            ("Mon, 3 Jun 2024 10:00:00 BST", "2024-06-03T09:00:00Z"),
            ("Mon, 3 Jun 2024 10:00:00 GMT-3", "2024-06-03T13:00:00Z"),
            ("Mon, 3 Jun 2024 10:00:00 UTC+2", "2024-06-03T08:00:00Z"),
            ("Mon, 3 Jun 2024 10:00:00 -0300 (ART)", "2024-06-03T13:00:00Z"),
            ("Mon, 3 Jun 2024 10:00:00 XYZT", "2024-06-03T10:00:00Z"),
        ]
        for (input, expected) in table {
            XCTAssertEqual(MailDate.parse(input)?.iso8601, expected, input)
        }
    }

    func testFormatsADateHeaderThatReadsBack() {
        let t = Timestamp(seconds: 1_717_420_542)
        XCTAssertEqual(MailDate.format(t), "Mon, 03 Jun 2024 13:15:42 +0000")
        XCTAssertEqual(MailDate.format(t, offsetSeconds: -10_800), "Mon, 03 Jun 2024 10:15:42 -0300")
        XCTAssertEqual(MailDate.parse(MailDate.format(t, offsetSeconds: -10_800)), t)
    }
}
