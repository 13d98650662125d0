import IntakeCore
import IntakeDesk
import IntakeHTTP

/// `POST /webhooks/desk`: the desk where the team works tickets says a ticket's status changed
/// (resolved, closed, reopened), so the reopen window counts from the real resolution and `sla` stops
/// counting what is done. A bearer token from the configuration (`INTAKE_DESK_CALLBACK_TOKEN`), as the
/// phone routes have. Two shapes:
/// - ours: `{"ticket": "INT-1042", "status": "resolved", "note": "..."}`;
/// - a Zammad trigger's webhook: `{"ticket": {"title": "... [#INT-1042]", "state": "closed" | {"name": ...}}}`,
///   where our number is the subject tag our Zammad destination puts in the title. Zammad's one done
///   state, `closed`, is what its agents set when they solve a ticket, and Zammad reopens it when the
///   customer writes again: it is our `resolved` (the reopen window counts from it), and it leaves a
///   ticket we closed closed (our own close, sent to Zammad as `closed`, comes back through the trigger).
/// The change is not sent back to the desk.
struct DeskWebhook {
    let context: IntakeContext

    struct Callback: Equatable {
        var number: String
        var status: TicketStatus
        var note: String?
        /// A ticket already closed stays closed (Zammad's `closed`).
        var keepsClosed = false
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    func status(_ request: HTTPRequest, _ reply: HTTPReply) {
        let steps = WebhookSteps(context: context)
        if let refused = steps.authorize(request, token: context.config.outbox.deskCallbackToken, channel: "desk", setting: "the desk callback token") {
            return reply.send(refused)
        }
        let callback: Callback
        do {
            callback = try Self.parse(request.body, ticketPrefix: context.config.ticketPrefix)
        } catch {
            return reply.send(.error(400, "\(error)"))
        }
        // The transaction waits on the store's lock: not on the event loop.
        WebhookResponder.blocking.async { [context] in
            let change = TicketStatusChange(status: callback.status, actor: "the desk", note: callback.note, tellsTheDesk: false,
                                            keepsClosed: callback.keepsClosed)
            let response: HTTPResponse
            do {
                let outcome = try context.store.write {
                    try change.apply(toTicket: callback.number, records: $0, destinations: context.pipeline.settings.destinations, now: Timestamp.now())
                }
                let (ticket, changed): (Ticket?, Bool) = switch outcome {
                case .noSuchTicket: (nil, false)
                case .unchanged(let t): (t, false)
                case .changed(let t, _): (t, true)
                }
                response = ticket.map { .json(200, ["ok": true, "ticket": .string($0.number), "status": .string($0.status.rawValue), "changed": .bool(changed)]) }
                    ?? .error(404, "no ticket \(callback.number)")
            } catch {
                response = .error(503, "the desk store could not record the change: \(error)")
            }
            reply.respond { response }
        }
    }

    static func parse(_ body: [UInt8], ticketPrefix: String) throws -> Callback {
        guard let json = try? JSONParser.parse(body), json.objectValue != nil else { throw Malformed(description: "the body is not a JSON object") }
        let ticket = json["ticket"]
        let number: String? = if let text = ticket?.stringValue {
            Ticket.tagNumber(in: text, prefix: ticketPrefix) ?? text.trimmingWhitespace()
        } else {
            [ticket?["title"]?.stringValue, ticket?["number"]?.textValue].compactMap { $0 }.lazy
                .compactMap { Ticket.tagNumber(in: $0, prefix: ticketPrefix) }.first
        }
        guard let number, !number.isEmpty else {
            throw Malformed(description: "`ticket` is missing: our ticket number (\"\(ticketPrefix)-1042\"), or a Zammad ticket whose title has [#\(ticketPrefix)-1042]")
        }
        let zammadState = ticket?["state"]?.stringValue ?? ticket?["state"]?["name"]?.stringValue
        let word = json["status"]?.stringValue ?? zammadState
        guard let word else { throw Malformed(description: "`status` is missing (new, open, pending, resolved or closed)") }
        guard let status = TicketStatus(word: word) else {
            throw Malformed(description: "unknown status `\(word)` (new, open, pending, resolved or closed)")
        }
        if word == zammadState, status == .closed, word.lowercased().trimmingWhitespace() == "closed" {
            return Callback(number: number, status: .resolved, note: json["note"]?.stringValue, keepsClosed: true)
        }
        return Callback(number: number, status: status, note: json["note"]?.stringValue)
    }
}
