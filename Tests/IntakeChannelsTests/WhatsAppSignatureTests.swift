import IntakeChannels
import IntakeCore
import XCTest

/// Meta's `X-Hub-Signature-256` and the GET verification handshake.
final class WhatsAppSignatureTests: XCTestCase {
    private let appSecret = "6f1b7c3d9e2a4b5c8d0e1f2a3b4c5d6e"
    private let body = Array(#"{"object":"whatsapp_business_account","entry":[]}"#.utf8)

    private var header: String { "sha256=" + Hex.encode(HMAC.sha256(key: Array(appSecret.utf8), message: body)) }

    func testBodySignedWithTheAppSecretIsValid() throws {
        try MetaSignature.verify(appSecret: appSecret, body: body, header: header)
    }

    func testForgedBodyOrSecretIsAMismatch() {
        XCTAssertThrowsError(try MetaSignature.verify(appSecret: appSecret, body: body + [0x20], header: header)) {
            XCTAssertEqual($0 as? SignatureError, .mismatch)
        }
        XCTAssertThrowsError(try MetaSignature.verify(appSecret: "other", body: body, header: header)) {
            XCTAssertEqual($0 as? SignatureError, .mismatch)
        }
    }

    func testMissingAndMalformedHeadersAreRefused() {
        XCTAssertThrowsError(try MetaSignature.verify(appSecret: appSecret, body: body, header: nil)) {
            XCTAssertEqual($0 as? SignatureError, .missing("X-Hub-Signature-256"))
        }
        let sha1Style = "sha1=" + Hex.encode(HMAC.sha1(key: Array(appSecret.utf8), message: body))
        for bad in ["", String(header.dropFirst(7)), sha1Style, String(header.dropLast(2)), header + "00", "sha256=not-hex"] {
            XCTAssertThrowsError(try MetaSignature.verify(appSecret: appSecret, body: body, header: bad), bad) { error in
                switch error as? SignatureError {
                case .malformed?, .missing?: break
                default: XCTFail("\(bad): \(error)")
                }
            }
        }
    }

    func testVerificationHandshakeEchoesTheChallengeForTheRightToken() throws {
        let query = FormURLEncoded.parse("hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock")
        XCTAssertEqual(try WhatsAppVerification.challenge(query: query, verifyToken: "meatyhamhock"), "1158201444")
    }

    func testVerificationHandshakeRefusesWrongTokenModeOrMissingFields() {
        let cases: [(String, SignatureError)] = [
            ("hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess", .tokenMismatch("hub.verify_token")),
            ("hub.mode=unsubscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock", .malformed("hub.mode (want subscribe)")),
            ("hub.challenge=1158201444&hub.verify_token=meatyhamhock", .missing("hub.mode")),
            ("hub.mode=subscribe&hub.challenge=1158201444", .missing("hub.verify_token")),
            ("hub.mode=subscribe&hub.verify_token=meatyhamhock", .missing("hub.challenge")),
        ]
        for (query, expected) in cases {
            XCTAssertThrowsError(try WhatsAppVerification.challenge(query: FormURLEncoded.parse(query), verifyToken: "meatyhamhock"), query) {
                XCTAssertEqual($0 as? SignatureError, expected, query)
            }
        }
    }
}
