@testable import IntakeMIME
import XCTest

final class FileExtensionTypeTests: XCTestCase {
    /// Files in a winmail.dat with no MIME type are typed by their extension, in any case and in 8.3 names;
    /// an unknown extension, or none, leaves them untyped.
    func testCommonExtensionsHaveTheirMediaTypes() {
        let table: [(filename: String?, type: String?)] = [
            ("INFORM~1.PDF", "application/pdf"),
            ("planilla señal.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("foto.JPEG", "image/jpeg"),
            ("respaldo.tar.gz", "application/gzip"),
            ("mensaje.msg", "application/vnd.ms-outlook"),
            ("setup.exe", nil),
            ("LEEME", nil),
            ("informe.", nil),
            (".pdf", "application/pdf"),
            (nil, nil),
        ]
        for row in table {
            XCTAssertEqual(FileExtensionType.mediaType(forFilename: row.filename), row.type, row.filename ?? "nil")
        }
    }
}
