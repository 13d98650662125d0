public import IntakeCore

/// Whether a new ticket's sender gets an acknowledgement. Never to anything automatic (RFC 3834 §2: an
/// automatic responder must not answer automatic mail, or two responders loop): auto-replies, bounces,
/// mailing lists (but for a customer's post through a list that is our own address, `OwnList`, answered
/// to its author), no-reply senders, our own mailboxes. And at most `dailyCapPerAddress` a day to one
/// address, so a customer who opens ten tickets in a morning, or a loop we did not recognise, stays quiet.
/// Pure: the caller passes how many were sent to that address today.
public struct AcknowledgementPolicy: Sendable, Equatable {
    public enum Decision: Sendable, Equatable {
        case send(to: String)
        case skip(SkipReason)
    }

    public enum SkipReason: String, Sendable, Equatable {
        case notEmail = "not_email"
        case noAddress = "no_address"
        case ownAddress = "own_address"
        case bounce
        case mailingList = "mailing_list"
        case autoReply = "auto_reply"
        case noReply = "no_reply"
        case dailyCap = "daily_cap"
    }

    /// Our mailbox addresses, lowercased.
    public var ownAddresses: Set<String>
    public var dailyCapPerAddress: Int

    public init(ownAddresses: [String], dailyCapPerAddress: Int = 5) {
        self.ownAddresses = Set(ownAddresses.map { $0.lowercased() })
        self.dailyCapPerAddress = dailyCapPerAddress
    }

    /// The address an acknowledgement goes to: the message's Reply-To when it has one, else its sender.
    public static func recipient(of message: InboundMessage) -> String {
        message.metadata["reply_to_address"]?.stringValue ?? message.sender.id
    }

    public func decide(_ message: InboundMessage, sentToday: Int) -> Decision {
        guard message.channel == .email else { return .skip(.notEmail) }
        let to = Self.recipient(of: message).lowercased()
        guard to.contains("@"), !message.sender.id.isEmpty else { return .skip(.noAddress) }
        if ownAddresses.contains(to) || ownAddresses.contains(message.sender.id.lowercased()) { return .skip(.ownAddress) }
        if message.metadata["bounce"]?.boolValue == true || message.metadata["bounce_of"] != nil { return .skip(.bounce) }
        if message.metadata["mailing_list"]?.boolValue == true, message.metadata["own_list"] == nil { return .skip(.mailingList) }
        if message.isAutoReply { return .skip(.autoReply) }
        if message.metadata["no_reply"]?.boolValue == true || NoReplyAddress.matches(address: to)
            || NoReplyAddress.matches(address: message.sender.id)
        {
            return .skip(.noReply)
        }
        if sentToday >= dailyCapPerAddress { return .skip(.dailyCap) }
        return .send(to: to)
    }
}
