public import Curl
public import IntakeCore

/// The desk as a Zammad instance (`outbox.desk_format: "zammad"`), through its REST API with an access
/// token (`Authorization: Token token=...`, docs.zammad.org "API: Authentication").
///
/// A ticket's first event creates the Zammad ticket (`POST /api/v1/tickets` with its first article);
/// the id Zammad returns is recorded on the outbox row, and every later event of the ticket becomes an
/// article of it (`POST /api/v1/ticket_articles`), its row recording the same ticket id. An event that
/// changes the ticket (a status set by an operator, a reopening, an escalation) updates the Zammad
/// ticket's state or priority with its article in one `PUT /api/v1/tickets/{id}` ("Tickets: Update"), so
/// the agents' views and Zammad's own SLA follow intake's. Articles are notes visible to the customer
/// (`internal: false`): Zammad does not email a note, so nothing reaches the customer twice.
public struct ZammadDestination: HTTPDestination {
    public let name = "desk"
    public let baseURL: String
    public let token: String
    /// The Zammad group new tickets go to ("Users" exists in every fresh Zammad).
    public let group: String
    public let client: HTTPClient

    public init(baseURL: String, token: String, group: String = "Users", client: HTTPClient) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        self.group = group
        self.client = client
    }

    public func plan(_ event: OutboundEvent, now: Timestamp) -> DeliveryPlan {
        let auth = [HTTPHeader(name: "Authorization", value: "Token token=" + token)]
        var article = JSONObject()
        article["subject"] = .string(subject(event))
        article["body"] = .string(body(event))
        article["type"] = "note"
        article["internal"] = false
        article["content_type"] = "text/plain"
        if let ticketID = event.remoteReference {
            let changes = self.changes(event)
            // Zammad's ticket ids are numbers: another id (never seen) gets the article alone.
            if !changes.isEmpty, let id = Int(ticketID) {
                var update = JSONObject(changes)
                update["article"] = .object(article)
                return .send(.json(baseURL + "/api/v1/tickets/\(id)", .object(update), method: "PUT", headers: auth))
            }
            article["ticket_id"] = Int(ticketID).map { .int($0) } ?? .string(ticketID)
            return .send(.json(baseURL + "/api/v1/ticket_articles", .object(article), headers: auth))
        }
        var ticket = JSONObject()
        ticket["title"] = .string(title(event))
        ticket["group"] = .string(group)
        if let customer = customer(event) { ticket["customer_id"] = .string("guess:" + customer) }
        ticket["priority"] = .string(Self.priority(event.priority))
        ticket["article"] = .object(article)
        return .send(.json(baseURL + "/api/v1/tickets", .object(ticket), headers: auth))
    }

    /// The Zammad ticket id is kept as the row's remote id, also for an article (not the article's own
    /// id): the reference of later events is the first delivered row's remote id, and after a dead first
    /// event is revived that row holds an article, whose id is some other customer's ticket id.
    public func interpret(_ response: HTTPResponse, for event: OutboundEvent, now: Timestamp) -> DeliveryResult {
        HTTPOutcome.result(response, now: now, remoteID: event.remoteReference ?? HTTPOutcome.json(response)?["id"]?.textValue)
    }

    /// What the event changes on the Zammad ticket besides adding its article.
    func changes(_ event: OutboundEvent) -> [(key: String, value: JSONValue)] {
        switch event.type {
        case "ticket.status_changed":
            guard let status = event.ticket["status"]?.stringValue.flatMap(TicketStatus.init(rawValue:)), let state = Self.state(status) else { return [] }
            return [("state", .string(state))]
        case "ticket.reopened": return [("state", "open")]
        case "ticket.priority_changed": return [("priority", .string(Self.priority(event.priority)))]
        default: return []
        }
    }

    /// Zammad's stock state for a ticket status. A resolved ticket is `closed` there (Zammad has no
    /// resolved state; a customer's reply still reopens it on our side, and then there). Pending has
    /// none: Zammad's pending states need a reminder time (`pending_time`) that intake does not have,
    /// so the article alone says it.
    static func state(_ status: TicketStatus) -> String? {
        switch status {
        case .new: "new"
        case .open: "open"
        case .resolved, .closed: "closed"
        case .pending: nil
        }
    }

    /// Zammad's stock priorities: `1 low`, `2 normal`, `3 high`.
    static func priority(_ p: Priority) -> String {
        switch p {
        case .critical, .high: "3 high"
        case .medium: "2 normal"
        case .low: "1 low"
        }
    }

    /// An email sender becomes the Zammad customer (`guess:` finds or creates the user by address);
    /// chat and phone tickets stay with the token's user, their sender is in the article.
    func customer(_ event: OutboundEvent) -> String? {
        let sender = event.ticket["sender"]?.stringValue ?? event.message["sender"]?["id"]?.stringValue
        return sender.flatMap { $0.contains("@") ? $0 : nil }
    }

    func title(_ event: OutboundEvent) -> String {
        "\(event.ticket["subject"]?.stringValue ?? event.ticketNumber) [#\(event.ticketNumber)]"
    }

    func subject(_ event: OutboundEvent) -> String {
        let what: String
        switch event.type {
        case "ticket.created": what = event.message["subject"]?.stringValue ?? event.ticket["subject"]?.stringValue ?? event.ticketNumber
        case "ticket.reopened": what = "reopened"
        case "ticket.priority_changed": what = "priority \(event.priority.rawValue)"
        case "call.missed": what = "missed call"
        case "ticket.status_changed": what = "status \(event.ticket["status"]?.stringValue ?? "?")"
        default: what = event.message["subject"]?.stringValue ?? "message"
        }
        return "[#\(event.ticketNumber)] \(what)"
    }

    /// Who wrote, on which channel, and what. A status change carries no message: its first line is the
    /// event alone, not an unknown channel and an empty sender.
    func body(_ event: OutboundEvent) -> String {
        let m = event.message
        let sender = [m["sender"]?["name"]?.stringValue, m["sender"]?["id"]?.stringValue.map { "<\($0)>" }].compactMap { $0 }.joined(separator: " ")
        let about = [m["channel"]?.stringValue, sender.isEmpty ? nil : sender].compactMap { $0 }
        var lines = [([event.type] + about).joined(separator: " · ")]
        if event.type == "ticket.priority_changed" { lines.append("priority: \(event.priority.rawValue)") }
        if event.type == "ticket.status_changed" {
            lines.append("status: \(event.ticket["status"]?.stringValue ?? "?")")
            if let note = event.payload["note"]?.stringValue { lines.append("note: " + note) }
        }
        if let text = event.messageText, !text.isEmpty { lines.append(""); lines.append(text) }
        return lines.joined(separator: "\n")
    }
}
