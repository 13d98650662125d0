public import IntakeCore
import Foundation
import IntakeMIME

/// The automatic reply that tells a customer their email became a ticket: an RFC 5322 message with
/// `Auto-Submitted: auto-replied` (RFC 3834 §5.1) so other responders stay silent, threaded to the
/// original by `In-Reply-To`/`References` (RFC 5322 §3.6.4), the ticket tag in the subject so replies
/// find their ticket, and a UTF-8 quoted-printable text body in Spanish (default) or English. Pure:
/// the caller passes the clock and the Message-ID domain; the same input gives the same bytes.
public struct Acknowledgement: Sendable, Equatable {
    public enum Language: String, Sendable {
        case es
        case en
    }

    /// What the acknowledgement needs to know.
    public struct Input: Sendable, Equatable {
        public var recipient: String
        public var recipientName: String?
        public var originalMessageID: String?
        public var originalReferences: [String]
        public var originalSubject: String?
        public var ticketTag: String
        public var priority: Priority
        /// Nil for a ticket outside the service agreement: no deadline is promised.
        public var firstResponseDue: Timestamp?
        public var language: Language
        public var fromAddress: String
        public var fromName: String?
        public var messageIDDomain: String
        public var now: Timestamp
        /// Where the deadline and `Date:` are shown (e.g. -10800 for Argentina); 0 is UTC.
        public var utcOffsetSeconds: Int

        public init(
            recipient: String, recipientName: String? = nil, originalMessageID: String?, originalReferences: [String] = [],
            originalSubject: String?, ticketTag: String, priority: Priority, firstResponseDue: Timestamp?,
            language: Language = .es, fromAddress: String, fromName: String? = nil, messageIDDomain: String,
            now: Timestamp, utcOffsetSeconds: Int = 0
        ) {
            self.recipient = recipient
            self.recipientName = recipientName
            self.originalMessageID = originalMessageID
            self.originalReferences = originalReferences
            self.originalSubject = originalSubject
            self.ticketTag = ticketTag
            self.priority = priority
            self.firstResponseDue = firstResponseDue
            self.language = language
            self.fromAddress = fromAddress
            self.fromName = fromName
            self.messageIDDomain = messageIDDomain
            self.now = now
            self.utcOffsetSeconds = utcOffsetSeconds
        }

        /// The input for acknowledging a normalized email (its Reply-To when given, else its sender). Our
        /// References is the mail's References and its id; a mail with `In-Reply-To` and no References
        /// (older clients, a colleague's reply the customer sent on to us) gives its `In-Reply-To` id
        /// first (RFC 5322 §3.6.4), so the chain keeps the message it answered.
        public init(
            replyingTo message: InboundMessage, ticketTag: String, priority: Priority, firstResponseDue: Timestamp?,
            language: Language = .es, fromAddress: String, fromName: String? = nil, messageIDDomain: String,
            now: Timestamp, utcOffsetSeconds: Int = 0
        ) {
            let isSynthetic = message.externalID?.hasSuffix("@intake.invalid") ?? true
            let references = message.references.isEmpty ? message.replyTo.map { [$0] } ?? [] : message.references
            self.init(
                recipient: AcknowledgementPolicy.recipient(of: message), recipientName: message.sender.name,
                originalMessageID: isSynthetic ? nil : message.externalID, originalReferences: references,
                originalSubject: message.subject, ticketTag: ticketTag, priority: priority, firstResponseDue: firstResponseDue,
                language: language, fromAddress: fromAddress, fromName: fromName, messageIDDomain: messageIDDomain, now: now,
                utcOffsetSeconds: utcOffsetSeconds)
        }
    }

    /// Our Message-ID, without brackets (the caller records it to thread the customer's reply).
    public var messageID: String
    public var subject: String
    public var body: String
    /// The complete message, CRLF line ends.
    public var bytes: [UInt8]

    public init(_ input: Input) {
        let digest = SHA256.hex(Array(((input.originalMessageID ?? "") + "|" + input.ticketTag).utf8)).prefix(12)
        messageID = "ack-\(input.ticketTag.lowercased())-\(input.now.seconds)-\(digest)@\(input.messageIDDomain)"
        subject = Self.subject(input)
        body = AcknowledgementText.body(input)

        var lines: [String] = []
        lines.append("From: " + Self.mailbox(input.fromName, input.fromAddress))
        lines.append("To: " + Self.mailbox(input.recipientName, input.recipient))
        lines.append(Self.folded("Subject: " + EncodedWord.encode(subject)))
        lines.append("Date: " + MailDate.format(input.now, offsetSeconds: input.utcOffsetSeconds))
        lines.append("Message-ID: <\(messageID)>")
        if let original = input.originalMessageID {
            lines.append("In-Reply-To: <\(original)>")
            let chain = input.originalReferences.filter { $0 != original } + [original]
            lines.append("References: " + chain.map { "<\($0)>" }.joined(separator: "\r\n "))
        }
        lines.append("Auto-Submitted: auto-replied")
        lines.append("X-Auto-Response-Suppress: All")
        lines.append("MIME-Version: 1.0")
        lines.append("Content-Type: text/plain; charset=utf-8")
        lines.append("Content-Transfer-Encoding: quoted-printable")
        var out = Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
        out.append(contentsOf: TransferEncoding.encodeQuotedPrintable(body))
        out.append(contentsOf: [0x0D, 0x0A])
        bytes = out
    }

    /// `Re: <original> [#TAG]`: no second `Re:`, no second tag; a fixed phrase when there was no subject.
    static func subject(_ input: Input) -> String {
        let tag = "[#\(input.ticketTag)]"
        let original = (input.originalSubject ?? "").trimmingWhitespace()
        guard !original.isEmpty else {
            return (input.language == .es ? "Recibimos su solicitud " : "We received your request ") + tag
        }
        let lower = original.lowercased()
        let replied = lower.hasPrefix("re:") || lower.hasPrefix("re :") ? original : "Re: " + original
        return replied.contains(tag) ? replied : replied + " " + tag
    }

    /// A header line folded before spaces (RFC 5322 §2.2.3) so no line passes 78 characters where a space
    /// allows: an ASCII subject is written as it came, and a monitoring alert's can be longer than the 998
    /// characters a line may have (§2.1.1), which receiving servers refuse. Encoded words come folded.
    static func folded(_ line: String) -> String {
        guard line.utf8.count > 78, !line.contains("\r\n") else { return line }
        var out: [Substring] = []
        var current: Substring = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            if current.utf8.count + 1 + word.utf8.count > 78, !current.trimmingWhitespace().isEmpty {
                out.append(current)
                current = " " + word
            } else {
                current = current.isEmpty && out.isEmpty ? word : current + " " + word
            }
        }
        out.append(current)
        return out.joined(separator: "\r\n")
    }

    /// `Name <addr>`: the name as encoded words when not ASCII, quoted when it holds specials.
    static func mailbox(_ name: String?, _ address: String) -> String {
        guard let name = name?.trimmingWhitespace(), !name.isEmpty else { return "<\(address)>" }
        let encoded = EncodedWord.encode(name)
        if encoded != name { return "\(encoded) <\(address)>" }
        let specials = Set("()<>[]:;@\\,.\"")
        if name.contains(where: { specials.contains($0) }) {
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\" <\(address)>"
        }
        return "\(name) <\(address)>"
    }
}
