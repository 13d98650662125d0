public import IntakeCore

/// Meta's webhook signing (Graph API "Webhooks: event notifications"): `X-Hub-Signature-256` is
/// `sha256=` and the hex HMAC-SHA256 of the raw body keyed with the app secret. Meta sends no timestamp,
/// so replays are caught by message ids, not here.
public enum MetaSignature {
    public static func verify(appSecret: String, body: [UInt8], header: String?) throws(SignatureError) {
        guard let header, !header.isEmpty else { throw .missing("X-Hub-Signature-256") }
        guard header.hasPrefix("sha256="), let given = Hex.decode(String(header.dropFirst(7))), given.count == SHA256.digestSize else {
            throw .malformed("X-Hub-Signature-256 (want sha256= and 64 hex digits)")
        }
        guard ConstantTime.equals(HMAC.sha256(key: Array(appSecret.utf8), message: body), given) else { throw .mismatch }
    }
}
