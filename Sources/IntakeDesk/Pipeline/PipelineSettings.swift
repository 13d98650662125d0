public import IntakeCore

/// What the pipeline needs from the configuration.
public struct PipelineSettings: Sendable {
    public var directory: CustomerDirectory
    public var ticketPrefix: String
    public var ticketStart: Int
    public var sla: SLAPolicy
    public var classification: ClassificationRules
    public var dedupeWindowSeconds: Int64
    public var reopenWindowSeconds: Int64
    public var missedCallPriority: Priority
    public var attachmentCapBytes: Int
    /// Where outbox events go; an empty list queues nothing.
    public var destinations: Destinations

    public struct Destinations: Sendable {
        /// The external desk (generic webhook or Zammad).
        public var desk: Bool
        /// `chat.postMessage` into the customer's private Slack channel.
        public var slack: Bool
        /// Text replies on WhatsApp inside the 24-hour window.
        public var whatsapp: Bool
        /// SMTP acknowledgements of new email tickets.
        public var email: Bool

        public init(desk: Bool = false, slack: Bool = false, whatsapp: Bool = false, email: Bool = false) {
            self.desk = desk
            self.slack = slack
            self.whatsapp = whatsapp
            self.email = email
        }
    }

    public init(config: GatewayConfig, directory: CustomerDirectory) {
        self.directory = directory
        ticketPrefix = config.ticketPrefix
        ticketStart = config.ticketStart
        sla = config.sla
        classification = config.classification
        dedupeWindowSeconds = config.dedupeWindowSeconds
        reopenWindowSeconds = config.reopenWindowSeconds
        missedCallPriority = config.phone.missedCallPriority
        attachmentCapBytes = config.email.attachmentCapBytes
        destinations = Destinations(
            desk: config.outbox.enabled && config.outbox.deskURL != nil,
            slack: config.outbox.enabled && config.slack.botToken != nil,
            whatsapp: config.outbox.enabled && config.whatsapp.accessToken != nil,
            email: config.outbox.enabled && config.email.acknowledge && config.email.smtpURL != nil
        )
    }
}

/// The result of one message through the pipeline.
public struct IngestResult: Sendable, Equatable {
    public var channel: Channel
    public var externalID: String?
    public var outcome: Outcome
    public var ticketNumber: String?
    public var reason: String

    /// `{"channel":…,"external_id":…,"outcome":…,"ticket":…,"reason":…}`, written straight into bytes:
    /// every webhook answer carries one per message.
    public func appendJSON(to out: inout [UInt8]) {
        out.append(contentsOf: "{\"channel\":".utf8)
        JSONWriter.appendQuoted(channel.rawValue, to: &out)
        out.append(contentsOf: ",\"external_id\":".utf8)
        JSONWriter.append(.optional(externalID), to: &out)
        out.append(contentsOf: ",\"outcome\":".utf8)
        JSONWriter.appendQuoted(outcome.rawValue, to: &out)
        out.append(contentsOf: ",\"ticket\":".utf8)
        JSONWriter.append(.optional(ticketNumber), to: &out)
        out.append(contentsOf: ",\"reason\":".utf8)
        JSONWriter.appendQuoted(reason, to: &out)
        out.append(0x7D)
    }

    /// The same object as text (one line of `--json` output).
    public var jsonText: String {
        var out: [UInt8] = []
        appendJSON(to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
