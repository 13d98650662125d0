import IntakeChannels
public import IntakeCore
public import IntakeDesk
public import IntakeOutbound

/// The acknowledgement of a new email ticket: composed by the email channel's `Acknowledgement`, allowed
/// or not by its `AcknowledgementPolicy` (never to automatic mail; at most the daily cap per address,
/// counted in the store), and sent by an `AcknowledgementMailer`.
///
/// The message is composed as of the moment the ticket was created, so every retry sends the same
/// bytes with the same Message-ID: a retry after a crash between SMTP's `250` and our commit is a
/// duplicate the receiving mailbox can recognise. After a send, the worker records our Message-ID as a
/// ref of the ticket (`recordSent`), so the customer's reply and a bounce find the ticket.
public struct EmailAcknowledgementDestination: OutboundDestination {
    public let name = "email"
    /// The daily cap is read here and counted when the result is recorded.
    public let readsRecordedResults = true
    let store: DeskStore
    let mailer: any AcknowledgementMailer
    let policy: AcknowledgementPolicy
    let fromAddress: String
    let timeZone: LocalTimeZone

    public init(store: DeskStore, mailer: any AcknowledgementMailer, config: GatewayConfig) {
        self.store = store
        self.mailer = mailer
        policy = AcknowledgementPolicy(ownAddresses: ChannelAdapters.ownEmailAddresses(config), dailyCapPerAddress: config.email.ackDailyCapPerAddress)
        fromAddress = config.email.fromAddress
        timeZone = config.phone.cdrTimeZone
    }

    /// `YYYY-MM-DD` (UTC): the day the daily cap counts in.
    static func day(_ t: Timestamp) -> String { String(t.iso8601.prefix(10)) }

    public func deliver(_ event: OutboundEvent, now: Timestamp) -> DeliveryResult {
        guard let message = OutboxPayload.message(event.payload), let number = OutboxPayload.ticketNumber(event.payload) else {
            return .rejected(status: nil, reason: "the event carries no email message")
        }
        let recipient = AcknowledgementPolicy.recipient(of: message)
        let sentToday: Int
        do {
            sentToday = try store.read { try $0.acknowledgements(address: recipient, day: Self.day(now)) }
        } catch {
            return .retry(status: nil, reason: "reading the daily count: \(error)")
        }
        switch policy.decide(message, sentToday: sentToday) {
        case .skip(let reason):
            return .skipped(reason: "acknowledgement not sent: \(reason.rawValue)")
        case .send(let to):
            let composedAt = OutboxPayload.changedAt(event.payload) ?? now
            let due = OutboxPayload.promisedFirstResponse(event.payload)
            let domain = fromAddress.split(separator: "@").last.map(String.init) ?? "intake.invalid"
            let ack = Acknowledgement(Acknowledgement.Input(
                replyingTo: message, ticketTag: number, priority: OutboxPayload.priority(event.payload),
                firstResponseDue: due,
                language: event.locale.lowercased().hasPrefix("en") ? .en : .es, fromAddress: fromAddress,
                messageIDDomain: domain, now: composedAt,
                // The deadline in the customer's zone; the Date field names the same instant in it.
                utcOffsetSeconds: event.utcOffset(at: due ?? composedAt, otherwise: timeZone)))
            do {
                try mailer.send(from: fromAddress, to: to, message: ack.bytes)
            } catch {
                return error.isPermanent ? .rejected(status: nil, reason: "SMTP: \(error.message)") : .retry(status: nil, reason: "SMTP: \(error.message)")
            }
            return .delivered(status: nil, remoteID: ack.messageID)
        }
    }

    /// In the worker's recording transaction: our Message-ID becomes a ref of the ticket, and the
    /// recipient's daily count goes up.
    static func recordSent(_ row: OutboxEvent, messageID: String, records: DeskRecords, now: Timestamp) throws {
        if let ticketID = row.ticketID { try records.addRef("email:" + messageID, ticketID: ticketID) }
        if let message = OutboxPayload.message(row.payload) {
            try records.countAcknowledgement(address: AcknowledgementPolicy.recipient(of: message), day: day(now))
        }
    }
}
