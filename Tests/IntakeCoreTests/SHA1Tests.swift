import IntakeCore
import XCTest

/// FIPS 180 example messages (the NIST "SHA examples" document), for SHA-1 and SHA-256 side by side.
final class SHA1Tests: XCTestCase {
    private let vectors: [(message: [UInt8], sha1: String, sha256: String)] = [
        (Array("abc".utf8), "a9993e364706816aba3e25717850c26c9cd0d89d",
         "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ([], "da39a3ee5e6b4b0d3255bfef95601890afd80709",
         "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8), "84983e441c3bd26ebaae4aa1f95129e5e54670f1",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8),
         "a49b2446a02c645bf419f995b67091253a04a259", "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ]

    func testFIPSExampleMessagesHashToTheirPublishedDigests() {
        for v in vectors {
            XCTAssertEqual(SHA1.hex(v.message), v.sha1, String(decoding: v.message, as: UTF8.self))
            XCTAssertEqual(SHA256.hex(v.message), v.sha256, String(decoding: v.message, as: UTF8.self))
        }
    }

    func testOneMillionAsHashToThePublishedDigests() {
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        XCTAssertEqual(SHA1.hex(million), "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
        XCTAssertEqual(SHA256.hex(million), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testStreamingInUnevenPiecesMatchesOneShot() {
        let message = Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8)
        for split in [1, 7, 55, 56, 63, 64, 65, 100] {
            var h = SHA1()
            h.update(Array(message[..<split]))
            h.update(Array(message[split...]))
            XCTAssertEqual(Hex.encode(h.finalize()), "a49b2446a02c645bf419f995b67091253a04a259", "split at \(split)")
        }
    }

    func testSHA256GenericUpdateCountsEveryByteOfASequenceWithoutACount() {
        var h = SHA256()
        h.update(IteratorSequence("abc".utf8.makeIterator()))
        XCTAssertEqual(Hex.encode(h.finalize()), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
