import Foundation
import IntakeCore
import IntakeMIME
import IntakeTestSupport
import XCTest

final class MIMEMessageTests: XCTestCase {
    func testHeadersKeepOrderRepeatsAndFolding() {
        let raw = "Received: a\r\nReceived: b\r\nSubject: one\r\n two\r\nNo colon here\r\nX-Empty:\r\n\r\nbody"
        let message = MIMEMessage.parse(Array(raw.utf8))
        XCTAssertEqual(message.headers.values("received"), ["a", "b"])
        XCTAssertEqual(message.headers["SUBJECT"], "one two")
        XCTAssertEqual(message.headers["x-empty"], "")
        XCTAssertEqual(message.root.content, Array("body".utf8))
        XCTAssertEqual(message.warnings, ["header line without a colon skipped"])
    }

    func testMultipartWithTransportPaddingAndPreambleAndEpilogue() {
        let raw = """
            Content-Type: multipart/mixed; boundary="b"

            preamble
            --b \t
            Content-Type: text/plain

            one
            --b
            Content-Type: text/plain

            two
            --b--  
            epilogue
            """
        let message = MIMEMessage.parse(Array(raw.utf8))
        XCTAssertEqual(message.root.children.map { String(decoding: $0.content, as: UTF8.self) }, ["one", "two"])
        XCTAssertEqual(message.content().text, "one\ntwo")
        XCTAssertTrue(message.warnings.isEmpty, "\(message.warnings)")
    }

    func testBoundaryPrefixOfALongerLineIsNotADelimiter() {
        let raw = "Content-Type: multipart/mixed; boundary=ab\n\n--ab\n\nkeep --abc line\n--abc\n--ab--\n"
        let message = MIMEMessage.parse(Array(raw.utf8))
        XCTAssertEqual(message.root.children.count, 1)
        XCTAssertEqual(String(decoding: message.root.children[0].content, as: UTF8.self), "keep --abc line\n--abc")
    }

    func testMultipartWithoutBoundaryIsReadAsText() {
        let message = MIMEMessage.parse(Array("Content-Type: multipart/mixed\n\nhello".utf8))
        XCTAssertEqual(message.content().text, "hello")
        XCTAssertFalse(message.warnings.isEmpty)
    }

    /// A multipart whose only delimiter is the closing one (a script that forgot the opening `--x`) is read
    /// as text up to that line: the `--x--` stayed at the end of the ticket's text.
    func testAMultipartWithOnlyItsClosingDelimiterIsTextWithoutIt() {
        let table: [(String, String)] = [
            ("Content-Type: multipart/mixed; boundary=x\n\nNo anda el portal.\n--x--\n", "No anda el portal."),
            ("Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\nHola\r\n\r\n--b1-- \r\nepilogue\r\n", "Hola"),
            ("Content-Type: multipart/mixed; boundary=x\n\nSolo texto\n--xy--\n", "Solo texto\n--xy--"),
        ]
        for (raw, expected) in table {
            XCTAssertEqual(MIMEMessage.parse(Array(raw.utf8)).content().text, expected, raw)
        }
    }

    /// A multipart whose header names no boundary, or another than its body uses (a gateway's rewrite, a
    /// repeated parameter), is split at the delimiter its body uses: a `--X` line a `Content-` field follows.
    func testAMultipartIsSplitAtTheDelimiterItsBodyUsesWhenItsHeaderNamesNoneOrAnother() {
        let parts = "Preamble.\r\n--=_Part_1\r\nContent-Type: text/plain\r\n\r\nHola\r\n"
            + "--=_Part_1\r\ncontent-type: application/pdf; name=a.pdf\r\n\r\n%PDF\r\n--=_Part_1--\r\n"
        let table: [(header: String, body: String, text: String?, files: [String?])] = [
            ("multipart/mixed", parts, "Hola", ["a.pdf"]),
            ("multipart/mixed; boundary=\"other\"; boundary=\"=_Part_1\"", parts, "Hola", ["a.pdf"]),
            ("multipart/*; boundary=\"lost\"", parts, "Hola", ["a.pdf"]),
            ("multipart/mixed", "Hola\r\n----------\r\nContent: none\r\n", "Hola\n----------\nContent: none", []),
            ("multipart/mixed; boundary=zz", "Texto\r\n--b\r\nX-Other: 1\r\n\r\nno\r\n", "Texto\n--b\nX-Other: 1\n\nno", []),
        ]
        for row in table {
            let message = MIMEMessage.parse(Array("Content-Type: \(row.header)\r\n\r\n\(row.body)".utf8))
            let content = message.content()
            XCTAssertEqual(content.text, row.text, row.header)
            XCTAssertEqual(content.attachments.map(\.filename), row.files, row.header)
        }
    }

    /// RFC 2045 §6.4 allows a multipart no encoding but 7bit, 8bit and binary, yet SAP's mailer base64-encodes
    /// the whole multipart body: where no delimiter is in the body as it is, it is split once decoded. A
    /// label alone (PHPMailer's quoted-printable over a body it did not encode) splits the body as it is.
    func testAMultipartBodyEncodedAgainstTheRulesIsSplitOnceDecoded() {
        let inner = "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHola=2C no anda\r\n"
            + "--b\r\nContent-Type: application/pdf; name=a.pdf\r\n\r\n%PDF\r\n--b--\r\n"
        let table: [(encoding: String, body: String, text: String?, files: [String?])] = [
            ("base64", Base64.encode(Array(inner.utf8)), "Hola=2C no anda", ["a.pdf"]),
            ("quoted-printable", inner, "Hola=2C no anda", ["a.pdf"]),
            ("quoted-printable", inner.replacingOccurrences(of: "--b", with: "--=62").replacingOccurrences(of: "=utf", with: "=3Dutf"),
             "Hola, no anda", ["a.pdf"]),
            ("base64", "bm90IGEgbXVsdGlwYXJ0", "not a multipart", []),
        ]
        for row in table {
            let raw = "Content-Type: multipart/mixed; boundary=b\r\nContent-Transfer-Encoding: \(row.encoding)\r\n\r\n\(row.body)"
            let content = MIMEMessage.parse(Array(raw.utf8)).content()
            XCTAssertEqual(content.text, row.text, raw)
            XCTAssertEqual(content.attachments.map(\.filename), row.files, raw)
        }
    }

    /// Scripts that forget the empty line after their headers (`mail()` with the body glued to the extra
    /// headers) lost the whole body: each of its lines was skipped as a header line without a colon. A line
    /// that is no field, with no field after it before the next empty line, starts the body (Python's email
    /// reads it so too: MissingHeaderBodySeparatorDefect); a stray line among fields is still skipped.
    func testAHeaderBlockWithoutItsEmptyLine() {
        let table: [(raw: String, subject: String?, body: String)] = [
            ("From: a@x.com\r\nSubject: hola\r\nHola, no puedo entrar.\r\nSaludos\r\n", "hola", "Hola, no puedo entrar.\r\nSaludos\r\n"),
            ("From: a@x.com\r\nSubject: x\r\nNombre y apellido: Ana Ruiz\r\nConsulta sin dos puntos\r\n", "x",
             "Nombre y apellido: Ana Ruiz\r\nConsulta sin dos puntos\r\n"),
            ("From: a@x.com\r\nNo colon\r\nSubject: s\r\n\r\nbody", "s", "body"),
            ("From: a@x.com\nstray one\nstray two\nSubject: s\n\nbody", "s", "body"),
        ]
        for row in table {
            let message = MIMEMessage.parse(Array(row.raw.utf8))
            XCTAssertEqual(message.headers["Subject"], row.subject, row.raw)
            XCTAssertEqual(String(decoding: message.root.content, as: UTF8.self), row.body, row.raw)
            XCTAssertFalse(message.warnings.isEmpty, row.raw)
        }
    }

    /// PHP scripts that write `Content-Type: multipart/alternative;` and `boundary="..."` on a line of its
    /// own without indenting it sent their MIME structure as the text: the boundary was a stray line. A
    /// `name=value` line right after a Content-Type or Content-Disposition field is that field's parameter.
    func testAParameterLineLeftUnindentedBelongsToItsField() {
        let raw = "From: a@x.com\r\nContent-Type: multipart/mixed;\r\nboundary=\"=_a1b2\"\r\n\r\n"
            + "This is a multi-part message in MIME format.\r\n\r\n--=_a1b2\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            + "Necesito la factura\r\n--=_a1b2\r\nContent-Type: application/pdf;\r\nname=\"f.pdf\"\r\n"
            + "Content-Disposition: attachment;\r\nfilename=\"factura 12.pdf\"\r\n\r\n%PDF\r\n--=_a1b2--\r\n"
        let message = MIMEMessage.parse(Array(raw.utf8))
        let content = message.content()
        XCTAssertEqual(message.root.children.count, 2)
        XCTAssertEqual(content.text, "Necesito la factura")
        XCTAssertEqual(content.attachments.map(\.filename), ["factura 12.pdf"])
        XCTAssertEqual(message.root.children[1].contentType.name, "f.pdf")
        let stray = MIMEMessage.parse(Array("Subject: s\r\nsize=12\r\nX: y\r\n\r\nbody".utf8))
        XCTAssertEqual(stray.headers["Subject"], "s")
    }

    /// Deterministic pseudo-random mutations of every fixture: no crash, and the whole run stays fast.
    func testMutatedFixturesNeverCrashAndParseInBoundedTime() throws {
        let folder = TestPaths.fixture("email")
        let seeds = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }.sorted()
            .map { try [UInt8](Data(contentsOf: folder.appendingPathComponent($0))) }
        XCTAssertFalse(seeds.isEmpty)
        var random = SplitMix64(seed: 0x5EED)
        let start = Date()
        for round in 0..<3000 {
            var bytes = seeds[round % seeds.count]
            MutationStrategy.apply(&bytes, random: &random)
            let message = MIMEMessage.parse(bytes)
            _ = message.content()
        }
        for hostile in MutationStrategy.hostileInputs() {
            _ = MIMEMessage.parse(hostile).content()
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 60)
    }
}

enum MutationStrategy {
    static let tokens: [[UInt8]] = ["\r\n", "\n\n", "--", "=?", "?=", "=?utf-8?b?", "<", ">", "\"", "(", ")", ";", ":",
                                     "Content-Type: multipart/mixed; boundary=x\r\n", "--x\r\n", "&#x", "<script>", "=\r\n",
                                     "filename*0*=", "%", "\u{0}", "\u{FF}"].map { Array($0.utf8) }

    static func apply(_ bytes: inout [UInt8], random: inout SplitMix64) {
        switch random.below(5) {
        case 0:
            bytes = Array(bytes.prefix(random.below(bytes.count + 1)))
        case 1:
            for _ in 0..<(1 + random.below(16)) where !bytes.isEmpty {
                bytes[random.below(bytes.count)] = UInt8(truncatingIfNeeded: random.next())
            }
        case 2:
            for _ in 0..<(1 + random.below(8)) {
                bytes.insert(contentsOf: tokens[random.below(tokens.count)], at: random.below(bytes.count + 1))
            }
        case 3:
            guard bytes.count > 2 else { return }
            let a = random.below(bytes.count)
            let b = min(bytes.count, a + random.below(400))
            bytes.insert(contentsOf: bytes[a..<b], at: random.below(bytes.count + 1))
        default:
            guard bytes.count > 2 else { return }
            let a = random.below(bytes.count)
            bytes.removeSubrange(a..<min(bytes.count, a + random.below(200)))
        }
    }

    /// Inputs aimed at quadratic paths and deep recursion.
    static func hostileInputs() -> [[UInt8]] {
        var out: [[UInt8]] = []
        out.append(Array(("Subject: " + String(repeating: "=?utf-8?q?a", count: 20_000) + "?=\r\n\r\n").utf8))
        out.append(Array(("Content-Type: text/plain" + String(repeating: "; a*1*=b", count: 20_000) + "\r\n\r\n").utf8))
        var deep = ""
        for d in 0..<2_000 { deep += "Content-Type: multipart/mixed; boundary=b\(d)\r\n\r\n--b\(d)\r\n" }
        out.append(Array(deep.utf8))
        var nested = ""
        for _ in 0..<2_000 { nested += "Content-Type: message/rfc822\r\n\r\n" }
        out.append(Array(nested.utf8))
        out.append(Array(("Content-Type: text/html\r\n\r\n" + String(repeating: "<a href='", count: 20_000)).utf8))
        out.append(Array(("Content-Type: text/html\r\n\r\n" + String(repeating: "<script>&#x", count: 20_000)).utf8))
        out.append(Array(("From: " + String(repeating: "(", count: 50_000) + "\r\n\r\n").utf8))
        out.append(Array(("Content-Type: multipart/mixed; boundary=x\r\n\r\n" + String(repeating: "--x\r\n", count: 50_000)).utf8))
        out.append([UInt8](repeating: 0x0A, count: 100_000))
        out.append([UInt8](repeating: 0x20, count: 100_000))
        return out
    }
}
