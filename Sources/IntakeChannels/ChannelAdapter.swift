public import IntakeCore

/// A platform's raw payload, as it arrived: the body bytes and, when known, its content type and the
/// name it came under (a file path, a route) for error messages.
public struct RawPayload: Sendable {
    public var bytes: [UInt8]
    public var contentType: String?
    public var source: String

    public init(bytes: [UInt8], contentType: String? = nil, source: String = "-") {
        self.bytes = bytes
        self.contentType = contentType
        self.source = source
    }

    /// The bytes after a UTF-8 byte order mark, when they start with one: the platforms send none, but
    /// payloads are also read from files (`intake normalize`, `ingest`, `replay`), and Windows tools save
    /// text with one.
    public var bytesAfterByteOrderMark: [UInt8] {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
    }
}

/// Turns one channel's raw payload into zero or more normalized messages. Pure: no I/O, no clock, no
/// signature checks (the server verifies before it calls an adapter). An adapter recognises the shapes
/// its platform sends by itself (Slack event JSON or slash-command form; WhatsApp Cloud JSON or Twilio
/// form; `.eml`; CDR CSV, call-log JSON or CTI event array).
public protocol ChannelAdapter: Sendable {
    var channel: Channel { get }
    func normalize(_ payload: RawPayload) throws(AdapterError) -> [InboundMessage]
}

/// Why a payload is not what its channel expects.
public struct AdapterError: Error, Sendable, Equatable, CustomStringConvertible {
    public var channel: Channel
    public var reason: String

    public init(channel: Channel, reason: String) {
        self.channel = channel
        self.reason = reason
    }

    public var description: String { "not a \(channel.rawValue) payload: \(reason)" }
}
