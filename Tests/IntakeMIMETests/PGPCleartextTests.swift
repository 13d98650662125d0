@testable import IntakeMIME
import XCTest

/// Inline PGP signed text (RFC 4880 §7): the armor went into the ticket's text.
final class PGPCleartextTests: XCTestCase {
    func testTheSignedTextIsKeptWithoutItsArmor() {
        let signature = "-----BEGIN PGP SIGNATURE-----\n\niQEzBAEBCAAdFiEE\n=AbCd\n-----END PGP SIGNATURE-----"
        let table: [(String, String, String?)] = [
            ("one block", "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nHola\n- -- no es firma\n- - guion\n" + signature,
             "Hola\n-- no es firma\n- guion"),
            ("text around it and CRLF line ends",
             "Arriba\r\n-----BEGIN PGP SIGNED MESSAGE-----\r\nHash: SHA512\r\nCharset: UTF-8\r\n\r\nFirmado\r\n"
                + signature.replacingOccurrences(of: "\n", with: "\r\n") + "\r\nPie de la lista",
             "Arriba\nFirmado\nPie de la lista"),
            ("no signature block follows: left as is", "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nHola", nil),
            ("not signed", "Hola\n-----BEGIN PGP SIGNATURE-----", nil),
        ]
        for (name, text, expected) in table {
            XCTAssertEqual(PGPCleartext.unwrap(text), expected, name)
        }
    }
}
