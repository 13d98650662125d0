@testable import IntakeMIME
import XCTest

/// Opaque S/MIME bodies (RFC 8551, CMS of RFC 5652) in the two encodings mailers write: DER with definite
/// lengths (`openssl smime`) and BER with indefinite lengths and the content in pieces (Outlook,
/// `openssl cms -stream`).
final class CMSContentInfoTests: XCTestCase {
    static let signedData: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02]
    static let data: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01]
    static let envelopedData: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x03]
    static let entity = Array("Content-Type: text/plain\r\n\r\nHola".utf8)

    /// A definite-length element (lengths over 127 in the long form).
    func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        if content.count < 0x80 { return [tag, UInt8(content.count)] + content }
        return [tag, 0x82, UInt8(content.count >> 8), UInt8(content.count & 0xFF)] + content
    }

    /// An indefinite-length element.
    func indefinite(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] { [tag, 0x80] + content + [0, 0] }

    func testReadsTheSignedContentInEitherEncoding() {
        let padding = [UInt8](repeating: 0x41, count: 200)
        let definite = tlv(0x30, Self.signedData + tlv(0xA0, tlv(0x30,
            tlv(0x02, [1]) + tlv(0x31, []) + tlv(0x30, Self.data + tlv(0xA0, tlv(0x04, Self.entity))) + tlv(0x31, padding))))
        let pieces = tlv(0x04, Array(Self.entity[..<10])) + tlv(0x04, Array(Self.entity[10...]))
        let streamed = indefinite(0x30, Self.signedData + indefinite(0xA0, indefinite(0x30,
            tlv(0x02, [1]) + tlv(0x31, []) + indefinite(0x30, Self.data + indefinite(0xA0, indefinite(0x24, pieces))) + tlv(0x31, []))))
        XCTAssertEqual(CMSContentInfo(ber: definite), .signed(content: Self.entity))
        XCTAssertEqual(CMSContentInfo(ber: streamed), .signed(content: Self.entity))
    }

    func testEncryptedDetachedAndMalformedBodies() {
        let enveloped = tlv(0x30, Self.envelopedData + tlv(0xA0, tlv(0x30, tlv(0x02, [0]))))
        let detached = tlv(0x30, Self.signedData + tlv(0xA0, tlv(0x30, tlv(0x02, [1]) + tlv(0x31, []) + tlv(0x30, Self.data) + tlv(0x31, []))))
        let deep = Array([[UInt8]](repeating: [0x30, 0x80], count: 2000).joined())
        let table: [(String, [UInt8], CMSContentInfo)] = [
            ("enveloped", enveloped, .encrypted),
            ("detached signature", detached, .other),
            ("truncated", Array(enveloped.prefix(8)), .other),
            ("length past the end", [0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF, 0x06], .other),
            ("unterminated indefinite", [0x30, 0x80] + Self.signedData, .other),
            ("nested past the depth limit", deep, .other),
            ("text", Array("Hola".utf8), .other),
            ("empty", [], .other),
        ]
        for (name, bytes, expected) in table {
            XCTAssertEqual(CMSContentInfo(ber: bytes), expected, name)
        }
    }
}
