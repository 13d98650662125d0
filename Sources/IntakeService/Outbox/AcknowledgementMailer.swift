/// Sends one composed acknowledgement over SMTP. The service's SMTP sender conforms; a test passes its own.
public protocol AcknowledgementMailer: Sendable {
    /// `message`: the complete RFC 5322 message, CRLF line ends.
    func send(from: String, to: String, message: [UInt8]) throws(AcknowledgementMailError)
}

/// Why an acknowledgement was not sent. A permanent failure (an SMTP 5yz reply, RFC 5321 §4.2.1) goes
/// to the dead letters; anything else is retried.
public struct AcknowledgementMailError: Error, Sendable, Equatable, CustomStringConvertible {
    public var isPermanent: Bool
    public var message: String

    public init(isPermanent: Bool, message: String) {
        self.isPermanent = isPermanent
        self.message = message
    }

    public var description: String { message }
}
