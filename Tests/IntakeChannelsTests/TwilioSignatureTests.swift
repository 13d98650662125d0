import IntakeChannels
import IntakeCore
import XCTest

final class TwilioSignatureTests: XCTestCase {
    /// Twilio's security documentation example, parameters given out of order on purpose.
    private let url = "https://mycompany.com/myapp.php?foo=1&bar=2"
    private let parameters: [(name: String, value: String)] = [
        ("From", "+12349013030"), ("Digits", "1234"), ("To", "+18005551212"), ("CallSid", "CA1234567890ABCDE"), ("Caller", "+12349013030"),
    ]
    private let signature = "0/KCTR6DLpKmkAf8muzZqo1nDgQ="

    func testPublishedExampleIsValidWhateverTheParameterOrder() throws {
        try TwilioSignature.verify(authToken: "12345", url: url, parameters: parameters, signature: signature)
        try TwilioSignature.verify(authToken: "12345", url: url, parameters: parameters.reversed(), signature: signature)
    }

    func testForgedParametersURLOrTokenAreAMismatch() {
        var forged = parameters
        forged[1].value = "9999"
        let attempts: [(String, String, [(name: String, value: String)])] = [
            ("12345", url, forged),
            ("12345", "https://mycompany.com/myapp.php?foo=1&bar=3", parameters),
            ("54321", url, parameters),
            ("12345", url, parameters + [("Body", "")]),
        ]
        for (token, url, params) in attempts {
            XCTAssertThrowsError(try TwilioSignature.verify(authToken: token, url: url, parameters: params, signature: signature)) {
                XCTAssertEqual($0 as? SignatureError, .mismatch)
            }
        }
    }

    func testMissingAndMalformedSignaturesAreRefused() {
        XCTAssertThrowsError(try TwilioSignature.verify(authToken: "12345", url: url, parameters: parameters, signature: nil)) {
            XCTAssertEqual($0 as? SignatureError, .missing("X-Twilio-Signature"))
        }
        for bad in ["0/KCTR6DLpKmkAf8muzZqo1nDgQ", "0/KCTR6DLpKmkAf8muzZqo1nDgQ==", "not base64!", "AAAA"] {
            XCTAssertThrowsError(try TwilioSignature.verify(authToken: "12345", url: url, parameters: parameters, signature: bad), bad) { error in
                guard case .malformed? = error as? SignatureError else { return XCTFail("\(bad): \(error)") }
            }
        }
    }
}
