/// The metric families `/metrics` exposes, declared in one place.
public enum MetricNames {
    public static let requests = "intake_http_requests_total"
    public static let latency = "intake_webhook_latency_seconds"
    public static let messages = "intake_messages_total"
    public static let signatureFailures = "intake_signature_failures_total"
    public static let mailPollDuration = "intake_mail_poll_duration_seconds"
    public static let mailPollLag = "intake_mail_poll_lag_seconds"
    public static let mailPolls = "intake_mail_polls_total"
    public static let outboxDepth = "intake_outbox_depth"
    public static let outboxAttempts = "intake_outbox_delivery_attempts_total"
    public static let deadLetters = "intake_outbox_dead_letters"
    public static let openTickets = "intake_sla_open_tickets"
    public static let breached = "intake_sla_breached_tickets"
    public static let dueWithinHour = "intake_sla_due_within_hour_tickets"
    public static let contractInactive = "intake_sla_contract_inactive_tickets"
    public static let cdrRows = "intake_cdr_rows_total"
    public static let up = "intake_up"

    static func describe(_ m: Metrics) {
        m.describe(up, type: "gauge", help: "1 while the service runs.")
        m.describe(requests, type: "counter", help: "HTTP requests by route and status.")
        m.describe(latency, type: "histogram", help: "Time from a request's parse to its response, by route.")
        m.describe(messages, type: "counter", help: "Messages through the pipeline by channel and outcome.")
        m.describe(signatureFailures, type: "counter", help: "Requests refused for a bad, stale or missing signature or token, by channel.")
        m.describe(mailPolls, type: "counter", help: "Mail polls by result.")
        m.describe(mailPollDuration, type: "histogram", help: "Duration of one mail poll.")
        m.describe(mailPollLag, type: "gauge", help: "Seconds since the last successful mail poll.")
        m.describe(cdrRows, type: "counter", help: "CDR rows read by result.")
        m.describe(outboxDepth, type: "gauge", help: "Outbox events by state.")
        m.describe(outboxAttempts, type: "counter", help: "Outbox delivery attempts by destination and result.")
        m.describe(deadLetters, type: "gauge", help: "Outbox events in the dead-letter state.")
        m.describe(openTickets, type: "gauge", help: "Open tickets by priority.")
        m.describe(breached, type: "gauge", help: "Open tickets under contract past their first-response deadline, by priority.")
        m.describe(dueWithinHour, type: "gauge", help: "Open tickets under contract due within the hour, by priority.")
        m.describe(contractInactive, type: "gauge", help: "Open tickets of customers whose contract is inactive or suspended (outside the SLA), by priority.")
        m.set(up, [], 1)
    }
}
