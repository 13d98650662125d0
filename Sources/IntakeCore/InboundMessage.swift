/// One message as every adapter hands it to the pipeline: the normalized-message contract.
///
/// The JSON form (`json`) spells the contract keys exactly as the spine issue names them; extra keys
/// (`kind`, `target_id`, `hints`, `warnings`, ...) follow them and never replace them.
public struct InboundMessage: Sendable, Equatable {
    public var channel: Channel
    /// What makes a redelivery recognisable: Slack event_id, WhatsApp message id, MessageSid,
    /// Message-ID without brackets, CDR uniqueid, CTI callId.
    public var externalID: String?
    public var sender: Sender
    /// Slack channel id, WhatsApp phone_number_id, the dialled number for calls.
    public var conversation: String?
    /// What groups a conversation on its channel (see the contract).
    public var threadKey: String?
    /// The group chat the message was written in (a WhatsApp group, Cloud API `group_id`), nil for a
    /// one-to-one chat: replies go to the group, where the customer's people read them, not to the one
    /// participant who wrote. JSON key `group`, written only when set.
    public var group: String?
    /// Whom a message of ours was written to: the customer our staff answered from the WhatsApp Business
    /// app on a number shared with the Cloud API (an `smb_message_echoes` echo). Nil for a customer's own
    /// message, whose customer is its sender. JSON key `recipient`, written only when set.
    public var recipient: String?
    public var replyTo: String?
    public var references: [String]
    public var subject: String?
    /// The full plain text as the sender wrote it (email: quoted history included).
    public var text: String?
    /// The text that matters for a ticket: for email, quoted history and signature removed. Nil means `text`.
    public var ticketText: String?
    public var sentAt: Timestamp?
    public var attachments: [Attachment]
    public var isAutoReply: Bool
    /// What this message is: a message, an edit or deletion of an earlier one, a delivery status, a call.
    public var kind: Kind
    /// For edits, deletions and statuses: the external id of the message it refers to.
    public var targetID: String?
    /// Hints the sender gave explicitly (slash-command priority, call-log priority, type, customer).
    public var hints: Hints
    /// Channel-specific detail kept for the record (call disposition, WhatsApp type, status errors, ...).
    public var metadata: JSONObject
    /// What a tolerant parser had to guess or skip.
    public var warnings: [String]

    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case message
        case edit
        case deletion
        case status
        case call
        case missedCall = "missed_call"
    }

    public struct Sender: Sendable, Equatable {
        public var id: String
        public var name: String?

        public init(id: String, name: String? = nil) {
            self.id = id
            self.name = name
        }
    }

    public struct Hints: Sendable, Equatable {
        public var priority: Priority?
        public var requestType: RequestType?
        public var customerID: String?
        public var operatorName: String?

        public init(priority: Priority? = nil, requestType: RequestType? = nil, customerID: String? = nil, operatorName: String? = nil) {
            self.priority = priority
            self.requestType = requestType
            self.customerID = customerID
            self.operatorName = operatorName
        }

        public var isEmpty: Bool { priority == nil && requestType == nil && customerID == nil && operatorName == nil }
    }

    public init(
        channel: Channel,
        externalID: String?,
        sender: Sender,
        conversation: String? = nil,
        threadKey: String? = nil,
        group: String? = nil,
        replyTo: String? = nil,
        references: [String] = [],
        subject: String? = nil,
        text: String? = nil,
        ticketText: String? = nil,
        sentAt: Timestamp? = nil,
        attachments: [Attachment] = [],
        isAutoReply: Bool = false,
        kind: Kind = .message,
        targetID: String? = nil,
        hints: Hints = Hints(),
        metadata: JSONObject = JSONObject(),
        warnings: [String] = []
    ) {
        self.channel = channel
        self.externalID = externalID
        self.sender = sender
        self.conversation = conversation
        self.threadKey = threadKey
        self.group = group
        self.replyTo = replyTo
        self.references = references
        self.subject = subject
        self.text = text
        self.ticketText = ticketText
        self.sentAt = sentAt
        self.attachments = attachments
        self.isAutoReply = isAutoReply
        self.kind = kind
        self.targetID = targetID
        self.hints = hints
        self.metadata = metadata
        self.warnings = warnings
    }

    /// The address of the customer the message is about, which the pipeline routes and threads by: the
    /// recipient of a message of ours, else the sender.
    public var customerAddress: String { recipient ?? sender.id }

    /// The text the pipeline classifies and fingerprints.
    public var effectiveText: String? { ticketText ?? text }
}

/// One file attached to a message. Content is referenced (content-addressed), not embedded.
public struct Attachment: Sendable, Equatable {
    public var filename: String?
    public var contentType: String?
    public var size: Int?
    /// Platform media id (WhatsApp media id, Slack file id) or a URL to fetch it from.
    public var mediaID: String?
    public var url: String?
    /// Lowercase hex SHA-256 of the content when known.
    public var sha256: String?
    public var contentID: String?
    public var isInline: Bool
    /// The decoded bytes, when the adapter has them (email). The store keeps them content-addressed.
    public var content: [UInt8]?

    public init(
        filename: String? = nil,
        contentType: String? = nil,
        size: Int? = nil,
        mediaID: String? = nil,
        url: String? = nil,
        sha256: String? = nil,
        contentID: String? = nil,
        isInline: Bool = false,
        content: [UInt8]? = nil
    ) {
        self.filename = filename
        self.contentType = contentType
        self.size = size
        self.mediaID = mediaID
        self.url = url
        self.sha256 = sha256
        self.contentID = contentID
        self.isInline = isInline
        self.content = content
    }
}
