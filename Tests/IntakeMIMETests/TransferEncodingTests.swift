import IntakeMIME
import XCTest

final class TransferEncodingTests: XCTestCase {
    func testBase64ToleratesLineBreaksGarbageAndTruncation() {
        let table: [(input: String, expected: String, warns: Bool)] = [
            ("SG9sYQ==", "Hola", false),
            ("SG9s\r\nYQ==\r\n", "Hola", false),
            ("  S G 9 s Y Q = = ", "Hola", false),
            ("SG9s!!YQ==", "Hola", true),
            ("SG9sYQ", "Hola", true),
            ("SG9sYW1", "Hola", true),
            ("SG9sYQ==SG9sYQ==", "Hola", false),
            ("", "", false),
            ("S", "", true),
        ]
        for row in table {
            var warnings: [String] = []
            let out = TransferEncoding.decodeBase64(Array(row.input.utf8), warnings: &warnings)
            XCTAssertEqual(String(decoding: out.prefix(4), as: UTF8.self), row.expected, row.input)
            XCTAssertEqual(!warnings.isEmpty, row.warns, "\(row.input): \(warnings)")
        }
    }

    /// Some mailers (PHP scripts encoding each chunk of a body apart, MMS gateways) send base64 as a run of
    /// padded pieces: `SG9sYQ==` then `IG11bmRv`. The padding ends a piece, not the body; the base64 lines that
    /// follow are the rest of the text, up to a line that is not base64 (a list footer appended to a
    /// single-part body), which is not decoded into it.
    func testBase64PaddingEndsAPieceNotTheBody() {
        let table: [(input: String, expected: String, warns: Bool)] = [
            ("SG9sYQ==\r\nIG11bmRv\r\nIQ==\r\n", "Hola mundo!", false),
            ("SG9sYQ==IG11bmRvIQ==", "Hola mundo!", false),
            ("SGk=\nSGk=\n", "HiHi", false),
            ("SG9sYQ==\r\n\r\n_______________\r\nLista mailing list\r\nhttp://x.com/l\r\n", "Hola", false),
            ("SG9sYQ==\r\nIG11bmRv\r\n-- \r\nfooter: text\r\n", "Hola mundo", false),
        ]
        for row in table {
            var warnings: [String] = []
            let out = TransferEncoding.decodeBase64(Array(row.input.utf8), warnings: &warnings)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), row.expected, row.input)
            XCTAssertEqual(!warnings.isEmpty, row.warns, "\(row.input): \(warnings)")
        }
    }

    func testQuotedPrintableSoftBreaksAndBadEscapes() {
        let table: [(String, String)] = [
            ("caf=C3=A9", "café"),
            ("caf=c3=a9", "café"),
            ("soft=\r\nbreak", "softbreak"),
            ("soft=\nbreak", "softbreak"),
            ("soft=  \r\nbreak", "softbreak"),
            ("50=% off =ZZ", "50=% off =ZZ"),
            ("trailing   \r\nnext", "trailing\r\nnext"),
            ("end=", "end"),
            ("a=3Db", "a=b"),
            ("=", ""),
            ("=4", "=4"),
        ]
        for (input, expected) in table {
            XCTAssertEqual(String(decoding: TransferEncoding.decodeQuotedPrintable(Array(input.utf8)), as: UTF8.self), expected, input)
        }
    }

    func testQuotedPrintableEncodingRoundTripsAndKeepsLinesShort() {
        let text = "Hola, Juan:\n\nRecibimos su mensaje — prioridad crítica, = signo y espacio al final \n"
            + String(repeating: "ñ", count: 60)
        let encoded = TransferEncoding.encodeQuotedPrintable(text)
        for line in String(decoding: encoded, as: UTF8.self).components(separatedBy: "\r\n") {
            XCTAssertLessThanOrEqual(line.utf8.count, 76)
        }
        let decoded = String(decoding: TransferEncoding.decodeQuotedPrintable(encoded), as: UTF8.self)
        XCTAssertEqual(decoded, text.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    func testUnknownTransferEncodingIsIdentity() {
        XCTAssertEqual(TransferEncoding(header: " Base64 "), .base64)
        XCTAssertEqual(TransferEncoding(header: "\"quoted-printable\""), .quotedPrintable)
        XCTAssertEqual(TransferEncoding(header: "x-gzip64"), .sevenBit)
        XCTAssertEqual(TransferEncoding(header: nil), .sevenBit)
    }

    /// Mailers and spam tools write `quoted-printable;` (Outlook 2003 builds), `base64 (comment)` or
    /// `7-bit`: the token before any `;` or comment is the encoding (RFC 2045 §6.1 allows comments in
    /// structured fields, RFC 5322 §3.2.2).
    func testEncodingIsTheTokenBeforeAParameterOrComment() {
        let table: [(String, TransferEncoding)] = [
            ("quoted-printable;", .quotedPrintable),
            ("base64; charset=utf-8", .base64),
            ("base64 (sent by a scanner)", .base64),
            ("(comment) Quoted-Printable", .quotedPrintable),
            ("8bit;", .eightBit),
            ("7-bit", .sevenBit),
            ("quoted printable", .quotedPrintable),
            ("Quoted_Printable", .quotedPrintable),
            ("base-64", .base64),
            ("x-uuencode", .uuencode),
        ]
        for (header, expected) in table {
            XCTAssertEqual(TransferEncoding(header: header), expected, header)
        }
    }

    /// Eudora and Outlook Express sent attachments as `x-uuencode`; read as opaque data, an attachment's
    /// size and bytes were those of its encoded text.
    func testUUEncodedBodiesAreDecoded() {
        let table: [(header: String, body: String, expected: [UInt8])] = [
            ("x-uuencode", "\r\nbegin 600 hola.txt\r\n%2&]L80H`\r\n`\r\nend\r\n", Array("Hola\n".utf8)),
            ("uuencode", "begin 644 b.bin\n#`0(#\n`\nend\n", [0x01, 0x02, 0x03]),
            ("x-uue", "begin 644 cat.txt\n#0V%T\n \nend\n", Array("Cat".utf8)),
            ("X-UUENCODE", "no begin line here", Array("no begin line here".utf8)),
        ]
        for row in table {
            var warnings: [String] = []
            let encoding = TransferEncoding(header: row.header)
            XCTAssertEqual(encoding, .uuencode, row.header)
            XCTAssertEqual(encoding.decode(Array(row.body.utf8)[...], warnings: &warnings), row.expected, row.body)
        }
    }
}
