import IntakeCore
import IntakeDesk
import XCTest

/// Fingerprints are stored: the same text must keep hashing to the same value across releases. The
/// digests are SHA-256 (first 16 bytes, hex) of the folded words, computed independently.
final class FingerprintTests: XCTestCase {
    func testFoldedWordsOfUnquotedLinesAreHashed() {
        XCTAssertEqual(Fingerprint.of("Hola, ¿cómo ESTÁS?\n> quoted line\nChau"), "646afd8b5f4793299d24578be48d5af4")
        XCTAssertEqual(Fingerprint.of("  La consola NO carga   desde las 9!!!"), "9e0e5229163ec97d4f2ffb2bcc8092aa")
        XCTAssertEqual(Fingerprint.of("la consola no carga desde las 9"), "9e0e5229163ec97d4f2ffb2bcc8092aa")
    }

    func testShortOrMissingTextHasNoFingerprint() {
        XCTAssertNil(Fingerprint.of(nil))
        XCTAssertNil(Fingerprint.of("ok, gracias"))
        XCTAssertNil(Fingerprint.of("> a long quoted line only\n>and another"))
    }
}
