public import Curl
public import IntakeCore

/// The acknowledgement of a new WhatsApp ticket, as a text message through the Cloud API
/// (`POST {api_base}/{phone_number_id}/messages`).
///
/// Meta allows free-form messages only inside the customer-service window: 24 hours from the
/// customer's last message (developers.facebook.com/docs/whatsapp/cloud-api, "Customer service
/// windows"). Outside it only an approved template may be sent, so the event is skipped ("template
/// needed") instead of sent to fail. The returned `messages[0].id` (`wamid`) is recorded, so the
/// `statuses[]` webhooks that follow land on the row.
public struct WhatsAppDestination: HTTPDestination {
    public let name = "whatsapp"
    public let apiBase: String
    public let phoneNumberID: String
    public let accessToken: String
    public let windowSeconds: Int64
    /// The clock the deadline is shown on (Argentina's UTC-3).
    public let timeZone: LocalTimeZone
    public let client: HTTPClient

    /// Graph API error codes that mean "slow down" (throttling, pair rate limit, spam rate limit):
    /// they arrive as HTTP 400, yet pass later.
    static let throttlingCodes: Set<Int> = [4, 80007, 130429, 131048, 131056]
    /// Graph API error codes of a passing trouble on Meta's side: 1 (unknown, "possible server error"),
    /// 2 (service temporarily unavailable), 131000 (something went wrong), 131016 (service
    /// unavailable), 131057 (business account in maintenance, e.g. a throughput upgrade). Meta asks
    /// clients to decide on the code rather than the HTTP status, which for these is not always a 5xx.
    static let transientCodes: Set<Int> = [1, 2, 131000, 131016, 131057]
    /// "Re-engagement message": the window closed between our check and Meta's.
    static let windowClosedCode = 131047

    public init(apiBase: String, phoneNumberID: String, accessToken: String, windowSeconds: Int64 = 24 * 3600,
                timeZone: LocalTimeZone = .argentina, client: HTTPClient) {
        self.apiBase = apiBase.hasSuffix("/") ? String(apiBase.dropLast()) : apiBase
        self.phoneNumberID = phoneNumberID
        self.accessToken = accessToken
        self.windowSeconds = windowSeconds
        self.timeZone = timeZone
        self.client = client
    }

    /// Whether a free-form message may go out `now` when the customer last wrote at `lastInbound`.
    public static func isWindowOpen(lastInbound: Timestamp?, now: Timestamp, windowSeconds: Int64) -> Bool {
        guard let lastInbound else { return false }
        return now.seconds - lastInbound.seconds < windowSeconds
    }

    /// A ticket from a WhatsApp group is answered in the group (Meta's groups messaging: the same
    /// endpoint, `recipient_type: group` and the group id as `to`); any other, to the customer's number, or
    /// to their business-scoped user id as `recipient` when that is all we have.
    public func plan(_ event: OutboundEvent, now: Timestamp) -> DeliveryPlan {
        let (address, group) = Self.recipient(of: event)
        // A customer known only by their business-scoped user id (a WhatsApp username, no number) is
        // answered at it, in `recipient`; its digits are no phone number.
        let trimmed = address.trimmingWhitespace()
        let userID = !group && WhatsAppUserID.isUserID(trimmed) ? trimmed : nil
        let to = group ? address.trimmingWhitespace() : userID ?? String(address.filter(\.isASCIIDigit))
        guard !to.isEmpty else { return .reject(reason: group ? "the ticket has no WhatsApp group id" : "the ticket has no WhatsApp number") }
        guard Self.isWindowOpen(lastInbound: event.lastInboundAt, now: now, windowSeconds: windowSeconds) else {
            return .skip(reason: "outside the \(windowSeconds / 3600)-hour customer-service window: template needed")
        }
        let body: JSONValue = [
            "messaging_product": "whatsapp", "recipient_type": group ? "group" : "individual", userID == nil ? "to" : "recipient": .string(to),
            "type": "text", "text": ["preview_url": false, "body": .string(text(event))],
        ]
        return .send(.json("\(apiBase)/\(phoneNumberID)/messages", body, headers: [HTTPHeader(name: "Authorization", value: "Bearer " + accessToken)]))
    }

    /// Who the acknowledgement goes to: the ticket's reply route when it is WhatsApp. A customer with a
    /// private Slack channel has every ticket routed there (the team's notices), so then the WhatsApp
    /// message itself says who wrote: its group, else its sender. The Slack channel id is no number.
    static func recipient(of event: OutboundEvent) -> (address: String, isGroup: Bool) {
        let sender = event.message["sender"]?["id"]?.stringValue ?? ""
        if event.ticket["reply_route"]?["channel"]?.stringValue == Channel.whatsapp.rawValue {
            return (event.replyAddress ?? sender, event.repliesToGroup)
        }
        if let group = event.message["group"]?.stringValue { return (group, true) }
        return (sender, false)
    }

    public func interpret(_ response: HTTPResponse, for event: OutboundEvent, now: Timestamp) -> DeliveryResult {
        let json = HTTPOutcome.json(response)
        if (200..<300).contains(response.status) {
            return .delivered(status: response.status, remoteID: json?["messages"]?[0]?["id"]?.stringValue)
        }
        guard let code = json?["error"]?["code"]?.intValue else { return HTTPOutcome.result(response, now: now) }
        if code == Self.windowClosedCode { return .skipped(reason: "WhatsApp \(code): outside the customer-service window: template needed") }
        if Self.throttlingCodes.contains(code) {
            return .retry(status: response.status, reason: "WhatsApp \(code): throttled", retryAfter: HTTPOutcome.retryAfter(response, now: now))
        }
        if Self.transientCodes.contains(code) {
            return .retry(status: response.status, reason: "WhatsApp \(code): " + HTTPOutcome.bodyExcerpt(Array((json?["error"]?["message"]?.stringValue ?? "").utf8)),
                          retryAfter: HTTPOutcome.retryAfter(response, now: now))
        }
        switch HTTPOutcome.result(response, now: now) {
        case .rejected(let status, _):
            let said = json?["error"]?["error_data"]?["details"]?.stringValue ?? json?["error"]?["message"]?.stringValue
            return .rejected(status: status, reason: "WhatsApp \(code) (HTTP \(response.status))" + (said.map { ": " + HTTPOutcome.bodyExcerpt(Array($0.utf8)) } ?? ""))
        case let other: return other
        }
    }

    /// The acknowledgement text, in the customer's language.
    func text(_ event: OutboundEvent) -> String {
        let en = event.isEnglish
        let priority = NoticeText.priority(event.priority, english: en)
        var text = en ? "We received your message and opened ticket \(event.ticketNumber) (priority \(priority))."
            : "Recibimos su mensaje y registramos el ticket \(event.ticketNumber) (prioridad \(priority))."
        if let due = event.promisedFirstResponse {
            let when = NoticeText.deadline(due, offset: event.utcOffset(at: due, otherwise: timeZone), english: en)
            text += en ? " We will answer by \(when)." : " Le responderemos antes del \(when)."
        }
        return text
    }
}
