import IntakeCore
import XCTest

/// The padding edges of the 64-byte block framing (FIPS 180-4 §5.1.1): a message that leaves 55 bytes in
/// its last block still fits the one bit and the length; 56 to 63 need one more block; 64 starts a new
/// one. Digests computed with an independent implementation (Python's hashlib) over bytes `i % 251`.
final class SHA256BoundaryTests: XCTestCase {
    private let vectors: [(count: Int, sha256: String, sha1: String)] = [
        (0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        (1, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "5ba93c9db0cff93f52b521d7420e43f6eda2784f"),
        (55, "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59", "8ae2d46729cfe68ff927af5eec9c7d1b66d65ac2"),
        (56, "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562", "636e2ec698dac903498e648bd2f3af641d3c88cb"),
        (57, "2fe741af801cc238602ac0ec6a7b0c3a8a87c7fc7d7f02a3fe03d1c12eac4d8f", "7cb1330f35244b57437539253304ea78a6b7c443"),
        (63, "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488", "6d942da0c4392b123528f2905c713a3ce28364bd"),
        (64, "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108", "c6138d514ffa2135bfce0ed0b8fac65669917ec7"),
        (65, "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781", "69bd728ad6e13cd76ff19751fde427b00e395746"),
        (119, "da18797ed7c3a777f0847f429724a2d8cd5138e6ed2895c3fa1a6d39d18f7ec6", "41c89d06001bab4ab78736b44efe7ce18ce6ae08"),
        (120, "f52b23db1fbb6ded89ef42a23ce0c8922c45f25c50b568a93bf1c075420bbb7c", "d3dbd653bd8597b7475321b60a36891278e6a04a"),
        (127, "92ca0fa6651ee2f97b884b7246a562fa71250fedefe5ebf270d31c546bfea976", "89d7312a903f65cd2b3e34a975e55dbea9033353"),
        (128, "471fb943aa23c511f6f72f8d1652d9c880cfa392ad80503120547703e56a2be5", "e6434bc401f98603d7eda504790c98c67385d535"),
        (129, "5099c6a56203f9687f7d33f4bfdf576d31dc91f6b695ecea38b2770c87631135", "3352e41cc30b40ae80108970492b21014049e625"),
    ]

    private func message(_ count: Int) -> [UInt8] { (0..<count).map { UInt8($0 % 251) } }

    func testMessagesAroundTheBlockAndPaddingBoundariesHashToTheReferenceDigests() {
        for v in vectors {
            XCTAssertEqual(SHA256.hex(message(v.count)), v.sha256, "SHA-256 of \(v.count) bytes")
            XCTAssertEqual(SHA1.hex(message(v.count)), v.sha1, "SHA-1 of \(v.count) bytes")
        }
    }

    func testEverySplitIntoTwoOrThreeUpdatesMatchesOneShot() {
        for v in vectors where v.count > 0 {
            let m = message(v.count)
            for split in 0...v.count {
                var h = SHA256()
                h.update(Array(m[..<split]))
                h.update(Array(m[split...]))
                XCTAssertEqual(Hex.encode(h.finalize()), v.sha256, "\(v.count) bytes split at \(split)")
                var s = SHA1()
                s.update(Array(m[..<split]))
                s.update(Array(m[split...]))
                XCTAssertEqual(Hex.encode(s.finalize()), v.sha1, "SHA-1 of \(v.count) bytes split at \(split)")
            }
            var bytewise = SHA256()
            for b in m { bytewise.update([b]) }
            XCTAssertEqual(Hex.encode(bytewise.finalize()), v.sha256, "\(v.count) bytes one at a time")
        }
    }

    func testSlicesStringsAndNonContiguousSequencesHashLikeArrays() {
        let m = message(130)
        let slice = m[3..<123]
        XCTAssertEqual(SHA256.hex(slice), SHA256.hex(Array(slice)))
        XCTAssertEqual(SHA256.hex("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(m.lazy.map { $0 }), SHA256.hex(m))
    }

    func testHexEncodesContiguousAndOtherSequencesAlike() {
        let table: [([UInt8], String)] = [([], ""), ([0x00], "00"), ([0x0F, 0xF0, 0xAB], "0ff0ab"), ([0x7F, 0x80, 0xFF], "7f80ff")]
        for (bytes, hex) in table {
            XCTAssertEqual(Hex.encode(bytes), hex)
            XCTAssertEqual(Hex.encode(bytes.lazy.map { $0 }), hex)
        }
        let all = (0...255).map(UInt8.init)
        XCTAssertEqual(Hex.decode(Hex.encode(all)), all)
        XCTAssertEqual(Hex.encode(all[250...]), "fafbfcfdfeff")
    }
}
