import IntakeCore
import XCTest

final class E164Tests: XCTestCase {
    func testNormalizesArgentineAndChileanForms() {
        let table: [(String, String?)] = [
            ("+54 9 11 5276-9999", "+5491152769999"),
            ("011 15 5276-9999", "+5491152769999"),
            ("54 11 5276 9999", "+541152769999"),
            ("+54 11 15 5276 9999", "+5491152769999"),
            ("5491152769999", "+5491152769999"),
            ("whatsapp:+5491152769999", "+5491152769999"),
            ("0351 15 612-3456", "+5493516123456"),
            ("0351 612-3456", "+543516123456"),
            ("(+56) 2-2928-8900", "+56229288900"),
            ("+56 9 8765 4321", "+56987654321"),
            ("56987654321", "+56987654321"),
            ("0054 9 11 5276 9999", "+5491152769999"),
            ("+1 415 555 0100", "+14155550100"),
            ("2001", nil),
            ("hello", nil),
            ("", nil),
        ]
        for (raw, expected) in table {
            XCTAssertEqual(E164.normalize(raw), expected, raw)
        }
    }

    func testShortNumbersAreInternalExtensions() {
        XCTAssertEqual(E164.read("2001"), .internalExtension("2001"))
        XCTAssertEqual(E164.read("sip:101@pbx.local"), .internalExtension("101"))
    }

    func testArgentineLookupVariantsCoverTheMobileNine() {
        XCTAssertEqual(E164.lookupVariants("+541152769999"), ["+541152769999", "+5491152769999"])
        XCTAssertEqual(E164.lookupVariants("+5491152769999"), ["+5491152769999", "+541152769999"])
        XCTAssertEqual(E164.lookupVariants("+56229288900"), ["+56229288900"])
    }
}
