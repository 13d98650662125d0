import IntakeCore
import XCTest

final class HMACTests: XCTestCase {
    private static func bytes(_ byte: UInt8, _ count: Int) -> [UInt8] { [UInt8](repeating: byte, count: count) }
    private static func utf8(_ s: String) -> [UInt8] { Array(s.utf8) }

    /// RFC 4231 §4.2–4.8. Test case 5 is published truncated to 128 bits.
    private let rfc4231: [(key: [UInt8], data: [UInt8], hex: String)] = [
        (bytes(0x0B, 20), utf8("Hi There"), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (utf8("Jefe"), utf8("what do ya want for nothing?"), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        (bytes(0xAA, 20), bytes(0xDD, 50), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        (Array(1...25), bytes(0xCD, 50), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        (bytes(0x0C, 20), utf8("Test With Truncation"), "a3b6167473100ee06e0c796c2955552b"),
        (bytes(0xAA, 131), utf8("Test Using Larger Than Block-Size Key - Hash Key First"),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        (bytes(0xAA, 131),
         utf8("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."),
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    /// RFC 2202 §3. Test case 5 is compared in full (the RFC also lists it truncated to 96 bits).
    private let rfc2202: [(key: [UInt8], data: [UInt8], hex: String)] = [
        (bytes(0x0B, 20), utf8("Hi There"), "b617318655057264e28bc0b6fb378c8ef146be00"),
        (utf8("Jefe"), utf8("what do ya want for nothing?"), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"),
        (bytes(0xAA, 20), bytes(0xDD, 50), "125d7342b9ac11cd91a39af48aa17b4f63f175d3"),
        (Array(1...25), bytes(0xCD, 50), "4c9007f4026250c6bc8414f9bf50c86c2d7235da"),
        (bytes(0x0C, 20), utf8("Test With Truncation"), "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04"),
        (bytes(0xAA, 80), utf8("Test Using Larger Than Block-Size Key - Hash Key First"), "aa4ae5e15272d00e95705637ce8a3b55ed402112"),
        (bytes(0xAA, 80), utf8("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"),
         "e8e99d0f45237d786d6bbaa7965c7808bbff1a91"),
    ]

    func testRFC4231VectorsForHMACSHA256() {
        for (i, v) in rfc4231.enumerated() {
            let mac = Hex.encode(HMAC.sha256(key: v.key, message: v.data))
            XCTAssertEqual(String(mac.prefix(v.hex.count)), v.hex, "RFC 4231 test case \(i + 1)")
        }
    }

    func testRFC2202VectorsForHMACSHA1() {
        for (i, v) in rfc2202.enumerated() {
            XCTAssertEqual(Hex.encode(HMAC.sha1(key: v.key, message: v.data)), v.hex, "RFC 2202 test case \(i + 1)")
        }
        XCTAssertTrue(Hex.encode(HMAC.sha1(key: rfc2202[4].key, message: rfc2202[4].data)).hasPrefix("4c1a03424b55e07fe7f27be1"))
    }

    /// Slack's "Verifying requests from Slack" worked example.
    func testSlackPublishedSigningExample() {
        let body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
        let mac = HMAC.sha256(key: Self.utf8("8f742231b10e8888abcd99yyyzzz85a5"), message: Self.utf8("v0:1531420618:" + body))
        XCTAssertEqual("v0=" + Hex.encode(mac), "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")
    }

    /// Twilio's security documentation example: URL, then each POST parameter name and value sorted by name.
    func testTwilioPublishedSigningExample() {
        let data = "https://mycompany.com/myapp.php?foo=1&bar=2" + "CallSidCA1234567890ABCDE" + "Caller+12349013030" + "Digits1234"
            + "From+12349013030" + "To+18005551212"
        XCTAssertEqual(Base64.encode(HMAC.sha1(key: Self.utf8("12345"), message: Self.utf8(data))), "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")
    }

    func testConstantTimeEqualsComparesWholeArrays() {
        XCTAssertTrue(ConstantTime.equals([], []))
        XCTAssertTrue(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        XCTAssertFalse(ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        XCTAssertFalse(ConstantTime.equals([0, 2, 3], [1, 2, 3]))
        XCTAssertFalse(ConstantTime.equals([1, 2], [1, 2, 3]))
    }
}
