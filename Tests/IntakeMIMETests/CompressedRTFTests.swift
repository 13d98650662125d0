@testable import IntakeMIME
import XCTest

/// Outlook's compressed RTF against the examples of MS-OXRTFCP §4.
final class CompressedRTFTests: XCTestCase {
    func hex(_ text: String) -> [UInt8] {
        let digits = Array(text.filter(\.isHexDigit))
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
    }

    func testTheSpecificationsExamplesDecompress() {
        let table: [(String, [UInt8], String)] = [
            ("§4.1 simple compressed RTF",
             hex("2d000000 2b000000 4c5a4675 f1c5c7a7 03000a00 72637067 3132 3542 320a f320 6865 6c09 0020 6277 05b0 6c64 7d0a 800f a0"),
             "{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n"),
            ("§4.2 a reference that crosses the write position",
             hex("1a000000 1c000000 4c5a4675 e2d44b51 41000420 5758595a 0d6e7d01 0eb0"),
             "{\\rtf1 WXYZWXYZWXYZWXYZWXYZ}"),
            ("uncompressed (MELA)", [0x28, 0, 0, 0, 0x1C, 0, 0, 0] + Array("MELA".utf8) + [0, 0, 0, 0]
                + Array("{\\rtf1 WXYZWXYZWXYZWXYZWXYZ}".utf8), "{\\rtf1 WXYZWXYZWXYZWXYZWXYZ}"),
        ]
        for (name, bytes, expected) in table {
            XCTAssertEqual(CompressedRTF.decompress(bytes).map { String(decoding: $0, as: UTF8.self) }, expected, name)
        }
    }

    func testDamagedStreamsYieldNothing() {
        var badCRC = hex("1a000000 1c000000 4c5a4675 e2d44b51 41000420 5758595a 0d6e7d01 0eb0")
        badCRC[20] ^= 0x01
        let table: [(String, [UInt8])] = [
            ("a changed byte fails the CRC", badCRC),
            ("unknown compression type", hex("1a000000 1c000000 58585858 00000000")),
            ("shorter than the header", hex("1a000000 1c000000 4c5a4675")),
        ]
        for (name, bytes) in table {
            XCTAssertNil(CompressedRTF.decompress(bytes), name)
        }
    }
}
