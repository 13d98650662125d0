import IntakeCore
import XCTest

final class FormURLEncodedTests: XCTestCase {
    func testParseTable() {
        let rows: [(body: String, pairs: [String])] = [
            ("a=1&b=2", ["a=1", "b=2"]),
            ("text=hola+mundo&x=%41%c3%a1", ["text=hola mundo", "x=Aá"]),
            ("a=1&&b", ["a=1", "b="]),
            ("bad=%zz%4", ["bad=%zz%4"]),
            ("From=whatsapp%3A%2B5491152769999&Body=hola\n", ["From=whatsapp:+5491152769999", "Body=hola"]),
            ("a=1&b=2\r\n", ["a=1", "b=2"]),
            ("a=line%0A", ["a=line\n"]),
            ("\n", []),
        ]
        for row in rows {
            XCTAssertEqual(FormURLEncoded.parse(row.body).map { "\($0.name)=\($0.value)" }, row.pairs, row.body.debugDescription)
        }
    }
}
