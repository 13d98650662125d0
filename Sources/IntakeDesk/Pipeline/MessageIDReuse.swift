import IntakeCore

/// Some mailers give many mails one Message-ID (appliances and PBX voicemail that start their counter
/// over, `<1@localhost>`, a script with a fixed id). Taken as a redelivery, the second mail would be
/// dropped without a trace. A redelivery is the same mail: the same author and the same `Date`, which
/// mailing lists and forwarding hops keep while they add footers, tag subjects and rewrite From (the
/// email adapter gives the author back). A mail under a known email Message-ID with another author or
/// date is another mail: it is stored under the id followed by `#` and a digest of its author and date,
/// so that a redelivery of it is found in turn. What the mail says and prints keeps its Message-ID.
enum MessageIDReuse {
    /// What the pipeline knows when a Message-ID turned out to be another mail's.
    struct Reuse {
        /// The key the message is stored under.
        var storageID: String
        var first: DeskRecords.StoredMessage

        func decision(label: String, messageID: String) -> DeskRecords.Decision {
            let sent = first.sentAt.map { Timestamp(seconds: $0).iso8601 } ?? "no date"
            return .init("deduplicate", "\(label): not a redelivery: Message-ID \(messageID) was first used by another mail (from \(first.senderID), sent \(sent)); kept as \(storageID)")
        }
    }

    /// Whether `m` is another mail than `first`, stored before under its Message-ID.
    static func isAnotherMail(_ m: InboundMessage, first: DeskRecords.StoredMessage) -> Bool {
        m.channel == .email && (first.senderID != m.sender.id || first.sentAt != m.sentAt?.seconds)
    }

    /// The key `m` is stored under: its Message-ID, `#`, and 16 hex digits of its author and date.
    static func storageID(of m: InboundMessage) -> String {
        let signature = m.sender.id + "\n" + (m.sentAt.map { String($0.seconds) } ?? "-")
        return (m.externalID ?? "") + "#" + String(SHA256.hex(Array(signature.utf8)).prefix(16))
    }
}
