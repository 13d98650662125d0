public import IntakeCore

/// One outbox event as a destination sees it: what happened (`type`, `payload` =
/// `{"event", "ticket", "message"}` as the pipeline queued it), which attempt this is, and what earlier
/// deliveries of the same ticket left behind.
public struct OutboundEvent: Sendable, Equatable {
    /// Stable across retries: sent as `Idempotency-Key` (and `webhook-id`) so a receiver can drop a
    /// redelivery of an event it already processed.
    public var eventID: String
    public var type: String
    public var payload: JSONValue
    /// 1 for the first attempt.
    public var attempt: Int
    /// What an earlier delivery of this ticket to the same destination recorded and later events attach
    /// to: the Zammad ticket id, the Slack thread `ts`. Nil before the ticket's first delivery.
    public var remoteReference: String?
    /// `es` (default) or `en`: the customer's language for the texts we write.
    public var locale: String
    /// The customer's own time zone, in which the deadline we write to them reads; nil: the
    /// destination's configured zone (`phone.cdr_time_zone`, else `cdr_utc_offset`).
    public var timeZone: LocalTimeZone?

    public init(eventID: String, type: String, payload: JSONValue, attempt: Int, remoteReference: String? = nil, locale: String = "es",
                timeZone: LocalTimeZone? = nil) {
        self.eventID = eventID
        self.type = type
        self.payload = payload
        self.attempt = attempt
        self.remoteReference = remoteReference
        self.locale = locale
        self.timeZone = timeZone
    }

    /// The offset east of UTC a time we write to the customer reads in: their zone's at that time (Chile's
    /// winter and summer differ), else the `configured` zone's.
    package func utcOffset(at time: Timestamp, otherwise configured: LocalTimeZone) -> Int {
        (timeZone ?? configured).offsetSeconds(at: time)
    }

    var ticket: JSONValue { payload["ticket"] ?? .null }
    var message: JSONValue { payload["message"] ?? .null }
    var ticketNumber: String { ticket["number"]?.stringValue ?? "?" }
    var priority: Priority { ticket["priority"]?.stringValue.flatMap(Priority.init(rawValue:)) ?? .medium }
    var firstResponseDue: Timestamp? { ticket["first_response_due"]?.stringValue.flatMap(Timestamp.init(iso8601:)) }
    /// The deadline we tell the customer: none for a ticket outside the service agreement (a contract
    /// inactive or suspended), which `intake sla` never counts due or breached either.
    var promisedFirstResponse: Timestamp? {
        ticket["flags"]?["contract_inactive"]?.boolValue == true ? nil : firstResponseDue
    }
    var replyAddress: String? { ticket["reply_route"]?["address"]?.stringValue }
    /// The reply address is a WhatsApp group id, not a number (`reply_route.recipient_type: group`).
    var repliesToGroup: Bool { ticket["reply_route"]?["recipient_type"]?.stringValue == "group" }
    var isEnglish: Bool { locale.lowercased().hasPrefix("en") }

    /// The text of the message that caused the event: the ticket text when the adapter cut quoted
    /// history, else the whole text.
    var messageText: String? { message["ticket_text"]?.stringValue ?? message["text"]?.stringValue }

    /// When the customer last wrote: the message's `sent_at`, else the ticket's last update (the time
    /// the message was received).
    var lastInboundAt: Timestamp? {
        message["sent_at"]?.stringValue.flatMap(Timestamp.init(iso8601:))
            ?? ticket["updated_at"]?.stringValue.flatMap(Timestamp.init(iso8601:))
    }
}
