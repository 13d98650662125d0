import IntakeChannels
import IntakeCore
import XCTest

final class SlackSignatureTests: XCTestCase {
    /// Slack's published example ("Verifying requests from Slack").
    private let secret = "8f742231b10e8888abcd99yyyzzz85a5"
    private let timestamp = "1531420618"
    private let body = Array("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c".utf8)
    private let signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
    private let now = Timestamp(seconds: 1_531_420_618 + 42)

    private func verify(secret: String? = nil, timestamp: String?? = nil, body: [UInt8]? = nil, signature: String?? = nil, now: Timestamp? = nil) throws {
        try SlackSignature.verify(
            secret: secret ?? self.secret, timestamp: timestamp ?? self.timestamp, body: body ?? self.body,
            signature: signature ?? self.signature, now: now ?? self.now)
    }

    func testPublishedExampleIsValid() throws {
        try verify()
        try verify(signature: .some(signature.uppercased().replacingOccurrences(of: "V0=", with: "v0=")))
    }

    func testForgedBodyOrSecretIsAMismatch() {
        var tampered = body
        tampered[tampered.count - 1] ^= 1
        XCTAssertThrowsError(try verify(body: tampered)) { XCTAssertEqual($0 as? SignatureError, .mismatch) }
        XCTAssertThrowsError(try verify(secret: "another-secret")) { XCTAssertEqual($0 as? SignatureError, .mismatch) }
        XCTAssertThrowsError(try verify(signature: .some("v0=" + String(repeating: "0", count: 64)))) {
            XCTAssertEqual($0 as? SignatureError, .mismatch)
        }
    }

    func testTimestampsMoreThanFiveMinutesAwayAreStaleEitherWay() throws {
        try verify(now: Timestamp(seconds: 1_531_420_618 + 300))
        try verify(now: Timestamp(seconds: 1_531_420_618 - 300))
        XCTAssertThrowsError(try verify(now: Timestamp(seconds: 1_531_420_618 + 301))) {
            XCTAssertEqual($0 as? SignatureError, .stale(skewSeconds: 301))
        }
        XCTAssertThrowsError(try verify(now: Timestamp(seconds: 1_531_420_618 - 301))) {
            XCTAssertEqual($0 as? SignatureError, .stale(skewSeconds: -301))
        }
        XCTAssertEqual(SignatureError.stale(skewSeconds: 301).description, "signature refused: timestamp is 301 s old")
        XCTAssertEqual(SignatureError.stale(skewSeconds: -600).description, "signature refused: timestamp is 600 s in the future")
    }

    func testMissingAndMalformedHeadersAreNamed() {
        let cases: [(String??, String??, (SignatureError) -> Bool)] = [
            (.some(nil), nil, { if case .missing = $0 { true } else { false } }),
            (.some(""), nil, { if case .missing = $0 { true } else { false } }),
            (nil, .some(nil), { if case .missing = $0 { true } else { false } }),
            (.some("1531420618.5"), nil, { if case .malformed = $0 { true } else { false } }),
            (.some("-1531420618"), nil, { if case .malformed = $0 { true } else { false } }),
            (.some("99999999999999999999"), nil, { if case .malformed = $0 { true } else { false } }),
            (nil, .some("v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"), { if case .malformed = $0 { true } else { false } }),
            (nil, .some("v0=a2114d57"), { if case .malformed = $0 { true } else { false } }),
            (nil, .some("v0=zz114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"), { if case .malformed = $0 { true } else { false } }),
            (nil, .some("a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"), { if case .malformed = $0 { true } else { false } }),
        ]
        for (i, (ts, sig, expected)) in cases.enumerated() {
            XCTAssertThrowsError(try verify(timestamp: ts, signature: sig), "case \(i)") { error in
                XCTAssertTrue((error as? SignatureError).map(expected) ?? false, "case \(i): \(error)")
            }
        }
    }
}
