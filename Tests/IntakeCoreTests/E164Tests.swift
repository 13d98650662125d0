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
            // No Argentine national number starts with 4, 5, 7 or 9: a foreign number without its code.
            ("4830258576", nil), ("0483 025 8576", nil), ("+54 483 025 8576", nil), ("0800 555 1234", "+548005551234"),
            ("2001", nil),
            ("hello", nil),
            ("", nil),
        ]
        for (raw, expected) in table {
            XCTAssertEqual(E164.normalize(raw), expected, raw)
        }
    }

    /// A PBX or SIP trunk with North American dial plans writes international numbers after `011`, the
    /// code Buenos Aires numbers start with after the trunk `0`; the length tells them apart.
    func testNorthAmericanInternationalPrefixIsReadAsPlus() {
        let table: [(String, String?)] = [
            ("011 54 9 11 5276 9999", "+5491152769999"),
            ("011541152769999", "+541152769999"),
            ("011 56 2 2928 8900", "+56229288900"),
            ("01156987654321", "+56987654321"),
            ("011 1 415 555 0100", "+14155550100"),
            ("011 5276-9999", "+541152769999"),
            ("011 15 5276-9999", "+5491152769999"),
            ("011 5412-3456", "+541154123456"),
        ]
        for (raw, expected) in table {
            XCTAssertEqual(E164.normalize(raw), expected, raw)
        }
    }

    /// A staff member hides our caller ID for one call by dialling a code before the number (`*31#` in
    /// Argentina and Chile, GSM's `#31#`); the CDR's `dst` keeps it, and the number after it is the one called.
    func testACallerIDPrivacyCodeBeforeADialledNumberIsLeftOut() {
        let table: [(String, String?)] = [
            ("*31#01152769999", "+541152769999"),
            ("*31#011 15 5276-9999", "+5491152769999"),
            ("#31#+56987654321", "+56987654321"),
            ("*31#", nil),
            ("*31#2001", nil),
        ]
        for (raw, expected) in table {
            XCTAssertEqual(E164.normalize(raw), expected, raw)
        }
        XCTAssertEqual(E164.read("*31#2001"), .internalExtension("2001"))
    }

    func testShortNumbersAreInternalExtensions() {
        XCTAssertEqual(E164.read("2001"), .internalExtension("2001"))
        XCTAssertEqual(E164.read("sip:101@pbx.local"), .internalExtension("101"))
    }

    func testArgentineMobilePrefixesAndAreaCodesOfTwoToFourDigits() {
        let table: [(String, String?)] = [
            ("02966 15 123456", "+5492966123456"),
            ("2966 15 123456", "+5492966123456"),
            ("+54 9 2966 123456", "+5492966123456"),
            ("+54 2966 12-3456", "+542966123456"),
            ("0221 15 512-3456", "+5492215123456"),
            ("+54 9 351 15 612 3456", "+5493516123456"),
            ("9 11 5276 9999", "+5491152769999"),
            ("11 5276-9999", "+541152769999"),
            ("0800 333 1234", "+548003331234"),
        ]
        for (raw, expected) in table {
            XCTAssertEqual(E164.normalize(raw), expected, raw)
        }
    }

    /// `15` is the mobile prefix dialled after the area code; a number that starts with it has lost its
    /// area code and cannot be placed (Argentine national numbers start with 11, 2 or 3, or 8 toll-free).
    func testArgentineMobileWithoutAreaCodeIsNotANumber() {
        XCTAssertNil(E164.read("15 5276-9999"))
        XCTAssertNil(E164.read("+54 15 5276 9999"))
    }

    func testChileanMobilesAndLandlines() {
        let table: [(String, String?)] = [
            ("9 8765 4321", "+56987654321"),
            ("09 8765 4321", "+56987654321"),
            ("2 2928 8900", "+56229288900"),
            ("+56 32 212 3456", "+56322123456"),
            ("8765 4321", nil),
        ]
        for (raw, expected) in table {
            XCTAssertEqual(E164.normalize(raw, defaultCountry: "56"), expected, raw)
        }
        XCTAssertEqual(E164.normalize("+56 9 8765 4321", defaultCountry: "54"), "+56987654321")
    }

    /// A PBX writes callers in local form, and each country's lines take calls from the other: a number
    /// with no country code that cannot be the default country's but has the other's shape is the other's.
    func testLocalFormsOfTheOtherCountryAreRecognisedByTheirShape() {
        let chileanOnArgentineLine: [(String, String?)] = [
            ("2 2928 8900", "+56229288900"),
            ("9 8765 4321", "+56987654321"),
            ("09 8765 4321", "+56987654321"),
            ("(02) 2928 8900", "+56229288900"),
            ("32 212 3456", "+56322123456"),
            ("123 456 789", nil),
            ("+54 2 2928 8900", nil),
        ]
        for (raw, expected) in chileanOnArgentineLine {
            XCTAssertEqual(E164.normalize(raw, defaultCountry: "54"), expected, raw)
        }
        let argentineOnChileanLine: [(String, String?)] = [
            ("011 15 5276-9999", "+5491152769999"),
            ("9 11 5276-9999", "+5491152769999"),
            ("0221 456-7890", "+542214567890"),
            ("11 5276-9999", "+541152769999"),
            ("+56 11 5276 9999", nil),
        ]
        for (raw, expected) in argentineOnChileanLine {
            XCTAssertEqual(E164.normalize(raw, defaultCountry: "56"), expected, raw)
        }
    }

    /// A desk's number as people write it in call logs: the extension after it is not part of it.
    func testAnExtensionWrittenAfterTheNumberIsLeftOut() {
        let table: [(String, String?)] = [
            ("+54 11 4555-1234 int. 23", "+541145551234"),
            ("011 4555-1234 interno 105", "+541145551234"),
            ("+56 2 2928 8900 anexo 105", "+56229288900"),
            ("+1 415 555 0100 ext. 7", "+14155550100"),
            ("+1 415 555 0100 x7", "+14155550100"),
            ("011 4555-1234 #23", "+541145551234"),
            ("011 4555-1234 int. 23 y 24", nil),
            ("011 4555-1234 oficina", nil),
        ]
        for (raw, expected) in table {
            XCTAssertEqual(E164.normalize(raw), expected, raw)
        }
    }

    /// Argentine numbers as people type them in directories and call logs: the trunk `0` kept after the
    /// mobile `9`, separators of every kind, a label before the number, the extension in parentheses or
    /// after a comma.
    func testArgentineNumbersInTheFormsPeopleTypeThem() {
        let table: [(String, String?)] = [
            ("+54 9 (011) 5276-9999", "+5491152769999"),
            ("+54 9 011 15 5276 9999", "+5491152769999"),
            ("+54 9 0351 612-3456", "+5493516123456"),
            ("+54 (011) 15 5276-9999", "+5491152769999"),
            ("011.15.5276.9999", "+5491152769999"),
            ("+54.11.4555.1234", "+541145551234"),
            ("(02966) 15-12-3456", "+5492966123456"),
            ("+54 11 4555-1234 (int. 23)", "+541145551234"),
            ("+54 11 4555-1234, int 23", "+541145551234"),
            ("011 4555-1234 Int.123", "+541145551234"),
            ("011 4555-1234 interno: 23", "+541145551234"),
            ("+54 11 4555-1234 ext. 45", "+541145551234"),
            ("011 4555-1234 (ext 45", nil),
            ("Tel.: 011 4555-1234", "+541145551234"),
            ("Cel. 11 15 5276 9999", "+5491152769999"),
            ("Móvil: +54 9 351 612-3456", "+5493516123456"),
            ("0810-333-1234", "+548103331234"),
        ]
        for (raw, expected) in table {
            XCTAssertEqual(E164.normalize(raw), expected, raw)
        }
    }

    /// Santiago's numbers as people write them since 2013 (`22` taken for the area code, `(2) 2...`), the
    /// regions' 2-digit codes, and the 10-digit 600 numbers.
    func testChileanLandlinesWithSantiagosCodeWrittenEitherWay() {
        let table: [(String, String?)] = [
            ("+56 22 928 8900", "+56229288900"),
            ("(22) 928 8900", "+56229288900"),
            ("+56 (2) 2928 8900", "+56229288900"),
            ("(02) 2928 8900", "+56229288900"),
            ("032 212 3456", "+56322123456"),
            ("+56 600 600 1234", "+566006001234"),
        ]
        for (raw, expected) in table {
            XCTAssertEqual(E164.normalize(raw), expected, raw)
            XCTAssertEqual(E164.normalize(raw, defaultCountry: "56"), expected, raw)
        }
    }

    /// The 8-digit landlines of before 2013 after `+56`, `56` or the trunk `0` are today's numbers, with the
    /// `2` added after the area code (SUBTEL's renumbering: `56 (65) 35 0009` became `56 (65) 2 35 0009`).
    /// Eight bare digits stay a local number of either country, and eight that start with no area code
    /// (a mobile written as dialled between mobiles then) are not guessed at.
    func testChileanLandlinesOfBefore2013AreTodaysNumbers() {
        let table: [(String, String?)] = [
            ("+56 2 928 8900", "+56229288900"),
            ("+56 65 350009", "+56652350009"),
            ("(02) 928 8900", "+56229288900"),
            ("041 234567", "+56412234567"),
            ("5622345678", "+56222345678"),
            ("56 32 212345", "+56322212345"),
            ("2928 8900", nil),
            ("4555 1234", nil),
            ("+56 9876 5432", nil),
            ("+56 44 123456", nil),
        ]
        for (raw, expected) in table {
            XCTAssertEqual(E164.normalize(raw), expected, raw)
            XCTAssertEqual(E164.normalize(raw, defaultCountry: "56"), expected, raw)
        }
    }

    /// A number that reads as none says why, for `intake customers check` to tell the person fixing it.
    func testANumberThatDoesNotNormalizeSaysWhy() {
        let table: [(String, E164.Problem)] = [
            ("15-5276-9999", .mobileWithoutArea),
            ("+54 15 5276 9999", .mobileWithoutArea),
            ("+54 9 15 5276 9999", .mobileWithoutArea),
            ("4555-1234", .localWithoutArea(digits: 8)),
            ("+54 11 4555 1234 / 4555 1235", .argentineLength(digits: 18)),
            ("+54 12 3456 7890", .argentineArea),
            ("+56 9876 5432", .oldChileanNumber),
            ("+56 9 8765 43210", .chileanLength(digits: 10)),
            ("+1 415 555", .internationalLength(digits: 7)),
            ("123 456 789 01", .unknownShape(digits: 11)),
            ("2001", .internalExtension("2001")),
            ("0800 22 MICRO", .words),
            ("011 4555-1234 oficina", .words),
            ("11*5276", .character("*")),
            ("54+11 5276", .plusInside),
            ("( )", .empty),
            ("0", .zeros),
            ("0000000000", .zeros),
            ("+00 11 5276 9999", .noCountryCode),
            ("000 11 5276 9999", .noCountryCode),
        ]
        for (raw, problem) in table {
            XCTAssertEqual(E164.parse(raw), .failure(problem), raw)
        }
        XCTAssertEqual(E164.parse("011 15 5276-9999"), .success("+5491152769999"))
        XCTAssertTrue(E164.Problem.oldChileanNumber.description.contains("+56 2 2XXX XXXX"))
    }

    /// An Argentine exchange sends a caller of the line's own area without the area code; given the line's
    /// area, such a number is that area's, and any other number reads as it did.
    func testALocalNumberIsOfTheLinesArea() {
        let table: [(raw: String, area: String, number: E164.Number?)] = [
            ("4555-1234", "11", .e164("+541145551234")),
            ("15 5276-9999", "11", .e164("+5491152769999")),
            ("455-1234", "341", .e164("+543414551234")),
            ("15 655-1234", "341", .e164("+5493416551234")),
            ("15 412345", "2965", .e164("+5492965412345")),
            ("4555-1234", "341", nil),
            ("011 4555-1234", "341", .e164("+541145551234")),
            ("1152769999", "11", .e164("+541152769999")),
            ("2 2928 8900", "11", .e164("+56229288900")),
            ("+56 2 2928 8900", "11", .e164("+56229288900")),
            ("2001", "11", .internalExtension("2001")),
            ("anonymous", "11", nil),
        ]
        for (raw, area, number) in table {
            XCTAssertEqual(E164.read(raw, areaCode: area), number, "\(raw) in \(area)")
        }
        XCTAssertNil(E164.read("4555-1234"))
        XCTAssertNil(E164.read("15 5276-9999"))
    }

    func testDialplanNamesAndLongLocalNumbersAreNeitherCustomersNorExtensions() {
        for raw in ["*97", "s", "anonymous", "1234567", "4321-5678"] {
            XCTAssertNil(E164.read(raw), raw)
        }
        XCTAssertEqual(E164.read("100"), .internalExtension("100"))
    }

    func testArgentineLookupVariantsCoverTheMobileNine() {
        XCTAssertEqual(E164.lookupVariants("+541152769999"), ["+541152769999", "+5491152769999"])
        XCTAssertEqual(E164.lookupVariants("+5491152769999"), ["+5491152769999", "+541152769999"])
        XCTAssertEqual(E164.lookupVariants("+56229288900"), ["+56229288900"])
    }

    /// A number written as dialled inside its Argentine area, read with the area a customer's numbers are
    /// in; with no area, or a number that already has one, nothing changes.
    func testALocalNumberWithTheCustomersAreaCode() {
        let cases: [(raw: String, area: String?, e164: String?)] = [
            ("4321-5000", "11", "+541143215000"),
            ("15 5276-9999", "11", "+5491152769999"),
            ("422-7000", "351", "+543514227000"),
            ("15 612-3456", "351", "+5493516123456"),
            ("42-1234", "2944", "+542944421234"),
            ("Tel. 4321-5000 int. 23", "11", "+541143215000"),
            ("011 4321-5000", "351", "+541143215000"),
            ("+54 351 422-7000", "11", "+543514227000"),
            ("11 4321-5000", "11", "+541143215000"),
            ("422-7000", "11", nil),
            ("4321-5000", nil, nil),
            ("4217", "11", nil),
        ]
        for c in cases {
            XCTAssertEqual(E164.normalize(c.raw, areaCode: c.area), c.e164, "\(c.raw) in \(c.area ?? "-")")
        }
        let areas: [(written: String, digits: String?)] = [
            ("11", "11"), ("011", "11"), ("(0351)", "351"), ("2944", "2944"), ("0221", "221"),
            ("12", nil), ("54", nil), ("4", nil), ("35112", nil), ("abc", nil), ("", nil),
        ]
        for a in areas {
            XCTAssertEqual(E164.argentineAreaCode(a.written), a.digits, a.written)
        }
    }
}
