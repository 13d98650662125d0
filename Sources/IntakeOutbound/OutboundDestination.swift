public import IntakeCore

/// Somewhere outbox events go: the desk, Slack, WhatsApp, email. `deliver` makes one attempt and says
/// how it went; it never touches the store (the worker records the result afterwards, in its own short
/// transaction) and never throws: every failure is a `DeliveryResult`.
public protocol OutboundDestination: Sendable {
    /// The outbox `destination` column this serves: `desk`, `slack`, `whatsapp` or `email`.
    var name: String { get }
    func deliver(_ event: OutboundEvent, now: Timestamp) -> DeliveryResult
}
