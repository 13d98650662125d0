@testable import IntakeCore
import XCTest

/// The block function on the processor's SHA extensions against the portable one: the FIPS 180 and
/// boundary vectors run through whichever this machine uses, so the two are compared directly here.
final class SHA256HardwareTests: XCTestCase {
    func testTheHardwareBlockFunctionMatchesThePortableOneOnRandomStatesAndBlocks() throws {
        try XCTSkipUnless(SHA256.Compression.hardware, "this processor has no SHA extensions: only the portable block function runs")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            var state: SHA256.Compression.State = (generator.next(), generator.next(), generator.next(), generator.next(),
                                                   generator.next(), generator.next(), generator.next(), generator.next())
            let block = (0..<64).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var portable = state
            block.withUnsafeBytes { SHA256.Compression.portableCompress(&portable, $0.baseAddress!) }
            block.withUnsafeBytes { SHA256.Compression.compress(&state, $0.baseAddress!) }
            XCTAssertEqual(SHA256.Compression.digest(state), SHA256.Compression.digest(portable))
        }
    }

    func testTheFIPSTwoBlockVectorThroughTheHardwarePath() {
        // FIPS 180-2 appendix B.2: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq" (two blocks).
        XCTAssertEqual(Hex.encode(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
