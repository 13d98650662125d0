public import IntakeCore

/// Somewhere outbox events go: the desk, Slack, WhatsApp, email. `deliver` makes one attempt and says
/// how it went; it never writes the store (the worker records results afterwards, several in one
/// transaction) and never throws: every failure is a `DeliveryResult`.
public protocol OutboundDestination: Sendable {
    /// The outbox `destination` column this serves: `desk`, `slack`, `whatsapp` or `email`.
    var name: String { get }
    /// True when `deliver` reads what recording an earlier result writes (the email acknowledgement's
    /// daily count): the worker then records the results it holds before each delivery here.
    var readsRecordedResults: Bool { get }
    func deliver(_ event: OutboundEvent, now: Timestamp) -> DeliveryResult
}

extension OutboundDestination {
    public var readsRecordedResults: Bool { false }
}
