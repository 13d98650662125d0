import IntakeCore
import XCTest

final class Base64Tests: XCTestCase {
    /// RFC 4648 §10.
    private let vectors: [(String, String)] = [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ]

    func testRFC4648VectorsRoundTrip() {
        for (plain, encoded) in vectors {
            XCTAssertEqual(Base64.encode(Array(plain.utf8)), encoded)
            XCTAssertEqual(Base64.decode(encoded), Array(plain.utf8), encoded)
        }
    }

    func testAllByteValuesRoundTrip() {
        let all = (0...255).map { UInt8($0) }
        for n in 0...all.count where n % 17 == 0 || n < 4 {
            XCTAssertEqual(Base64.decode(Base64.encode(Array(all[..<n]))), Array(all[..<n]))
        }
    }

    func testStrictDecodingRefusesNonCanonicalInput() {
        let bad = ["Zg", "Zg=", "Zg===", "Z===", "Zm9v\n", " Zm9v", "Zm-v", "Zm_v", "Zh==", "Zm9=", "Zg==Zg==", "=Zm9", "Zm=v", "é123"]
        for text in bad {
            XCTAssertNil(Base64.decode(text), text)
        }
    }
}
