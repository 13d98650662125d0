/// The body of a `message/delivery-status` part (RFC 3464 §2.1): a block of per-message fields, then one
/// block of per-recipient fields for each recipient, blocks separated by blank lines, each field written
/// like a header field (so it may be folded: `Final-Recipient: rfc822;` and the address on the next line).
///
/// A DSN is not always a bounce: `Action: delayed` is a warning that delivery is still being tried,
/// `delivered`, `relayed` and `expanded` report success (§2.3.3). Only `failed` recipients bounced.
public struct DeliveryStatus: Sendable, Equatable {
    public struct Recipient: Sendable, Equatable {
        /// The `Final-Recipient` address (its address type, `rfc822;`, and any angle brackets removed), lowercased.
        public var address: String?
        /// The `Action` keyword, lowercased: `failed`, `delayed`, `delivered`, `relayed`, `expanded`.
        public var action: String?
        /// The `Status` code (RFC 3463): `5.1.1`, `4.2.2`.
        public var status: String?

        public init(address: String?, action: String?, status: String?) {
            self.address = address
            self.action = action
            self.status = status
        }

        /// Whether delivery to this recipient failed for good: `Action: failed`; without an Action (which
        /// §2.3.3 requires, but not every MTA writes), a status that is neither success (2) nor transient (4).
        public var hasFailed: Bool {
            if let action { return action == "failed" }
            return !(status?.hasPrefix("2") == true || status?.hasPrefix("4") == true)
        }
    }

    public var recipients: [Recipient]

    public init(recipients: [Recipient]) {
        self.recipients = recipients
    }

    /// Reads the blocks; a block without `Final-Recipient` or `Action` (the per-message one) is no recipient.
    public static func parse(_ bytes: [UInt8]) -> DeliveryStatus {
        var recipients: [Recipient] = []
        var warnings: [String] = []
        var start = bytes.startIndex
        while start < bytes.endIndex {
            if bytes[start] == 0x0A || bytes[start] == 0x0D || bytes[start] == 0x20 || bytes[start] == 0x09 {
                start += 1
                continue
            }
            let (fields, next) = MIMEHeaders.parse(bytes[start...], warnings: &warnings)
            if let recipient = recipient(fields) { recipients.append(recipient) }
            if next > start {
                start = next
            } else {
                while start < bytes.endIndex, bytes[start] != 0x0A { start += 1 }
            }
        }
        return DeliveryStatus(recipients: recipients)
    }

    static func recipient(_ fields: MIMEHeaders) -> Recipient? {
        let address = fields["Final-Recipient"].map(typedAddress).flatMap { $0.isEmpty ? nil : $0 }
        let action = fields["Action"].map(firstWord)
        guard address != nil || action != nil else { return nil }
        return Recipient(address: address, action: action, status: fields["Status"].map(firstWord))
    }

    /// `rfc822; <user@example.com>` → `user@example.com` (§2.3.2: address type, `;`, address).
    static func typedAddress(_ value: String) -> String {
        let address = value.firstIndex(of: ";").map { String(value[value.index(after: $0)...]) } ?? value
        return address.trimmingCharacters([" ", "\t", "<", ">"]).lowercased()
    }

    /// The first word, lowercased, without a trailing comment: `failed (permanent)` → `failed`.
    static func firstWord(_ value: String) -> String {
        String(value.trimmingSpaces().prefix { !$0.isWhitespace && $0 != "(" && $0 != ";" }).lowercased()
    }
}
