public import IntakeCore

/// Stage 4: priority, request type and first-response deadline. An explicit hint (slash command, call
/// log) wins, then a marker or keyword rule, then the default; the customer's floor is applied last.
public struct Classifier: Sendable {
    public struct Decision: Sendable, Equatable {
        public var priority: Priority
        public var requestType: RequestType
        public var reasons: [String]
    }

    public let rules: ClassificationRules
    public let sla: SLAPolicy
    public let missedCallPriority: Priority

    public init(rules: ClassificationRules, sla: SLAPolicy, missedCallPriority: Priority) {
        self.rules = rules
        self.sla = sla
        self.missedCallPriority = missedCallPriority
    }

    /// Priority and type: pure, so it runs before the store transaction.
    public func classify(_ message: InboundMessage, customer: Customer?) -> Decision {
        let rule = rules.classify(subject: message.subject, text: message.effectiveText)
        var priority = rule.priority
        var reasons: [String] = []
        if let hinted = message.hints.priority {
            priority = hinted
            reasons.append("priority \(hinted.rawValue) given explicitly by the sender")
        } else if message.kind == .missedCall {
            priority = missedCallPriority
            reasons.append("priority \(priority.rawValue) for a missed call (phone.missed_call_priority)")
        } else {
            reasons.append("priority \(priority.rawValue): \(rule.priorityReason)")
        }
        if let floor = customer?.priorityFloor, floor > priority {
            reasons.append("raised to \(floor.rawValue) by customer \(customer!.id)'s priority floor")
            priority = floor
        }
        var type = rule.requestType
        if let hinted = message.hints.requestType {
            type = hinted
            reasons.append("type \(hinted.rawValue) given explicitly by the sender")
        } else {
            reasons.append("type \(type.rawValue): \(rule.typeReason)")
        }
        return Decision(priority: priority, requestType: type, reasons: reasons)
    }

    /// The SLA deadline for a priority from `start`, and the sentence `intake explain` prints for it.
    public func firstResponseDue(_ priority: Priority, from start: Timestamp) -> (due: Timestamp, reason: String) {
        let due = sla.firstResponseDue(priority: priority, from: start)
        return (due, "first response due " + due.iso8601 + " (" + priority.rawValue + ": " + Self.span(sla, priority) + " h from " + start.iso8601 + ")")
    }

    /// The SLA of a priority in hours, as `explain` prints it: `2`, `0.5`.
    static func span(_ sla: SLAPolicy, _ priority: Priority) -> String {
        let seconds = sla.firstResponseSeconds[priority] ?? 0
        if seconds % 3600 == 0 { return String(seconds / 3600) }
        return String(Double(seconds) / 3600)
    }
}
