import IntakeCore
@testable import IntakeMIME
import XCTest

/// Files inside Outlook's winmail.dat (MS-OXTNEF), built here attribute by attribute.
final class TNEFReaderTests: XCTestCase {
    func le32(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24 & 0xFF)] }

    func attribute(_ level: UInt8, _ id: Int, _ data: [UInt8]) -> [UInt8] {
        let checksum = data.reduce(0) { ($0 + Int($1)) & 0xFFFF }
        return [level] + le32(id) + le32(data.count) + data + [UInt8(checksum & 0xFF), UInt8(checksum >> 8)]
    }

    /// One MAPI string property (type 0x001E or 0x001F): count 1, length, bytes padded to 4.
    func stringProperty(_ id: Int, type: Int, _ bytes: [UInt8]) -> [UInt8] {
        [UInt8(type), 0, UInt8(id & 0xFF), UInt8(id >> 8)] + le32(1) + le32(bytes.count) + bytes
            + [UInt8](repeating: 0, count: (4 - bytes.count % 4) % 4)
    }

    func stream(_ attributes: [[UInt8]]) -> [UInt8] { [0x78, 0x9F, 0x3E, 0x22, 0x01, 0x00] + attributes.joined() }

    func testReadsTheFilesWithTheirLongNamesAndTypes() {
        let longName = Array("Informe de da".utf8) + [0xF1] + Array("os.pdf".utf8) + [0]
        let unicodeName = Array("planilla_señal.xlsx\u{0}".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let named = [0x03, 0x00, 0x05, 0x80] + [UInt8](repeating: 0xAB, count: 16) + le32(0) + le32(0x8514) + le32(7)
        let properties = le32(4) + [0x03, 0x00, 0x05, 0x0E] + le32(1234) + named
            + stringProperty(0x3707, type: 0x1E, longName) + stringProperty(0x370E, type: 0x1E, Array("Application/PDF\u{0}".utf8))
        let tnef = stream([
            attribute(1, 0x0008_9006, le32(0x0001_0000)),
            attribute(1, 0x0006_9007, le32(1252) + le32(0)),
            attribute(2, 0x0006_9002, [UInt8](repeating: 0, count: 14)),
            attribute(2, 0x0001_8010, Array("INFORM~1.PDF\u{0}".utf8)),
            attribute(2, 0x0006_800F, Array("%PDF-1.4".utf8)),
            attribute(2, 0x0006_9005, properties),
            attribute(2, 0x0006_9002, [UInt8](repeating: 0, count: 14)),
            attribute(2, 0x0001_8010, Array("PLANIL~1.XLS\u{0}".utf8)),
            attribute(2, 0x0006_800F, [0x50, 0x4B, 0x03, 0x04]),
            attribute(2, 0x0006_9005, le32(1) + stringProperty(0x3707, type: 0x1F, unicodeName)),
        ])
        XCTAssertEqual(TNEFReader.files(tnef), [
            TNEFReader.File(filename: "Informe de daños.pdf", contentType: "application/pdf", content: Array("%PDF-1.4".utf8)),
            TNEFReader.File(filename: "planilla_señal.xlsx", contentType: nil, content: [0x50, 0x4B, 0x03, 0x04]),
        ])
    }

    func testDamagedStreamsKeepWhatWasRead() {
        let file = [attribute(2, 0x0006_9002, []), attribute(2, 0x0001_8010, Array("a.txt\u{0}".utf8)), attribute(2, 0x0006_800F, [0x41])]
        let whole = stream(file)
        let table: [(String, [UInt8], [TNEFReader.File])] = [
            ("whole", whole, [TNEFReader.File(filename: "a.txt", contentType: nil, content: [0x41])]),
            ("data cut short", Array(whole.dropLast(3)), [TNEFReader.File(filename: "a.txt", contentType: nil, content: [])]),
            ("properties cut short", stream(file + [attribute(2, 0x0006_9005, le32(3) + [0x1E, 0x00, 0x07, 0x37] + le32(1) + le32(900))]),
             [TNEFReader.File(filename: "a.txt", contentType: nil, content: [0x41])]),
            ("no signature", Array(whole.dropFirst()), []),
            ("message attributes only", stream([attribute(1, 0x0008_9006, le32(0x0001_0000))]), []),
            ("empty", [], []),
        ]
        for (name, bytes, expected) in table {
            XCTAssertEqual(TNEFReader.files(bytes), expected, name)
        }
    }

    /// One MAPI binary property (type 0x0102): count 1, length, bytes padded to 4.
    func binaryProperty(_ id: Int, _ bytes: [UInt8]) -> [UInt8] {
        [0x02, 0x01, UInt8(id & 0xFF), UInt8(id >> 8)] + le32(1) + le32(bytes.count) + bytes
            + [UInt8](repeating: 0, count: (4 - bytes.count % 4) % 4)
    }

    func testReadsTheBodyOutlookKeptOnlyInTheStream() {
        // MS-OXRTFCP §4.1: {\rtf1\ansi\ansicpg1252\pard hello world}
        let rtf: [UInt8] = [
            0x2d, 0x00, 0x00, 0x00, 0x2b, 0x00, 0x00, 0x00, 0x4c, 0x5a, 0x46, 0x75, 0xf1, 0xc5, 0xc7, 0xa7, 0x03, 0x00, 0x0a,
            0x00, 0x72, 0x63, 0x70, 0x67, 0x31, 0x32, 0x35, 0x42, 0x32, 0x0a, 0xf3, 0x20, 0x68, 0x65, 0x6c, 0x09, 0x00, 0x20,
            0x62, 0x77, 0x05, 0xb0, 0x6c, 0x64, 0x7d, 0x0a, 0x80, 0x0f, 0xa0,
        ]
        let html = Array("<p>Se cay\u{F3} el servidor</p>".unicodeScalars.map { UInt8($0.value) })
        let header = [attribute(1, 0x0008_9006, le32(0x0001_0000)), attribute(1, 0x0006_9007, le32(1252) + le32(0))]
        let table: [(String, [[UInt8]], String?, Bool)] = [
            ("compressed RTF", [attribute(1, 0x0006_9003, le32(2) + [0x0B, 0x00, 0x1F, 0x0E] + le32(1) + binaryProperty(0x1009, rtf))],
             "hello world", false),
            ("HTML in the code page of PR_INTERNET_CPID",
             [attribute(1, 0x0006_9003, le32(2) + [0x03, 0x00, 0xDE, 0x3F] + le32(28591) + binaryProperty(0x1013, html))],
             "Se cayó el servidor", true),
            ("attBody before the properties' RTF",
             [attribute(1, 0x0002_800C, Array("Texto plano\u{0}".utf8)), attribute(1, 0x0006_9003, le32(1) + binaryProperty(0x1009, rtf))],
             "Texto plano", false),
            ("damaged RTF", [attribute(1, 0x0006_9003, le32(1) + binaryProperty(0x1009, Array(rtf.dropLast(2)) + [0, 0]))], nil, false),
            ("no body", [], nil, false),
        ]
        for (name, attributes, text, isHTML) in table {
            let body = TNEFReader.contents(stream(header + attributes)).body.text
            XCTAssertEqual(body?.text, text, name)
            XCTAssertEqual(body?.isHTML ?? false, isHTML, name)
        }
    }

    /// One MAPI object property (type 0x000D): count 1, length, the 16-byte IID_IMessage and the data.
    func objectProperty(_ id: Int, _ bytes: [UInt8]) -> [UInt8] {
        let iid: [UInt8] = [0x07, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46]
        let value = iid + bytes
        return [0x0D, 0x00, UInt8(id & 0xFF), UInt8(id >> 8)] + le32(1) + le32(value.count) + value
            + [UInt8](repeating: 0, count: (4 - value.count % 4) % 4)
    }

    /// Outlook forwarding a mail as an attachment from a rich-text message: the forwarded mail is an
    /// attachment whose `PR_ATTACH_DATA_OBJ` holds a TNEF stream of its own, with its headers, body and files.
    func testAnAttachedMessageIsAMessageFollowedByItsFiles() {
        let submitTime = le32(0x16F9_C800) + le32(0x01DA_C4A4)  // 2024-06-22T13:00:00Z as a FILETIME
        let properties = le32(6)
            + stringProperty(0x0037, type: 0x1E, Array("Factura vencida\u{0}".utf8))
            + stringProperty(0x0C1A, type: 0x1E, Array("Cliente\u{0}".utf8))
            + stringProperty(0x0C1F, type: 0x1E, Array("/O=EXCHANGE/OU=ADMIN/CN=CLIENTE\u{0}".utf8))
            + stringProperty(0x5D01, type: 0x1E, Array("cliente@otro.com\u{0}".utf8))
            + [0x40, 0x00, 0x39, 0x00] + submitTime
            + stringProperty(0x1000, type: 0x1E, Array("La factura 123 venci".utf8) + [0xF3, 0x2E, 0x00])
        let inner = stream([
            attribute(1, 0x0006_9007, le32(1252) + le32(0)),
            attribute(1, 0x0006_9003, properties),
            attribute(2, 0x0006_9002, [UInt8](repeating: 0, count: 14)),
            attribute(2, 0x0001_8010, Array("factura.pdf\u{0}".utf8)),
            attribute(2, 0x0006_800F, Array("%PDF".utf8)),
        ])
        let outer = stream([
            attribute(2, 0x0006_9002, [UInt8](repeating: 0, count: 14)),
            attribute(2, 0x0006_9005, le32(3) + [0x03, 0x00, 0x05, 0x37] + le32(5)
                + stringProperty(0x3001, type: 0x1E, Array("Factura vencida\u{0}".utf8)) + objectProperty(0x3701, inner)),
        ])
        let message = """
            From: "Cliente" <cliente@otro.com>\r
            Subject: Factura vencida\r
            Date: Sat, 22 Jun 2024 13:00:00 +0000\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: 8bit\r
            \r
            La factura 123 venció.
            """
        XCTAssertEqual(TNEFReader.files(outer), [
            TNEFReader.File(filename: "Factura vencida.eml", contentType: "message/rfc822", content: Array(message.utf8)),
            TNEFReader.File(filename: "factura.pdf", contentType: nil, content: Array("%PDF".utf8)),
        ])
    }

    /// The legacy attributes name an attached message's subject, sender (a triple) and date when its
    /// properties do not.
    func testReadsTheLegacyHeaderAttributes() {
        let name = Array("Cliente\u{0}".utf8)
        let address = Array("SMTP:cliente@otro.com\u{0}".utf8)
        let triple = [0x04, 0x00, 0x00, 0x00] + [UInt8(name.count), 0, UInt8(address.count), 0] + name + address
        let date: [UInt8] = [0xE8, 0x07, 6, 0, 22, 0, 13, 0, 0, 0, 0, 0, 6, 0]
        let contents = TNEFReader.contents(stream([
            attribute(1, 0x0000_8000, triple),
            attribute(1, 0x0001_8004, Array("Factura vencida\u{0}".utf8)),
            attribute(1, 0x0003_8005, date),
        ]))
        XCTAssertEqual(contents.headers, TNEFReader.MessageHeaders(
            subject: "Factura vencida", senderName: "Cliente", senderAddress: "cliente@otro.com",
            sentAt: Timestamp(iso8601: "2024-06-22T13:00:00Z"), messageID: nil))
    }
}
