public import IntakeCore

/// The references a stored message leaves behind so later messages can find its ticket, and the ones a
/// new message looks for. Refs are namespaced by channel: `email:<Message-ID>`, `slack:<channel>:<ts>`,
/// `whatsapp:<wamid>`, `phone:call:<callId>`, `thread:<channel>:<thread_key>`.
public enum MessageRefs {
    /// What this message can later be found by.
    public static func own(_ m: InboundMessage) -> [String] {
        var refs: [String] = []
        // Email Message-IDs and WhatsApp message ids are what replies point at; Slack event ids and
        // call ids are never referenced by id (Slack by `channel:ts`, calls by `phone:call:`).
        if let id = m.externalID, m.channel == .email || m.channel == .whatsapp { refs.append("\(m.channel.rawValue):\(id)") }
        let slackTS = m.channel == .slack ? m.metadata["slack_ts"]?.stringValue : nil
        if let slackTS { refs.append("slack:\(slackTS)") }
        // A top-level Slack message's thread key is its own `channel:ts`: replies find it through their
        // `thread_ts` (a link), so the thread ref would only repeat the one above.
        if let key = m.threadKey, key != slackTS { refs.append("thread:\(m.channel.rawValue):\(key)") }
        if let call = callID(m) { refs.append("phone:call:\(call)") }
        if let conversation = conversation(m) { refs.append(conversation) }
        if let alert = alert(m) { refs.append(alert) }
        // An edit that arrives before the message it edits (neither Slack nor Meta guarantees order) is
        // taken as that message: the ticket it opens is where the original, arriving later, belongs.
        if m.kind == .edit, let target = m.targetID, m.channel == .slack || m.channel == .whatsapp {
            refs.append("\(m.channel.rawValue):\(target)")
        }
        return refs
    }

    /// The ref an edit or deletion names a Slack or WhatsApp message by (`slack:<channel>:<ts>`,
    /// `whatsapp:<wamid>`); nil for other channels and kinds. Known before the message arrives only when
    /// its edit came first.
    public static func address(_ m: InboundMessage) -> String? {
        guard m.kind == .message else { return nil }
        switch m.channel {
        case .slack: return m.metadata["slack_ts"]?.stringValue.map { "slack:" + $0 }
        case .whatsapp: return m.externalID.map { "whatsapp:" + $0 }
        default: return nil
        }
    }

    /// A monitoring alert's matter (`alert:<sender>:<key>`, the adapter's `alert_key`): its problem, its
    /// notifications again and its recovery are one ticket, though no mail of them references another.
    public static func alert(_ m: InboundMessage) -> String? {
        m.metadata["alert_key"]?.stringValue.map { "alert:\(m.sender.id):\($0)" }
    }

    /// The Twilio Conversations conversation a WhatsApp message was written in
    /// (`twilio:conversation:<ConversationSid>`): our agent's answer there names no customer, only it.
    public static func conversation(_ m: InboundMessage) -> String? {
        guard m.channel == .whatsapp, let sid = m.metadata["conversation_sid"]?.stringValue else { return nil }
        return "twilio:conversation:" + sid
    }

    /// Strong links to an earlier message, most specific first: the reply target, then the References
    /// chain newest first, a bounce's or another delivery report's original, a call id.
    public static func links(_ m: InboundMessage) -> [String] {
        var refs: [String] = []
        if let r = m.replyTo {
            switch m.channel {
            case .slack: if let ch = m.conversation { refs.append("slack:\(ch):\(r)") }
            default: refs.append("\(m.channel.rawValue):\(r)")
            }
        }
        if m.channel == .email {
            for r in m.references.reversed() { refs.append("email:\(r)") }
            if let bounce = m.metadata["bounce_of"]?.stringValue { refs.append("email:\(bounce)") }
            // A delay warning, read receipt or feedback report names its original as `report_of`.
            if let report = m.metadata["report_of"]?.stringValue { refs.append("email:\(report)") }
        }
        if let call = callID(m) { refs.append("phone:call:\(call)") }
        // Weakest last: a reply's own chain goes before the alert it is about.
        if let alert = alert(m) { refs.append(alert) }
        return refs
    }

    /// The conversation key: strong for email and Slack threads, only a hint for WhatsApp and phone
    /// (the sender's number), where it joins an open ticket only.
    public static func thread(_ m: InboundMessage) -> (ref: String, isStrong: Bool)? {
        guard let key = m.threadKey else { return nil }
        return ("thread:\(m.channel.rawValue):\(key)", m.channel == .email || m.channel == .slack)
    }

    /// A call's id, from a CDR uniqueid, a CTI callId or an operator log's callId.
    static func callID(_ m: InboundMessage) -> String? {
        guard m.channel == .phone else { return nil }
        return m.metadata["call_id"]?.textValue ?? m.metadata["callId"]?.textValue ?? (m.kind == .message ? nil : m.externalID)
    }
}
