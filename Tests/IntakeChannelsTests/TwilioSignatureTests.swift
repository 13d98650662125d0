@testable import IntakeChannels
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

    func testTheDefaultPortMayBeSpelledOrLeftOutOnEitherSide() throws {
        let rows: [(configured: String, signedOver: String, accepted: Bool)] = [
            ("https://mycompany.com/myapp.php?foo=1&bar=2", "https://mycompany.com:443/myapp.php?foo=1&bar=2", true),
            ("https://mycompany.com:443/myapp.php?foo=1&bar=2", "https://mycompany.com/myapp.php?foo=1&bar=2", true),
            ("http://mycompany.com/myapp.php", "http://mycompany.com:80/myapp.php", true),
            ("HTTPS://mycompany.com?x=1", "HTTPS://mycompany.com:443?x=1", true),
            ("https://[2001:db8::1]/t", "https://[2001:db8::1]:443/t", true),
            ("https://mycompany.com:8443/myapp.php", "https://mycompany.com/myapp.php", false),
            ("https://mycompany.com/myapp.php", "https://mycompany.com:80/myapp.php", false),
            ("http://mycompany.com/myapp.php", "https://mycompany.com/myapp.php", false),
        ]
        for row in rows {
            let signed = Base64.encode(HMAC.sha1(key: Array("12345".utf8), message: TwilioSignature.signedData(url: row.signedOver, parameters: parameters)))
            if row.accepted {
                XCTAssertNoThrow(try TwilioSignature.verify(authToken: "12345", url: row.configured, parameters: parameters, signature: signed), row.configured)
            } else {
                XCTAssertThrowsError(try TwilioSignature.verify(authToken: "12345", url: row.configured, parameters: parameters, signature: signed), row.configured)
            }
        }
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
