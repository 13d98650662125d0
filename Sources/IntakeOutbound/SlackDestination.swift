public import Curl
public import IntakeCore

/// Ticket notices in the customer's Slack channel through `chat.postMessage` with the bot token.
///
/// A new ticket (or a missed call that opened one) posts its number, priority and deadline; later
/// notices (reopened, priority raised) go into the ticket's thread: `remoteReference` is the ticket's
/// `reply_route.thread` when the ticket came from a Slack thread, else the `ts` our first post returned
/// (the worker records it). Slack answers HTTP 200 with `{"ok": false, "error": ...}` on failures
/// (api.slack.com/web, "Evaluating responses"); rate limits come as HTTP 429 with `Retry-After`, or
/// as `ratelimited`.
public struct SlackDestination: HTTPDestination {
    public let name = "slack"
    public let apiBase: String
    public let botToken: String
    /// The clock the deadline is shown on to clients that cannot render Slack's date token (Argentina's UTC-3).
    public let timeZone: LocalTimeZone
    public let client: HTTPClient

    /// Errors Slack documents as transient: worth another attempt.
    static let transientErrors: Set<String> = ["ratelimited", "rate_limited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"]

    public init(apiBase: String, botToken: String, timeZone: LocalTimeZone = .argentina, client: HTTPClient) {
        self.apiBase = apiBase.hasSuffix("/") ? String(apiBase.dropLast()) : apiBase
        self.botToken = botToken
        self.timeZone = timeZone
        self.client = client
    }

    public func plan(_ event: OutboundEvent, now: Timestamp) -> DeliveryPlan {
        guard let channel = event.replyAddress, !channel.isEmpty else { return .reject(reason: "the ticket has no Slack channel") }
        var body = JSONObject()
        body["channel"] = .string(channel)
        body["text"] = .string(Self.text(event, timeZone: timeZone))
        if let thread = event.remoteReference { body["thread_ts"] = .string(thread) }
        body["unfurl_links"] = false
        return .send(.json(apiBase + "/chat.postMessage", .object(body), headers: [HTTPHeader(name: "Authorization", value: "Bearer " + botToken)]))
    }

    public func interpret(_ response: HTTPResponse, for event: OutboundEvent, now: Timestamp) -> DeliveryResult {
        guard (200..<300).contains(response.status) else { return HTTPOutcome.result(response, now: now) }
        guard let json = HTTPOutcome.json(response), let ok = json["ok"]?.boolValue else {
            return .retry(status: response.status, reason: "Slack answered without an `ok` field")
        }
        if ok { return .delivered(status: response.status, remoteID: json["ts"]?.stringValue) }
        let error = json["error"]?.stringValue ?? "unknown_error"
        if Self.transientErrors.contains(error) {
            return .retry(status: response.status, reason: "Slack: \(error)", retryAfter: HTTPOutcome.retryAfter(response, now: now))
        }
        return .rejected(status: response.status, reason: "Slack: \(error)")
    }

    /// The notice for one event, in the customer's language.
    static func text(_ event: OutboundEvent, timeZone: LocalTimeZone = .argentina) -> String {
        let en = event.isEnglish
        let number = "*\(event.ticketNumber)*"
        let priority = "*\(NoticeText.priority(event.priority, english: en))*"
        let due = event.promisedFirstResponse.map {
            (en ? "first response by " : "primera respuesta antes de ") + NoticeText.slackDate($0, offset: event.utcOffset(at: $0, otherwise: timeZone), english: en)
        }
        let subject = event.ticket["subject"]?.stringValue.map { "\n> " + NoticeText.slackEscape($0) } ?? ""
        var parts: [String]
        switch event.type {
        case "ticket.created":
            parts = [(en ? "New ticket " : "Nuevo ticket ") + number, (en ? "priority " : "prioridad ") + priority]
        case "call.missed":
            let caller = NoticeText.slackEscape(event.message["sender"]?["id"]?.stringValue ?? "?")
            parts = [(en ? "Missed call from " : "Llamada perdida de ") + caller + (en ? " on ticket " : " en el ticket ") + number,
                     (en ? "priority " : "prioridad ") + priority]
        case "ticket.reopened":
            parts = [en ? "Ticket \(number) reopened by a new message" : "Ticket \(number) reabierto por un mensaje nuevo"]
        case "ticket.priority_changed":
            parts = [en ? "Priority of \(number) raised to \(priority)" : "Prioridad de \(number) elevada a \(priority)"]
        default:
            parts = [(en ? "Update on " : "Novedad en ") + number + " (\(event.type))"]
        }
        if let due, event.type != "ticket.reopened" { parts.append(due) }
        return parts.joined(separator: " · ") + (event.type == "ticket.created" ? subject : "")
    }
}
