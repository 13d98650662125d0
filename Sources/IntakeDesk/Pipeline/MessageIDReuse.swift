import IntakeCore

/// Some mailers give many mails one Message-ID (appliances and PBX voicemail that start their counter
/// over, `<1@localhost>`, a script with a fixed id). Taken as a redelivery, the second mail would be
/// dropped without a trace. A redelivery is the same mail: the same author and the same `Date`, which
/// mailing lists and forwarding hops keep while they add footers, tag subjects and rewrite From (the
/// email adapter gives the author back). A mail under a known email Message-ID with another author or
/// date is another mail: it is stored under the id followed by `#` and a digest of its author and date,
/// so that a redelivery of it is found in turn. What the mail says and prints keeps its Message-ID.
///
/// A call has one id everywhere it is recorded: the PBX's CTI events and CDR row, and the operator's
/// call log that names it (`callId`) to join its ticket. The operator's notes under the id the CTI
/// recorded are another message (another `metadata.source`), not a redelivery to drop: stored the same way.
enum MessageIDReuse {
    /// What the pipeline knows when an id turned out to be another message's.
    struct Reuse {
        /// The key the message is stored under.
        var storageID: String
        var first: DeskRecords.StoredMessage

        func decision(label: String, messageID: String, channel: Channel) -> DeskRecords.Decision {
            guard channel == .email else {
                return .init("deduplicate", "\(label): not a redelivery: call id \(messageID) was first recorded by \(first.source ?? "another source"); kept as \(storageID)")
            }
            let sent = first.sentAt.map { Timestamp(seconds: $0).iso8601 } ?? "no date"
            return .init("deduplicate", "\(label): not a redelivery: Message-ID \(messageID) was first used by another mail (from \(first.senderID), sent \(sent)); kept as \(storageID)")
        }
    }

    /// Whether `m` is another message than `first`, stored before under its external id.
    static func isAnotherMessage(_ m: InboundMessage, first: DeskRecords.StoredMessage) -> Bool {
        switch m.channel {
        case .email: first.senderID != m.sender.id || first.sentAt != m.sentAt?.seconds
        case .phone: first.source != m.metadata["source"]?.stringValue
        case .slack, .whatsapp: false
        }
    }

    /// The key `m` is stored under: its id, `#`, and 16 hex digits of its author, date and source.
    static func storageID(of m: InboundMessage) -> String {
        var signature = m.sender.id + "\n" + (m.sentAt.map { String($0.seconds) } ?? "-")
        if m.channel == .phone { signature += "\n" + (m.metadata["source"]?.stringValue ?? "-") }
        return (m.externalID ?? "") + "#" + String(SHA256.hex(Array(signature.utf8)).prefix(16))
    }
}
