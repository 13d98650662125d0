import IntakeMIME
import XCTest

final class EncodedWordTests: XCTestCase {
    /// RFC 2047 §8 examples, RFC 2231 §5 language suffix, and what real mail adds.
    func testDecodesTheRFCExamplesAndRealWorldForms() {
        let table: [(String, String)] = [
            ("(=?ISO-8859-1?Q?a?=)", "(a)"),
            ("(=?ISO-8859-1?Q?a?= b)", "(a b)"),
            ("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)", "(ab)"),
            ("(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)", "(ab)"),
            ("(=?ISO-8859-1?Q?a?=    \t =?ISO-8859-1?Q?b?=)", "(ab)"),
            ("(=?ISO-8859-1?Q?a_b?=)", "(a b)"),
            ("(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)", "(a b)"),
            ("=?US-ASCII?Q?Keith_Moore?=", "Keith Moore"),
            ("=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?=", "Keld Jørn Simonsen"),
            ("=?ISO-8859-1?Q?Andr=E9?= Pirard", "André Pirard"),
            ("=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?= =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=",
             "If you can read this you understand the example."),
            ("=?ISO-8859-1?Q?Olle_J=E4rnefors?=", "Olle Järnefors"),
            ("=?US-ASCII*EN?Q?Keith_Moore?=", "Keith Moore"),
            ("=?utf-8?q?Informaci=C3=B3n?=", "Información"),
            ("=?UTF-8?B?w6HDqcOtw7PD?= =?UTF-8?B?usOx?=", "áéíóúñ"),
            ("=?utf-8?B?SG9sYSDwnw==?= =?UTF8?B?mIAgbXVuZG8=?=", "Hola 😀 mundo"),
            ("=?UTF-8?Q?=F0=9F?= =?utf_8?q?=98=80?=", "😀"),
            ("=?windows-1252?Q?=93hola=94_=80?=", "“hola” €"),
            ("=?iso-8859-15?Q?=A4?=", "€"),
            ("=?koi8-r?B?8NLJ18XU?=", "Привет"),
            ("Re: =?utf-8?Q?caf=C3=A9?= y m=?utf-8?q?=C3=A1s?=", "Re: café y más"),
            ("=?utf-8?x?bad?=", "=?utf-8?x?bad?="),
            ("=?utf-8?q?unterminated", "=?utf-8?q?unterminated"),
            ("plain text", "plain text"),
            ("=?unknown-cs?Q?caf=E9?=", "café"),
        ]
        for (input, expected) in table {
            var warnings: [String] = []
            XCTAssertEqual(EncodedWord.decode(input, warnings: &warnings), expected, input)
        }
    }

    func testEncodesNonASCIIAsUTF8WordsThatRoundTrip() {
        let subject = "Re: Configuración del módulo de facturación electrónica — año 2024 [#INT-1042]"
        let encoded = EncodedWord.encode(subject)
        XCTAssertTrue(encoded.hasPrefix("=?UTF-8?B?"))
        for line in encoded.components(separatedBy: "\r\n ") { XCTAssertLessThanOrEqual(line.utf8.count, 75) }
        var warnings: [String] = []
        XCTAssertEqual(EncodedWord.decode(encoded.replacingOccurrences(of: "\r\n", with: ""), warnings: &warnings), subject)
        XCTAssertEqual(EncodedWord.encode("Plain ASCII"), "Plain ASCII")
    }
}
