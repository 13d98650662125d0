public import IntakeCore

/// Slack's request signing (docs "Verifying requests from Slack"): `X-Slack-Signature` is `v0=` and the
/// hex HMAC-SHA256, keyed with the app's signing secret, of `v0:{X-Slack-Request-Timestamp}:{raw body}`.
public enum SlackSignature {
    /// Slack's advice: refuse a timestamp more than five minutes from local time, so a captured request
    /// cannot be replayed later.
    public static let maximumSkewSeconds: Int64 = 300

    /// Throws why the request is refused; returns when it is authentic. `body` is the raw body exactly as
    /// received (before any form or JSON decoding); `now` is injected so tests need no clock.
    public static func verify(secret: String, timestamp: String?, body: [UInt8], signature: String?, now: Timestamp) throws(SignatureError) {
        guard let timestamp, !timestamp.isEmpty else { throw .missing("X-Slack-Request-Timestamp") }
        guard let signature, !signature.isEmpty else { throw .missing("X-Slack-Signature") }
        guard timestamp.utf8.count <= 12, timestamp.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let seconds = Int64(timestamp) else {
            throw .malformed("X-Slack-Request-Timestamp (want Unix seconds)")
        }
        guard signature.hasPrefix("v0="), let given = Hex.decode(String(signature.dropFirst(3))), given.count == SHA256.digestSize else {
            throw .malformed("X-Slack-Signature (want v0= and 64 hex digits)")
        }
        let skew = now.seconds - seconds
        guard abs(skew) <= maximumSkewSeconds else { throw .stale(skewSeconds: skew) }
        let expected = HMAC.sha256(key: Array(secret.utf8), message: Array("v0:\(timestamp):".utf8) + body)
        guard ConstantTime.equals(expected, given) else { throw .mismatch }
    }
}
