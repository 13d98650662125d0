import Curl
import IntakeCore
@testable import IntakeOutbound

/// Outbox payloads as the pipeline writes them: `{"event", "ticket", "message"}`.
enum Samples {
    static let created = Timestamp(seconds: 1_717_423_200)  // 2024-06-03T14:00:00Z

    static func ticket(channel: Channel, address: String, thread: String? = nil, subject: String? = "No funciona la central") -> Ticket {
        Ticket(id: 1, number: "INT-1001", customerID: "acme", status: .new, priority: .high, requestType: .incident, subject: subject,
               originChannel: channel, replyRoute: Ticket.ReplyRoute(channel: channel, address: address, thread: thread),
               firstResponseDue: created.adding(seconds: 4 * 3600), createdAt: created, updatedAt: created, senderID: address)
    }

    static func payload(_ event: String, ticket: Ticket, message: InboundMessage) -> JSONValue {
        ["event": .string(event), "ticket": ticket.json, "message": message.json]
    }

    static func event(_ type: String, payload: JSONValue, reference: String? = nil) -> OutboundEvent {
        OutboundEvent(eventID: "evt_0123456789abcdef", type: type, payload: payload, attempt: 1, remoteReference: reference)
    }

    static func slackPayload(_ event: String = "ticket.created", thread: String? = nil) -> JSONValue {
        let m = InboundMessage(channel: .slack, externalID: "Ev01", sender: .init(id: "U0JUANP", name: "Juan"), conversation: "C0ACMEPRIV",
                               text: "No funciona la central <urgente> & más", sentAt: created)
        return payload(event, ticket: ticket(channel: .slack, address: "C0ACMEPRIV", thread: thread), message: m)
    }

    static func whatsappPayload(sentAt: Timestamp) -> JSONValue {
        let m = InboundMessage(channel: .whatsapp, externalID: "wamid.IN1", sender: .init(id: "+5491152769999", name: "Juan"),
                               conversation: "106540352242922", text: "Hola, no funciona la central", sentAt: sentAt)
        return payload("ticket.created", ticket: ticket(channel: .whatsapp, address: "+5491152769999"), message: m)
    }

    static func emailPayload(_ event: String = "ticket.created") -> JSONValue {
        let m = InboundMessage(channel: .email, externalID: "abc@acme.com.ar", sender: .init(id: "juan.perez@acme.com.ar", name: "Juan Pérez"),
                               subject: "No funciona la central", text: "Desde las 9 no entran llamadas.", sentAt: created)
        return payload(event, ticket: ticket(channel: .email, address: "juan.perez@acme.com.ar"), message: m)
    }

    static let client = HTTPClient(configuration: HTTPClient.Configuration(timeout: 5, connectTimeout: 2))
}
