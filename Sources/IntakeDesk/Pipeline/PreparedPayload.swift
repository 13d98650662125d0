public import IntakeCore

/// A payload after the store-independent stages (`IngestPipeline.prepare`); a class, so handing it to
/// the writer copies a reference, not the payload.
public final class PreparedPayload: Sendable {
    public let payload: IngestPayload
    let messages: [PreparedMessage]

    init(payload: IngestPayload, messages: [PreparedMessage]) {
        self.payload = payload
        self.messages = messages
    }
}

/// One message after routing, fingerprinting and classification, with its JSON ready to store. A class:
/// the writer passes it along without copying its dozens of fields.
final class PreparedMessage: Sendable {
    let message: InboundMessage
    let route: Router.Decision
    let scope: String
    let fingerprint: String?
    let classification: Classifier.Decision
    let normalizedJSON: String
    let threadKeys: Threader.Keys
    /// What later messages can find this one by (`MessageRefs.own`).
    let ownRefs: [String]
    /// The ticket this message opens if it opens one.
    let draft: Ticket
    /// `channel external_id`, as decisions name the message.
    let label: String
    /// What it records if it opens a ticket (nil for kinds that never do, and for our staff's answers).
    let newTicket: NewTicketPlan?
    /// Written by our staff (`metadata.staff`): it answers a ticket, never opens one.
    let isStaffAnswer: Bool

    init(message: InboundMessage, route: Router.Decision, scope: String, fingerprint: String?, classification: Classifier.Decision,
         normalizedJSON: String, threadKeys: Threader.Keys, ownRefs: [String], draft: Ticket, label: String, newTicket: NewTicketPlan?,
         isStaffAnswer: Bool) {
        self.message = message
        self.route = route
        self.scope = scope
        self.fingerprint = fingerprint
        self.classification = classification
        self.normalizedJSON = normalizedJSON
        self.threadKeys = threadKeys
        self.ownRefs = ownRefs
        self.draft = draft
        self.label = label
        self.newTicket = newTicket
        self.isStaffAnswer = isStaffAnswer
    }
}

/// The deadline, thread reason and decisions (as stored JSON) of a new ticket opened at `at`.
struct NewTicketPlan: Sendable {
    let at: Timestamp
    let due: Timestamp
    let threadReason: String
    let decisionsJSON: String
}

/// One raw payload and the messages an adapter read from it.
public struct IngestPayload: Sendable {
    public var channel: Channel
    public var raw: [UInt8]
    public var contentType: String?
    public var source: String
    public var messages: [InboundMessage]
    /// Why the adapter refused it, when it did: the raw payload is still kept.
    public var error: String?

    public init(channel: Channel, raw: [UInt8], contentType: String? = nil, source: String, messages: [InboundMessage], error: String? = nil) {
        self.channel = channel
        self.raw = raw
        self.contentType = contentType
        self.source = source
        self.messages = messages
        self.error = error
    }
}
