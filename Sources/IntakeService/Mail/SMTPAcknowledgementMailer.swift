public import IntakeCore
public import IntakeMail
import Curl

/// Sends acknowledgements through `SMTPSender` to the server of `email.smtp_url`.
///
/// A 5yz reply is a permanent failure (RFC 5321 §4.2.1: the same transaction will fail again) and goes to
/// the dead letters, as does an address `SMTPSender` will not put in an envelope (a quoted local part
/// with a space); everything else (no connection, a timeout, a 4yz reply) is temporary and retried by
/// the outbox.
public struct SMTPAcknowledgementMailer: AcknowledgementMailer {
    public let sender: SMTPSender

    public init(sender: SMTPSender) {
        self.sender = sender
    }

    /// Nil when `email.smtp_url` is not set.
    public init?(email: GatewayConfig.Email) throws(ConfigError) {
        guard let server = try MailServer.smtp(email) else { return nil }
        self.init(sender: SMTPSender(server: server))
    }

    public func send(from: String, to: String, message: [UInt8]) throws(AcknowledgementMailError) {
        do {
            try sender.send(from: from, to: [to], message: message)
        } catch {
            throw AcknowledgementMailError(isPermanent: Self.isPermanent(error), message: error.description)
        }
    }

    static func isPermanent(_ error: CurlError) -> Bool {
        (500...599).contains(error.responseCode) || error.isInvalidArgument
    }
}
