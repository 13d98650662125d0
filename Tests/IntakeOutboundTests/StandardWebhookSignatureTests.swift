import IntakeCore
import IntakeOutbound
import XCTest

final class StandardWebhookSignatureTests: XCTestCase {
    /// The example of the Standard Webhooks specification (and its reference libraries' tests).
    func testSpecificationExampleSignature() {
        let signature = StandardWebhookSignature(secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let value = signature.sign(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: Array(#"{"test": 2432232314}"#.utf8))
        XCTAssertEqual(value, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    func testSecretWithoutPrefixIsUsedAsItsBytes() {
        XCTAssertEqual(StandardWebhookSignature(secret: "plain-secret").key, Array("plain-secret".utf8))
        XCTAssertEqual(StandardWebhookSignature(secret: "whsec_AAEC").key, [0, 1, 2])
    }
}
