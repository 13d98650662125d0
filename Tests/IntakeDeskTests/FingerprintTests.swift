import IntakeCore
import IntakeDesk
import XCTest

/// Fingerprints are stored: the same text must keep hashing to the same value across releases. The
/// digests are SHA-256 (first 16 bytes, hex) of the folded words, computed independently.
final class FingerprintTests: XCTestCase {
    func testFoldedWordsOfUnquotedLinesAreHashed() {
        XCTAssertEqual(Fingerprint.of("Hola, ¿la CONSOLA no carga?\n> quoted line\nChau"), "881d4c19bf70d2ac44c1db047d9091fe")
        XCTAssertEqual(Fingerprint.of("  La consola NO carga   desde las 9!!!"), "9e0e5229163ec97d4f2ffb2bcc8092aa")
        XCTAssertEqual(Fingerprint.of("la consola no carga desde las 9"), "9e0e5229163ec97d4f2ffb2bcc8092aa")
    }

    func testShortOrMissingTextHasNoFingerprint() {
        XCTAssertNil(Fingerprint.of(nil))
        XCTAssertNil(Fingerprint.of("ok, gracias"))
        XCTAssertNil(Fingerprint.of("> a long quoted line only\n>and another"))
    }

    /// Greetings and thanks alone are not a request two people could repeat.
    func testGreetingsAloneHaveNoFingerprint() {
        for text in ["Hola, buenos días", "Buenas tardes a todos!", "Muchas gracias, saludos cordiales", "Olá, bom dia pessoal",
                     "Hello team, good morning", "Hola buen día, cómo están?"] {
            XCTAssertNil(Fingerprint.of(text), text)
        }
        XCTAssertNotNil(Fingerprint.of("Hola, buenos días: no carga la consola"))
        XCTAssertNotNil(Fingerprint.of("Buenas tardes, sistema caído"))
    }

    /// Nor is an opening line that only announces the request to come.
    func testAnOpeningLineAloneHasNoFingerprint() {
        for text in ["Buenos días, tengo una consulta", "Hola, necesito ayuda con un problema", "Hi team, I have a quick question",
                     "Buenas tardes, les quería hacer una consulta"] {
            XCTAssertNil(Fingerprint.of(text), text)
        }
        XCTAssertNotNil(Fingerprint.of("Buenos días, tengo una consulta sobre la factura de octubre"))
    }
}
