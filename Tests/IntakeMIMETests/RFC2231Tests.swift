import IntakeMIME
import XCTest

final class RFC2231Tests: XCTestCase {
    func testAssemblesTheRFCExamplesAndCommonFilenames() {
        let table: [(header: String, parameter: String, expected: String)] = [
            ("application/x-stuff; title*=us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A", "title", "This is ***fun***"),
            ("message/external-body; access-type=URL; URL*0=\"ftp://\"; URL*1=\"cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar\"",
             "url", "ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar"),
            ("application/x-stuff; title*0*=us-ascii'en'This%20is%20even%20more%20; title*1*=%2A%2A%2Afun%2A%2A%2A%20; title*2=\"isn't it!\"",
             "title", "This is even more ***fun*** isn't it!"),
            ("attachment; filename*0*=utf-8''Informe%20a%C3%B1o; filename*1*=%202024.pdf", "filename", "Informe año 2024.pdf"),
            ("attachment; filename*1*=%2Epdf; filename*0*=utf-8''factura", "filename", "factura.pdf"),
            ("attachment; filename=\"old.pdf\"; filename*=utf-8''nuevo%C3%B1.pdf", "filename", "nuevoñ.pdf"),
            ("attachment; filename*=iso-8859-1''a%F1o.txt", "filename", "año.txt"),
            ("attachment; filename=\"=?UTF-8?B?w7FhbmR1LnBkZg==?=\"", "filename", "ñandu.pdf"),
            ("attachment; filename=\"with \\\"quotes\\\"; and semicolon.txt\"", "filename", "with \"quotes\"; and semicolon.txt"),
            ("attachment; filename=unquoted name.txt", "filename", "unquoted name.txt"),
            ("attachment; FILENAME=upper.txt", "filename", "upper.txt"),
            ("attachment; filename*0=\"=?UTF-8?B?SW5mb3JtZV9h?=\"; filename*1=\"=?UTF-8?B?w7FvLnBkZg==?=\"", "filename", "Informe_año.pdf"),
        ]
        for row in table {
            var warnings: [String] = []
            let (_, params) = RFC2231.split(row.header, warnings: &warnings)
            XCTAssertEqual(params.first { $0.name == row.parameter }?.value, row.expected, row.header)
        }
    }

    func testContentTypeDefaultsAndLowercasing() {
        var warnings: [String] = []
        let type = ContentType(header: "Multipart/Mixed; Boundary=\"AbC\"", warnings: &warnings)
        XCTAssertEqual(type?.mimeType, "multipart/mixed")
        XCTAssertEqual(type?.boundary, "AbC")
        XCTAssertNil(ContentType(header: "garbage", warnings: &warnings))
    }

    /// A `;` left out before the first parameter (`text/plain charset=...`) made the subtype
    /// `plain charset=...`, so the body text was taken for an attachment.
    func testAMissingSemicolonBeforeTheFirstParameter() {
        var warnings: [String] = []
        let type = ContentType(header: "text/plain charset=\"iso-8859-1\"; format=flowed", warnings: &warnings)
        XCTAssertEqual(type?.mimeType, "text/plain")
        XCTAssertEqual(type?.charset, "iso-8859-1")
        XCTAssertEqual(type?.parameters["format"], "flowed")
        XCTAssertEqual(ContentType(header: "text/html\tcharset=utf-8", warnings: &warnings)?.charset, "utf-8")
        XCTAssertEqual(ContentType(header: "text/plain ; charset=utf-8", warnings: &warnings)?.charset, "utf-8")
        let disposition = ContentDisposition(header: "attachment filename=\"informe final.pdf\"", warnings: &warnings)
        XCTAssertTrue(disposition.isAttachment)
        XCTAssertEqual(disposition.filename, "informe final.pdf")
    }

    /// `Content-Disposition: filename="factura.pdf"`, the disposition type left out (scan-to-mail devices,
    /// hand-written scripts): a type never holds `=`, so what starts as `name=` is the first parameter. Read
    /// as the type, the filename was lost and the file had no name.
    func testADispositionWithParametersButNoType() {
        let table: [(header: String, filename: String)] = [
            ("filename=\"factura 2024.pdf\"", "factura 2024.pdf"),
            ("filename=factura.pdf; size=1234", "factura.pdf"),
            ("filename*=utf-8''a%C3%B1o.pdf", "año.pdf"),
            (" filename = \"remito.pdf\"", "remito.pdf"),
        ]
        for row in table {
            var warnings: [String] = []
            let disposition = ContentDisposition(header: row.header, warnings: &warnings)
            XCTAssertEqual(disposition.value, "", row.header)
            XCTAssertEqual(disposition.filename, row.filename, row.header)
        }
    }
}
