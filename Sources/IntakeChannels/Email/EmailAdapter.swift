public import IntakeCore
import IntakeMIME

/// Turns one raw RFC 5322 message (an `.eml`, an IMAP `BODY[]`) into one normalized message.
///
/// - `external_id`: the Message-ID without brackets; without one, a stable synthetic id from the
///   content hash (`synthetic-<32 hex>@intake.invalid`), so a redelivery still deduplicates.
/// - `sender`: the From address lowercased (else Sender, else Return-Path, else Reply-To), the decoded
///   display name; for a post a list re-sent under its own address, its author (`ListRewrittenSender`),
///   the list's address in `metadata.list_from`. A post through a list that is our own address (`OwnList`) names that address
///   in `metadata.own_list` and is no automatic mail for being a list's.
/// - `conversation`: null. Email threads by `thread_key`; the recipients (to, cc, delivered_to) are in
///   `metadata`, since which of them is our mailbox is the pipeline's knowledge, not the message's.
/// - `thread_key`: the root of `References` (its first id), else `In-Reply-To`, else the message's own id
///   (RFC 5322 §3.6.4: References lists the thread from its root).
/// - `text`: the whole plain text; `ticket_text`: quoted history and signature removed, when different.
///   An opaque S/MIME signed mail's text is its signed entity's; an encrypted one (S/MIME, PGP/MIME) has
///   no text but `metadata.encrypted` and a warning. The message a bounce or report returns is never its
///   text (`EmailSignals.returnsOriginal`, `MIMEMessage.content(returnsOriginal:)`).
/// - A PBX's voicemail (`PBXVoicemail`) keeps its recording as an attachment and names its caller in
///   `metadata` (`voicemail`, `caller` in E.164, `caller_name`, `duration` in seconds), which routes it.
/// - `auto_reply`: see `EmailSignals`; bounces carry `metadata.bounce_of`, the original's Message-ID; other
///   reports (delay warnings, read receipts, feedback reports) carry `metadata.report_of`.
/// - `subject` and the sender's name: decoded, line breaks as spaces, without other C0 controls but the tab
///   (`withoutControls`).
///
/// Before parsing, a leading byte order mark and blank lines are dropped, lines ending in CR alone are
/// read as lines (`lineFeedsForCarriageReturns`), and a payload that is no mail is rejected
/// (`checkLooksLikeMail`).
public struct EmailAdapter: ChannelAdapter {
    public let channel = Channel.email

    /// How far a `Date` may run ahead of the newest `Received` before it is taken for a wrong clock: a day
    /// covers a sender's clock set to the wrong zone.
    static let clockSkewSeconds: Int64 = 86_400

    /// When the mail reached the server nearest to us: the date after the last `;` of the topmost
    /// `Received` field (RFC 5321 §4.4). A script that sends without `Date` (or with one nobody can read)
    /// still gets a time on its ticket, minutes from the real one, rather than none.
    static func receivedAt(_ headers: MIMEHeaders) -> Timestamp? {
        guard let received = headers.values("Received").first, let semicolon = received.lastIndex(of: ";") else { return nil }
        return MailDate.parse(String(received[received.index(after: semicolon)...]))
    }

    /// Our mailbox addresses, lowercased (`ChannelAdapters.ownEmailAddresses`): a mail that came through a
    /// list that is one of them is a customer's post (`OwnList`), and a `Reply-To` naming one of them is no
    /// place to answer.
    public let ownAddresses: Set<String>
    /// Our staff's mail domains (`email.staff_domains`): with our own addresses, who writes for us
    /// (`StaffMail`).
    public let staffDomains: Set<String>
    /// The country a PBX voicemail's caller number without international prefix belongs to (`PBXVoicemail`).
    public let defaultCountry: String

    public init(ownAddresses: [String] = [], staffDomains: [String] = [], defaultCountry: String = "54") {
        self.ownAddresses = Set(ownAddresses.map { $0.lowercased() })
        self.staffDomains = Set(staffDomains.map { $0.lowercased() })
        self.defaultCountry = defaultCountry
    }

    public func normalize(_ payload: RawPayload) throws(AdapterError) -> [InboundMessage] {
        [try message(from: payload.bytes)]
    }

    /// Headers an RFC 5322 message practically always has; a payload with none of them is not mail.
    static let mailHeaders: Set<String> = [
        "from", "sender", "return-path", "to", "cc", "subject", "date", "message-id", "received", "mime-version",
        "content-type", "delivered-to", "reply-to", "in-reply-to", "references", "x-mailer", "dkim-signature",
    ]

    public func message(from raw: [UInt8]) throws(AdapterError) -> InboundMessage {
        let bytes = Self.lineFeedsForCarriageReturns(Self.droppingLeadingNoise(raw))
        try checkLooksLikeMail(bytes)
        let mime = MIMEMessage.parse(bytes)
        let headers = mime.headers
        guard headers.fields.contains(where: { Self.mailHeaders.contains($0.name.lowercased()) }) else {
            throw AdapterError(channel: .email, reason: "no RFC 5322 header block (no From, To, Subject, Date or Message-ID field)")
        }
        var warnings = mime.warnings

        let messageID = headers["Message-ID"].flatMap { MessageIDList.parse($0).first }
        let externalID: String
        if let messageID {
            externalID = messageID
        } else {
            externalID = "synthetic-" + String(SHA256.hex(Self.lineFeedEndings(bytes)).prefix(32)) + "@intake.invalid"
            warnings.append("no Message-ID: synthetic id from the content hash")
        }

        var from = ["From", "Sender", "Return-Path"].lazy
            .compactMap { headers[$0].flatMap { AddressParser.parse($0).first } }.first
        if from == nil, let replyTo = replyToAddress(headers) {
            from = replyTo
            warnings.append("no From, Sender or Return-Path: the sender is the Reply-To address")
        }
        if from == nil { warnings.append("no sender address (From, Sender, Return-Path, Reply-To)") }
        let ownList = OwnList.address(headers, ownAddresses: ownAddresses)
        let author = ListRewrittenSender.author(headers: headers, from: from, ownAddresses: ownAddresses, viaOwnList: ownList != nil)
        let sender = author ?? from
        // An encoded word may decode to anything: a name's line break or NUL goes, as a subject's does.
        var senderName = sender?.name.map { Self.withoutControls($0).trimmingWhitespace() }
        if senderName?.isEmpty == true { senderName = nil }
        if let name = senderName, name.lowercased() == sender?.normalized { senderName = nil }

        let references = headers.values("References").flatMap(MessageIDList.parse)
        let inReplyTo = headers["In-Reply-To"].flatMap { MessageIDList.parse($0).first }

        var sentAt: Timestamp?
        let received = Self.receivedAt(headers)
        if let date = headers["Date"] {
            sentAt = MailDate.parse(date)
            if sentAt == nil {
                warnings.append("unparseable Date \"\(date.prefix(60))\"")
            } else if let written = sentAt, let received, written.seconds > received.seconds + Self.clockSkewSeconds {
                // A sender's clock or script gone wrong (`Date: ... 3609 ...`): a mail cannot be written after
                // it reached our server, and such a date would sort it after every later message.
                warnings.append("Date \"\(date.prefix(60))\" is after the mail reached our server")
                sentAt = nil
            }
        } else {
            warnings.append("no Date header")
        }
        if sentAt == nil, let received {
            sentAt = received
            warnings.append("sent_at taken from the newest Received header")
        }

        let subject = headers.decoded("Subject", warnings: &warnings)
            .map { Self.withoutControls($0).trimmingWhitespace() }
        let content = mime.content(returnsOriginal: EmailSignals.returnsOriginal(mime.root, from: from))
        warnings.append(contentsOf: content.warnings)
        let isForward = QuoteStripper.isForwardSubject(subject)
        let stripped = content.text.map { QuoteStripper.strip($0, isForward: isForward) }

        var metadata = JSONObject()
        if let alert = subject.flatMap(MonitoringAlert.read) {
            metadata["alert_key"] = .string(alert.key)
            metadata["alert_state"] = .string(alert.state.rawValue)
        }
        for (key, field) in [("to", "To"), ("cc", "Cc")] {
            let list = headers.values(field).flatMap(AddressParser.parse).map(\.normalized)
            if !list.isEmpty { metadata[key] = .array(list.map(JSONValue.string)) }
        }
        if let deliveredTo = headers["Delivered-To"].flatMap({ AddressParser.parse($0).first }) {
            metadata["delivered_to"] = .string(deliveredTo.normalized)
        }
        if let replyAddress = replyToAddress(headers) {
            metadata["reply_to_address"] = .string(replyAddress.normalized)
        }
        if author != nil, let from { metadata["list_from"] = .string(from.normalized) }
        if content.isFromHTML { metadata["text_from_html"] = true }
        if content.isEncrypted { metadata["encrypted"] = true }
        if let ownList { metadata["own_list"] = .string(ownList) }
        let staff = StaffMail(ownAddresses: ownAddresses, staffDomains: staffDomains)
        let customer = sender.flatMap { staff.writes($0) ? staff.customer(headers) : nil }
        if let sender, staff.writes(sender) { metadata["staff"] = true }
        let signals = EmailSignals(message: mime, from: from, bodyText: content.text, viaOwnList: ownList != nil)
        signals.record(into: &metadata)
        let hasAudio = content.attachments.contains { $0.contentType.hasPrefix("audio/") }
        PBXVoicemail(headers: headers, text: content.text, hasAudio: hasAudio, defaultCountry: defaultCountry)?.record(into: &metadata)

        var seen = Set<String>()
        let uniqueWarnings = warnings.filter { seen.insert($0).inserted }

        var message = InboundMessage(
            channel: .email,
            externalID: externalID,
            sender: InboundMessage.Sender(id: sender?.normalized ?? "", name: senderName),
            conversation: nil,
            threadKey: references.first ?? inReplyTo ?? externalID,
            replyTo: inReplyTo,
            references: references,
            subject: subject,
            text: content.text,
            ticketText: stripped == content.text ? nil : stripped,
            sentAt: sentAt,
            attachments: content.attachments.map(Self.attachment),
            isAutoReply: signals.isAutoReply,
            metadata: metadata,
            warnings: uniqueWarnings
        )
        message.recipient = customer
        return message
    }

    /// The first `Reply-To` address that is not ours: where an answer goes, and the sender of a mail that
    /// names no other (a web form's script that sets only Reply-To, and the MTA adds no Return-Path to
    /// a mail read from a file).
    func replyToAddress(_ headers: MIMEHeaders) -> MailAddress? {
        headers["Reply-To"].flatMap { AddressParser.parse($0).first { !ownAddresses.contains($0.normalized) } }
    }

    static func attachment(_ a: MIMEAttachment) -> Attachment {
        Attachment(
            filename: a.filename, contentType: a.contentType, size: a.content.count, sha256: SHA256.hex(a.content),
            contentID: a.contentID, isInline: a.isInline, content: a.content)
    }

    /// The bytes with each CRLF as LF: what the synthetic id hashes, so the same mail gets the same id
    /// whether it came over IMAP (CRLF, as RFC 5322 has it) or from a file saved with LF line ends.
    static func lineFeedEndings(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated() where !(byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A) {
            out.append(byte)
        }
        return out
    }

    /// A mail whose lines end in CR alone (classic Mac OS mail archives, scripts that write `\r`) with
    /// each CR as LF: read as it is, it was one header line. Python's parser takes CR, LF and CRLF alike
    /// for line ends; a mail with any LF keeps its bytes, a bare CR in it being a character of a line.
    static func lineFeedsForCarriageReturns(_ bytes: [UInt8]) -> [UInt8] {
        guard !bytes.contains(0x0A), bytes.contains(0x0D) else { return bytes }
        return bytes.map { $0 == 0x0D ? 0x0A : $0 }
    }

    /// The mail without a UTF-8 byte order mark and blank lines before its first header field, which
    /// Windows tools and mbox splitters leave: parsed as they are, the empty first line would end an
    /// empty header block and the whole mail would read as a body.
    static func droppingLeadingNoise(_ bytes: [UInt8]) -> [UInt8] {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, bytes[start] == 0x0D || bytes[start] == 0x0A { start += 1 }
        return start == 0 ? bytes : Array(bytes[start...])
    }

    /// Rejects what is clearly something else before parsing: nothing, JSON, or binary data (a NUL in
    /// the first 4 KiB of the header block before any field line; a body part may be binary, RFC 3030).
    /// A NUL after a field line is a broken mailer's stray byte in a mail that is one.
    func checkLooksLikeMail(_ bytes: [UInt8]) throws(AdapterError) {
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }) else {
            throw AdapterError(channel: .email, reason: "empty payload")
        }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            throw AdapterError(channel: .email, reason: "JSON, not an RFC 5322 message")
        }
        let header = Self.headerBlock(bytes.prefix(4096))
        if let nul = header.firstIndex(of: 0), !Self.hasFieldLine(header[..<nul]) {
            throw AdapterError(channel: .email, reason: "binary data, not an RFC 5322 message")
        }
    }

    /// The text with line breaks as spaces and without other C0 controls but the tab, and without DEL: a
    /// NUL or an escape sequence a broken mailer or an encoded word (`=?utf-8?Q?a=00b?=`) left in a
    /// subject would reach the desk's database and terminal as it is (PostgreSQL rejects a NUL in text).
    static func withoutControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var kept = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" { kept.append(" ") } else if !isControl(scalar) { kept.append(scalar) }
        }
        return String(kept)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F
    }

    /// Whether a whole line ending in LF is a header field (`Name: value`, RFC 5322 §2.2: printable
    /// characters other than the colon, then a colon).
    static func hasFieldLine(_ bytes: ArraySlice<UInt8>) -> Bool {
        var start = bytes.startIndex
        while let lineFeed = bytes[start...].firstIndex(of: 0x0A) {
            let line = bytes[start..<lineFeed]
            if let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
               line[..<colon].allSatisfy({ $0 > 0x20 && $0 < 0x7F })
            {
                return true
            }
            start = lineFeed + 1
        }
        return false
    }

    /// The bytes up to the first empty line (LF LF or LF CR LF), or all of them.
    static func headerBlock(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var index = bytes.startIndex
        while let lineFeed = bytes[index...].firstIndex(of: 0x0A) {
            let next = lineFeed + 1
            if next < bytes.endIndex, bytes[next] == 0x0A { return bytes[..<next] }
            if next + 1 < bytes.endIndex, bytes[next] == 0x0D, bytes[next + 1] == 0x0A { return bytes[..<next] }
            index = next
        }
        return bytes
    }
}
