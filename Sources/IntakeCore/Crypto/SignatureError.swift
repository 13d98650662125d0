/// Why a webhook's signature (or a verification handshake) was refused. The server answers every case
/// with 401/403 and logs the case, never the secret or the expected value.
public enum SignatureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The signature header (or the timestamp it depends on) is absent or empty.
    case missing(String)
    /// The header is present but not in the platform's format.
    case malformed(String)
    /// The signed timestamp is too far from now: a replay, or a clock that drifted.
    case stale(skewSeconds: Int64)
    /// Well-formed but computed with another secret or over another body.
    case mismatch
    /// A verification handshake's token (named) is not the configured one.
    case tokenMismatch(String)

    public var description: String {
        switch self {
        case .missing(let what): "signature refused: \(what) is missing"
        case .malformed(let why): "signature refused: malformed \(why)"
        case .stale(let skew) where skew < 0: "signature refused: timestamp is \(-skew) s in the future"
        case .stale(let skew): "signature refused: timestamp is \(skew) s old"
        case .mismatch: "signature refused: it does not match the body"
        case .tokenMismatch(let what): "verification refused: \(what) is not the configured verify token"
        }
    }
}
