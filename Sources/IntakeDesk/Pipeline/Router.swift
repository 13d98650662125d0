public import IntakeCore

/// Stage 1: which customer a message belongs to, and the flags that follow (unknown sender, contract
/// not active). Nothing is dropped here: an unknown sender still gets a ticket, flagged for triage.
public struct Router: Sendable {
    public struct Decision: Sendable, Equatable {
        public var customer: Customer?
        public var reason: String

        public var isUnknown: Bool { customer == nil }
        public var isContractInactive: Bool { customer.map { !$0.isContractActive } ?? false }

        /// The scope dedupe and threading stay inside: the customer, or, when unknown, the address of the
        /// customer the message is about (`InboundMessage.customerAddress`).
        public func scope(sender: String) -> String { customer.map { "customer:\($0.id)" } ?? "sender:\(sender)" }
    }

    public let directory: CustomerDirectory

    public init(directory: CustomerDirectory) {
        self.directory = directory
    }

    public func route(_ message: InboundMessage) -> Decision {
        guard let match = directory.route(message) else {
            let who = message.recipient.map { "recipient \($0)" } ?? "sender \(message.sender.id)"
            return Decision(customer: nil, reason: "no directory entry for \(message.channel.rawValue) \(who); flagged for triage")
        }
        var reason = "customer \(match.customer.id) by \(match.rule)"
        if !match.customer.isContractActive { reason += "; contract \(match.customer.contract.rawValue) (outside the agreement)" }
        return Decision(customer: match.customer, reason: reason)
    }
}
