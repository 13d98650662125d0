import IntakeCore

/// Voice calls through WhatsApp (Meta's Business Calling API: changes with `field: calls`, each
/// `value.calls[]` item a call event with its `wacid`).
///
/// A customer calling our number is as much a request as a phone call to the support line: the
/// `terminate` event, sent once when the call ends, becomes a `.missedCall` unless it was `COMPLETED`
/// with talk time (`.call` otherwise), like a CDR row. `connect` (the call starting, with its SDP offer)
/// says nothing of how it went and yields nothing; the `terminate` that follows is the record. A call our
/// own staff placed (`BUSINESS_INITIATED`) is kept as an internal `.call`, which opens no ticket.
extension WhatsAppAdapter {
    func cloudCall(_ call: JSONValue, context: CloudContext) -> InboundMessage? {
        guard call["event"]?.stringValue == "terminate", let id = call["id"]?.stringValue,
              let from = call["from"]?.textValue, let to = call["to"]?.textValue
        else { return nil }
        let isInbound = call["direction"]?.stringValue?.uppercased() != "BUSINESS_INITIATED"
        let customer = context.number(for: isInbound ? from : to)
        let status = call["status"]?.stringValue ?? ""
        let seconds = call["duration"]?.numberValue.map { $0.isFinite ? Int(max(0, min($0, 1e9))) : 0 } ?? 0
        let wasTalked = status.uppercased() == "COMPLETED" && seconds > 0
        let name = context.name(for: isInbound ? from : to)
        let sender: InboundMessage.Sender = isInbound
            ? .init(id: customer, name: name) : .init(id: context.businessNumber ?? Self.e164(from))
        var m = InboundMessage(
            channel: .whatsapp,
            externalID: id,
            sender: sender,
            conversation: context.phoneNumberID,
            threadKey: customer,
            sentAt: Self.timestamp(call["start_time"]) ?? Self.timestamp(call["timestamp"]),
            kind: isInbound && !wasTalked ? .missedCall : .call
        )
        let who = CallText.who(name: name, caller: customer)
        m.text = switch (isInbound, wasTalked) {
        case (true, false): "Llamada de WhatsApp perdida de " + who
        case (true, true): "Llamada de WhatsApp atendida de \(who) (duración \(seconds)s)"
        case (false, _): "Llamada de WhatsApp saliente a \(who) (duración \(wasTalked ? seconds : 0)s)"
        }
        m.metadata["type"] = "call"
        m.metadata["direction"] = isInbound ? "inbound" : "outbound"
        m.metadata["internal"] = .bool(!isInbound)
        m.metadata["call_status"] = .string(status)
        m.metadata["duration"] = .int(seconds)
        if let end = Self.timestamp(call["end_time"]) { m.metadata["ended_at"] = .string(end.iso8601) }
        if let errors = call["errors"] { m.metadata["errors"] = errors }
        return m
    }
}
