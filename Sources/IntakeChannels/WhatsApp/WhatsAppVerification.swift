public import IntakeCore

/// The GET handshake Meta makes when a webhook URL is configured: `hub.mode=subscribe`,
/// `hub.verify_token` (the token typed into the app dashboard) and `hub.challenge`, which the server must
/// echo as the response body with status 200.
public enum WhatsAppVerification {
    /// The challenge to echo, or why the handshake is refused (answer 403).
    public static func challenge(query: [(name: String, value: String)], verifyToken: String) throws(SignatureError) -> String {
        func field(_ name: String) -> String? { FormURLEncoded.value(name, in: query).flatMap { $0.isEmpty ? nil : $0 } }
        guard let mode = field("hub.mode") else { throw .missing("hub.mode") }
        guard let token = field("hub.verify_token") else { throw .missing("hub.verify_token") }
        guard let challenge = field("hub.challenge") else { throw .missing("hub.challenge") }
        guard mode == "subscribe" else { throw .malformed("hub.mode (want subscribe)") }
        guard ConstantTime.equals(Array(token.utf8), Array(verifyToken.utf8)) else { throw .tokenMismatch("hub.verify_token") }
        return challenge
    }
}
