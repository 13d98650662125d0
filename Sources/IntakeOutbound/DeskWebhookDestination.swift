public import Curl
public import IntakeCore

/// The generic desk webhook: each event `POST`ed as JSON (the outbox payload as it is) to
/// `outbox.desk_url`, signed the Standard Webhooks way: `webhook-id` (the event id, stable across
/// retries, so the receiver deduplicates on it), `webhook-timestamp` (unix seconds of this attempt,
/// for the receiver's replay window) and `webhook-signature`.
public struct DeskWebhookDestination: HTTPDestination {
    public let name = "desk"
    public let url: String
    public let signature: StandardWebhookSignature?
    public let client: HTTPClient

    /// `secret` nil sends unsigned requests (a receiver on loopback, say); the service warns about it.
    public init(url: String, secret: String?, client: HTTPClient) {
        self.url = url
        signature = secret.map(StandardWebhookSignature.init(secret:))
        self.client = client
    }

    public func plan(_ event: OutboundEvent, now: Timestamp) -> DeliveryPlan {
        var request = OutboundRequest.json(url, event.payload, headers: [
            HTTPHeader(name: "webhook-id", value: event.eventID),
            HTTPHeader(name: "webhook-timestamp", value: String(now.seconds)),
        ])
        if let signature {
            let value = signature.sign(id: event.eventID, timestamp: now.seconds, body: request.body)
            request.headers.append(HTTPHeader(name: "webhook-signature", value: value))
        }
        return .send(request)
    }

    public func interpret(_ response: HTTPResponse, for event: OutboundEvent, now: Timestamp) -> DeliveryResult {
        HTTPOutcome.result(response, now: now)
    }
}
