import IntakeCore

/// The Standard Webhooks signature (standardwebhooks.com, "Signature scheme"): HMAC-SHA256 over
/// `"{webhook-id}.{webhook-timestamp}.{body}"`, sent as `webhook-signature: v1,<base64>`. Secrets are
/// written `whsec_<base64 of the key bytes>`; a secret without that prefix is used as its UTF-8 bytes.
public struct StandardWebhookSignature: Sendable, Equatable {
    public let key: [UInt8]

    public init(secret: String) {
        if secret.hasPrefix("whsec_"), let decoded = Base64.decode(String(secret.dropFirst(6))) {
            key = decoded
        } else {
            key = Array(secret.utf8)
        }
    }

    /// `v1,<base64 HMAC-SHA256>` for one message.
    public func sign(id: String, timestamp: Int64, body: [UInt8]) -> String {
        let content = Array("\(id).\(timestamp).".utf8) + body
        return "v1," + Base64.encode(HMAC.sha256(key: key, message: content))
    }
}
