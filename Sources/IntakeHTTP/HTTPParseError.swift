/// Why a request could not be parsed, and the status each reason is answered with. After any of these
/// the connection is closed: the framing of whatever follows can no longer be trusted.
public enum HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Bad syntax in the request line, a field, the framing or a chunk (RFC 9112) → 400.
    case malformed(String)
    /// The request line is longer than `HTTPLimits.requestLineBytes` → 414 (RFC 9112 §3).
    case requestLineTooLong(limit: Int)
    /// A field line, all fields, or the field count is over its limit → 431 (RFC 6585 §5).
    case headersTooLarge(String)
    /// `Content-Length` or the chunked total is over `HTTPLimits.bodyBytes` → 413.
    case bodyTooLarge(limit: Int)
    /// A transfer coding other than `chunked` → 501 (RFC 9112 §6.1).
    case unsupportedTransferCoding(String)
    /// A well-formed version other than HTTP/1.x → 505 (HTTP/1.2 and later minors are read as 1.1).
    case unsupportedVersion(String)
    /// An `Expect` other than `100-continue` → 417 (RFC 9110 §10.1.1), before any body byte is read.
    case unsupportedExpectation(String)

    public var status: Int {
        switch self {
        case .malformed: 400
        case .requestLineTooLong: 414
        case .headersTooLarge: 431
        case .bodyTooLarge: 413
        case .unsupportedTransferCoding: 501
        case .unsupportedVersion: 505
        case .unsupportedExpectation: 417
        }
    }

    public var message: String {
        switch self {
        case .malformed(let reason): reason
        case .requestLineTooLong(let limit): "request line longer than \(limit) bytes"
        case .headersTooLarge(let reason): reason
        case .bodyTooLarge(let limit): "body larger than \(limit) bytes"
        case .unsupportedTransferCoding(let coding): "transfer coding '\(coding)' is not supported; use chunked"
        case .unsupportedVersion(let version): "\(version) is not supported; use HTTP/1.1"
        case .unsupportedExpectation(let expectation):
            "expectation '\(expectation)' is not supported; only 100-continue is"
        }
    }

    public var description: String { "\(status): \(message)" }
}
