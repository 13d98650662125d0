public import IntakeCore
public import IntakeMIME

/// What a message's headers and structure say about who or what sent it: an automatic reply, a mailing
/// list, a bounce (and of which message), a no-reply sender. The acknowledgement policy and the pipeline
/// read these from `isAutoReply` and `metadata`.
///
/// Automatic (RFC 3834 §5 and common practice), first reason wins:
/// `Auto-Submitted` other than `no` (on a mail that answers none, `auto-generated` is a notification,
/// reason `auto-generated`, unless a sign below names it: see `autoSubmitted`); a customer helpdesk's
/// "request received" (`HelpdeskAcknowledgement`, reason `helpdesk-acknowledgement`);
/// `Precedence: bulk | junk | list | auto_reply | auto-reply`; a responder's own header
/// (`autoReplyHeaders`); `X-Loop: yes` (OTRS and Znuny answers, vacation scripts; Zammad reads it so
/// too); `X-Auto-Response-Suppress` with `All` or `OOF` together with `X-MS-Exchange-Inbox-Rules-Loop`
/// naming the sender (an Exchange out-of-office reply carries both; a message an inbox rule redirected
/// names the redirecting mailbox, `isAnsweredByRule`). Alone, the suppress header is no evidence
/// (MS-OXCMAIL §2.1.3.2.20): it asks the receiver not to auto-reply, and Outlook and Exchange put it on
/// people's mail too (`DR, OOF, AutoReply`); a meeting reply (iTIP `REPLY`, `CalendarMethod`); `List-Id`
/// or `List-Unsubscribe` (RFC 2919, 2369: a mailing list); a `multipart/report` (RFC 6522: DSNs of
/// RFC 3464, MDNs of RFC 8098); a `MAILER-DAEMON` or `postmaster` sender or an empty Return-Path
/// (RFC 5321 §4.5.5: notifications go out with a null reverse-path); out-of-office subject prefixes
/// (`autoReplySubjectPrefixes`, read after a gateway's `[EXTERNAL]`-like tags, `SubjectTags`), and Lotus
/// Notes' `AUTO:` on a reply (`In-Reply-To`; alone, `Auto:` may be a person's subject about a car).
///
/// A bounce is a delivery report that some recipient failed: a DSN (`report-type=delivery-status`)
/// whose `Action` fields are not all `delayed`, `delivered` or `relayed` (a delay warning is no bounce,
/// RFC 3464 §2.3.3), an `X-Failed-Recipients` header (Exim, Gmail), or a daemon's mail returning the
/// original or saying so in its subject (`bounceSubjectWords`). `failed_recipients` lists the failed
/// `Final-Recipient` addresses.
public struct EmailSignals: Sendable {
    public var autoReplyReason: String?
    public var isMailingList: Bool
    public var listID: String?
    public var isNoReply: Bool
    public var isBounce: Bool
    /// The Message-ID of the message a bounce or receipt is about.
    public var originalMessageID: String?
    public var failedRecipients: [String]
    public var reportType: String?
    /// The `Auto-Submitted` keyword other than `no`. Any of them makes the mail automatic (`auto_reply`,
    /// as the contract says), but an `auto-generated` mail that answers none (no `In-Reply-To`, no
    /// `References`) is a notification, not a reply (RFC 3834 §5.1): a customer's monitoring alert, a
    /// backup report, a cron job's output. So is one a helpdesk sent (`HelpdeskAcknowledgement.isFromHelpdesk`)
    /// other than its acknowledgement, reply or not, unless it carries `X-Loop`: Jira and ServiceNow mark
    /// every mail `auto-generated` and thread it, an agent's comment they relay included, while OTRS, Znuny
    /// and Zammad add `X-Loop` to their automatic answers only. Its reason, `auto-generated`, tells the
    /// pipeline it may be a request (`AutomaticAnswer`); like any automatic mail it gets no
    /// acknowledgement (§2).
    public var autoSubmitted: String?
    /// The iTIP method of the mail's calendar part (`CalendarMethod`); a `REPLY` is an automatic reply.
    public var calendarMethod: String?

    public var isAutoReply: Bool { autoReplyReason != nil }

    /// `viaOwnList`: the mail came through a list that is our own support address (`OwnList`), so the list's
    /// marks (`Precedence: list`, `List-Id`) say nothing of its author; they still set `isMailingList`.
    public init(message: MIMEMessage, from: MailAddress?, bodyText: String?, viaOwnList: Bool = false) {
        let headers = message.headers
        let root = message.root
        var ignored: [String] = []
        let subject = headers.decoded("Subject", warnings: &ignored)?.trimmingWhitespace().lowercased() ?? ""
        // What the sender's mailer wrote, after the tags our gateway or a list put before it (`SubjectTags`).
        let ownSubject = String(SubjectTags.droppingLeading(subject))
        let local = from?.localPart ?? ""
        let isDaemon = Self.isDaemon(local)
        let nullReturnPath = headers["Return-Path"].map { $0.filter { !$0.isWhitespace } == "<>" } ?? false

        listID = headers["List-Id"].map { value in MessageIDList.parse(value).first ?? value.trimmingWhitespace() }
        // What a list's robot address sends (Mailman's digests from `ppp-request@`, `owner-ppp@` notices) is
        // list traffic too, with or without the list headers. (A multipart/digest alone is not: mutt
        // forwards several mails as one.)
        isMailingList = listID != nil || headers.contains("List-Unsubscribe") || NoReplyAddress.isListAdministrative(localPart: local)
        isNoReply = NoReplyAddress.matches(localPart: local)

        let isReport = root.contentType.mimeType == "multipart/report"
        reportType = isReport ? root.contentType.parameters["report-type"]?.lowercased() : nil
        let statuses = root.allParts.filter { Self.deliveryStatusTypes.contains($0.contentType.mimeType) }
            .flatMap { DeliveryStatus.parse($0.content).recipients }
        let isDeliveryReport = isReport
            && (reportType.map(Self.deliveryReportTypes.contains) ?? false || !statuses.isEmpty)
        // A DSN whose recipients are all delayed, delivered or relayed reports no failure (RFC 3464 §2.3.3).
        let reportsFailure = statuses.isEmpty || statuses.contains(where: \.hasFailed)
        isBounce = (isDeliveryReport && reportsFailure) || headers.contains("X-Failed-Recipients")
            || (reportsFailure && Self.returnsOriginal(root, from: from))
        originalMessageID = nil
        if isReport || isBounce || isDaemon {
            originalMessageID = Self.originalMessageID(root, bodyText: isDaemon ? bodyText : nil)
        }
        let subjectSaysBounce = Self.bounceSubjectWords.contains(where: subject.contains)
        if isDaemon, reportsFailure, originalMessageID != nil || subjectSaysBounce { isBounce = true }
        // A person forwarding a bounce as an attachment has no failed recipients of their own.
        failedRecipients = isBounce ? statuses.filter(\.hasFailed).compactMap(\.address) : []
        for value in headers.values("X-Failed-Recipients") {
            failedRecipients += value.split(separator: ",").map { $0.trimmingWhitespace().lowercased() }.filter { !$0.isEmpty }
        }
        var seen = Set<String>()
        failedRecipients = failedRecipients.filter { seen.insert($0).inserted }

        let autoSubmitted = headers["Auto-Submitted"].map(Self.keyword)
        self.autoSubmitted = autoSubmitted == "no" ? nil : autoSubmitted
        let isReply = headers.contains("In-Reply-To") || headers.contains("References")
        calendarMethod = CalendarMethod.of(root)
        let precedence = headers["Precedence"]?.trimmingWhitespace().lowercased()
        let suppress = headers["X-Auto-Response-Suppress"]?.lowercased()
            .split(separator: ",").map { $0.trimmingWhitespace() } ?? []
        // A notification (`auto-generated` on no reply, or from a helpdesk) is automatic too, but any more
        // telling sign below (a list, a report, a bounce, a meeting reply) names it first.
        let isNotification = autoSubmitted == "auto-generated"
            && (!isReply || (HelpdeskAcknowledgement.isFromHelpdesk(headers) && !headers.contains("X-Loop")))
        let isMarkedAutomatic = autoSubmitted != nil || headers.contains("X-Loop")
            || ["bulk", "junk", "auto_reply", "auto-reply"].contains(precedence ?? "")
            || Self.autoReplyHeaders.contains(where: headers.contains)
        if let autoSubmitted, autoSubmitted != "no", !isNotification {
            autoReplyReason = "auto-submitted"
        } else if HelpdeskAcknowledgement.matches(headers, subject: subject, isMarkedAutomatic: isMarkedAutomatic) {
            autoReplyReason = "helpdesk-acknowledgement"
        } else if let precedence, ["bulk", "junk", "list", "auto_reply", "auto-reply"].contains(precedence),
                  !(viaOwnList && precedence == "list")
        {
            autoReplyReason = "precedence"
        } else if Self.autoReplyHeaders.contains(where: headers.contains) {
            autoReplyReason = "x-autoreply"
        } else if let loop = headers["X-Loop"]?.trimmingWhitespace().lowercased(), loop == "yes" || loop == "true" {
            autoReplyReason = "x-loop"
        } else if suppress.contains("all") || suppress.contains("oof"), Self.isAnsweredByRule(headers, from: from) {
            autoReplyReason = "x-auto-response-suppress"
        } else if calendarMethod == "REPLY" {
            autoReplyReason = "calendar-reply"
        } else if isMailingList, !viaOwnList {
            autoReplyReason = "mailing-list"
        } else if isReport || isBounce {
            autoReplyReason = "delivery-report"
        } else if isDaemon || nullReturnPath {
            autoReplyReason = "mailer-daemon"
        } else if Self.autoReplySubjectPrefixes.contains(where: { ownSubject.hasPrefix($0) })
                    || (ownSubject.hasPrefix("auto:") && headers.contains("In-Reply-To"))
        {
            autoReplyReason = "subject"
        } else if isNotification {
            autoReplyReason = "auto-generated"
        } else {
            autoReplyReason = nil
        }
    }

    /// Whether an Exchange mailbox's rule or out-of-office assistant wrote the mail: its
    /// `X-MS-Exchange-Inbox-Rules-Loop` names the mailbox whose rules handled it, and an answer comes from
    /// that mailbox. A message an inbox rule redirected (a customer's shared mailbox sending everything on
    /// to us) keeps its author's From and headers, people's `X-Auto-Response-Suppress` included, and gets
    /// the redirecting mailbox in that field: a person's mail, not an out-of-office reply.
    static func isAnsweredByRule(_ headers: MIMEHeaders, from: MailAddress?) -> Bool {
        guard let from else { return false }
        return headers.values("X-MS-Exchange-Inbox-Rules-Loop")
            .flatMap(AddressParser.parse).contains { $0.normalized == from.normalized }
    }

    /// A mail system's own sender: `MAILER-DAEMON` (also written `mailer_daemon`, `mail-daemon`),
    /// `postmaster` (RFC 5321 §4.5.1), and Exchange's system mailbox, which sends its non-delivery reports,
    /// quota warnings and recall results (`MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e`).
    static func isDaemon(_ localPart: String) -> Bool {
        let compact = localPart.filter { $0 != "-" && $0 != "_" && $0 != "." }
        return ["mailerdaemon", "maildaemon", "postmaster", "microsoftexchange329e71ec88ae4615bbc36ab6ce41109e"].contains(compact)
    }

    /// What the subject of a daemon's plain-text non-delivery notice says when it returns no Message-ID
    /// to point at (older Exchange, Lotus Domino, qmail, appliance MTAs), in English and Spanish.
    static let bounceSubjectWords = [
        "undeliverable", "undelivered", "delivery failure", "delivery failed", "delivery status notification (failure)",
        "returned mail", "failure notice", "non-delivery", "could not be delivered", "no se puede entregar",
        "no se pudo entregar", "no entregado", "devuelto",
    ]

    /// Headers only responders write: vacation scripts and webmails (`X-Autoreply`, `X-Autorespond`,
    /// `X-Autoresponder`, `X-Autoreply-From`, `X-Mail-Autoreply`), Hotmail's `X-Autogenerated: Reply`,
    /// FirstClass's `X-FC-MachineGenerated`.
    static let autoReplyHeaders = [
        "X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Autoreply-From", "X-Mail-Autoreply", "X-Autogenerated",
        "X-FC-MachineGenerated",
    ]

    /// Subject prefixes out-of-office replies carry when their sender set no header (Outlook rules, Zimbra,
    /// Lotus Notes, older Exchange), in English, Spanish, Portuguese, French, Italian and German, and the
    /// `OOF:`/`OOO:` shorthands, matched on the decoded subject: an Outlook in Spanish sends `=?iso-8859-1?Q?Respuesta_autom=E1tica:_...?=`.
    /// Each ends in a colon, so a person's subject that only mentions an absence ("Out of office request")
    /// is not taken for one.
    static let autoReplySubjectPrefixes = [
        "automatic reply:", "auto reply:", "autoreply:", "automatic response:", "auto response:", "autoresponse:",
        "out of office:", "out of the office:", "out of office autoreply:", "out of office reply:",
        "respuesta automática:", "respuesta automatica:", "fuera de la oficina:", "fuera de oficina:",
        "ausente de la oficina:", "resposta automática:", "réponse automatique :", "réponse automatique:",
        "risposta automatica:", "automatische antwort:", "abwesenheitsnotiz:", "oof:", "ooo:",
    ]

    /// Writes the signals that are set into a message's metadata.
    public func record(into metadata: inout JSONObject) {
        if let listID { metadata["list_id"] = .string(listID) }
        if isMailingList { metadata["mailing_list"] = true }
        if isNoReply { metadata["no_reply"] = true }
        if let autoReplyReason { metadata["auto_reply_reason"] = .string(autoReplyReason) }
        if let reportType { metadata["report_type"] = .string(reportType) }
        if let autoSubmitted { metadata["auto_submitted"] = .string(autoSubmitted) }
        if let calendarMethod { metadata["calendar_method"] = .string(calendarMethod) }
        if isBounce { metadata["bounce"] = true }
        if let originalMessageID { metadata[isBounce ? "bounce_of" : "report_of"] = .string(originalMessageID) }
        if !failedRecipients.isEmpty { metadata["failed_recipients"] = .array(failedRecipients.map(JSONValue.string)) }
    }

    /// The keyword of an `Auto-Submitted` value (RFC 3834 §5: `auto-replied; owner-email=...`, comments
    /// allowed anywhere): `no (sent by a person)` is `no`, `auto-replied (zimbra; vacation)` is `auto-replied`.
    static func keyword(_ value: String) -> String {
        var out = ""
        var depth = 0
        for ch in value {
            if ch == "(" { depth += 1 } else if ch == ")" { depth = max(0, depth - 1) } else if depth == 0 {
                if ch == ";" { break }
                out.append(ch)
            }
        }
        return out.trimmingWhitespace().lowercased()
    }

    /// Whether a mail system's own mail returns a message (a copy of it or its headers): a bounce of before
    /// RFC 3464 (sendmail's, PMDF's, Lotus Notes'), whose returned message is the one that bounced, never
    /// the bounce's text, however little text of its own the bounce has.
    public static func returnsOriginal(_ root: MIMEPart, from: MailAddress?) -> Bool {
        isDaemon(from?.localPart ?? "") && root.allParts.contains { isOriginalPart($0.contentType) }
    }

    static func isOriginalPart(_ type: ContentType) -> Bool {
        type.isMessage || ["text/rfc822-headers", "message/rfc822-headers", "message/global-headers"].contains(type.mimeType)
    }

    /// Report types of delivery status notifications (RFC 3464, RFC 6533 for internationalized mail); a
    /// feedback report (RFC 5965) or a read receipt (RFC 8098) is a report but no bounce.
    static let deliveryReportTypes: Set<String> = ["delivery-status", "global-delivery-status"]
    static let deliveryStatusTypes: Set<String> = ["message/delivery-status", "message/global-delivery-status"]

    /// The original's Message-ID: from the returned message or its headers, else an `Original-Message-ID`
    /// field of a report (RFC 8098 §3.2.5), else, for a plain-text bounce, the first `Message-ID:` line of its text.
    static func originalMessageID(_ root: MIMEPart, bodyText: String?) -> String? {
        var warnings: [String] = []
        for part in root.allParts {
            let type = part.contentType.mimeType
            if part.contentType.isMessage, let embedded = part.children.first {
                if let id = embedded.headers["Message-ID"].flatMap({ MessageIDList.parse($0).first }) { return id }
            } else if isOriginalPart(part.contentType) {
                let headers = MIMEHeaders.parse(part.content[...], warnings: &warnings).headers
                if let id = headers["Message-ID"].flatMap({ MessageIDList.parse($0).first }) { return id }
            } else if reportFieldTypes.contains(type), let id = fieldValue("Original-Message-ID", in: part.content) {
                return id
            }
        }
        return bodyText.flatMap { fieldValue("Message-ID", in: Array($0.utf8)) }
    }

    /// The parts whose fields may name the original: DSNs, MDNs and feedback reports.
    static let reportFieldTypes = deliveryStatusTypes.union(["message/disposition-notification", "message/feedback-report"])

    /// The id of the first field `name:` in `text` (after spaces: a plain-text bounce may indent the copy
    /// it quotes), unfolded as header fields are (RFC 5322 §2.2.3): the lines after it that are indented
    /// further are its value too. The fields of an MDN (RFC 8098 §3.1) and a DSN (RFC 3464 §2.1) fold so,
    /// and a long id is often folded onto the next line, leaving `Original-Message-ID:` with nothing after it.
    static func fieldValue(_ name: String, in text: [UInt8]) -> String? {
        let prefix = name.lowercased() + ":"
        let lines = String(decoding: text, as: UTF8.self).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, line) in lines.enumerated() {
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            guard line.dropFirst(indent).lowercased().hasPrefix(prefix) else { continue }
            var value = String(line.dropFirst(indent + prefix.count))
            for next in lines[(index + 1)...] {
                guard next.prefix(while: { $0 == " " || $0 == "\t" }).count > indent else { break }
                value += " " + next
            }
            if let id = MessageIDList.parse(value).first { return id }
        }
        return nil
    }
}
