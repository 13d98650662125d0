/// What one delivery attempt came to. The outbox worker turns it into the row's next state.
public enum DeliveryResult: Sendable, Equatable {
    /// The destination accepted the event; `remoteID` is what it called the thing it created (Slack `ts`,
    /// WhatsApp `wamid`, the Zammad ticket id, our email Message-ID).
    case delivered(status: Int?, remoteID: String?)
    /// Worth trying again later: connection failure, timeout, 408/429/5xx, a rate limit. `retryAfter`
    /// is the wait the destination asked for, in seconds, when it said so.
    case retry(status: Int?, reason: String, retryAfter: Int64? = nil)
    /// The destination refused the event and will refuse it again (another 4xx, `channel_not_found`):
    /// straight to the dead letters, where `intake outbox retry` can revive it after a fix.
    case rejected(status: Int?, reason: String)
    /// Deliberately not sent (outside the WhatsApp window, an acknowledgement the policy forbids).
    case skipped(reason: String)

    /// The metric label: delivered, retry, rejected or skipped.
    public var label: String {
        switch self {
        case .delivered: "delivered"
        case .retry: "retry"
        case .rejected: "rejected"
        case .skipped: "skipped"
        }
    }

    public var status: Int? {
        switch self {
        case .delivered(let status, _), .retry(let status, _, _), .rejected(let status, _): status
        case .skipped: nil
        }
    }
}
