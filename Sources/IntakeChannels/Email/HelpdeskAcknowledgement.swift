import IntakeMIME

/// A customer's helpdesk answering our mail with "we received your request": Zendesk's
/// `[Request received] ...`, Freshdesk's `Ticket Received - ...`, osTicket's `Support Ticket Opened [#...]`,
/// ServiceNow's `... has been opened on your behalf`, Zammad's `Thanks for your inquiry (...)`, Jira
/// Service Management's `Request received: ...`. Some send it without `Auto-Submitted` (Freshdesk and
/// ServiceNow notifications; a relay may strip Zendesk's), and those that mark it mark an agent's answer
/// alike (Zendesk writes `Auto-Submitted: auto-generated` on every mail), so it is told by its subject,
/// from a mail that a helpdesk sent (its own headers or `X-Mailer`) or that is marked automatic in some
/// other way (`Precedence: bulk`, `X-Loop`, `Auto-Submitted`). Agents answer through the same systems,
/// from the same address and with the same headers, so the headers alone say nothing: a person's answer
/// has the ticket's subject (`[Acme] Re: ...`, `[Ticket#2024...] RE: ...`), never an acknowledgement's,
/// and a person answering an acknowledgement writes `Re:` before it.
enum HelpdeskAcknowledgement {
    static func matches(_ headers: MIMEHeaders, subject: String, isMarkedAutomatic: Bool) -> Bool {
        let subject = subject.lowercased()
        guard !replyPrefixes.contains(where: subject.hasPrefix), subjectWords.contains(where: subject.contains)
        else { return false }
        return isMarkedAutomatic || isFromHelpdesk(headers)
    }

    /// What the acknowledgement templates of helpdesks say in their subjects, in English, Spanish and
    /// Portuguese; "we received" only with what was received (a request, a message), since an agent may
    /// write "Hemos recibido su factura con un error".
    static let subjectWords = [
        "request received", "ticket received", "request has been received", "received your request",
        "received your email", "received your message", "support ticket opened", "opened on your behalf",
        "ticket has been created", "ticket created", "has been logged", "thanks for your inquiry",
        "thank you for your inquiry", "solicitud recibida", "ticket recibido", "hemos recibido su solicitud",
        "hemos recibido tu solicitud", "hemos recibido su mensaje", "hemos recibido tu mensaje",
        "hemos recibido su consulta", "hemos recibido tu consulta", "hemos recibido su correo",
        "solicitud ha sido recibida", "se ha creado el ticket", "ticket creado", "se ha abierto el ticket",
        "ha sido registrad", "se ha registrado su", "caso creado", "incidencia creada", "incidente creado",
        "solicitação recebida", "recebemos sua solicitação", "recebemos a sua solicitação", "recebemos sua mensagem",
        "chamado aberto", "chamado criado",
    ]

    /// Prefixes of a person's answer or forward (`Re:`, German `AW:`, Spanish `RV:`, Portuguese `Res:`).
    static let replyPrefixes = ["re:", "re :", "aw:", "rv:", "res:", "fw:", "fwd:", "tr:"]

    /// Whether a helpdesk sent the mail: a header of its own, its name in `X-Mailer`, or a hosted
    /// helpdesk's domain in `Message-ID` or `Return-Path` (its servers send for the customer's own address).
    static func isFromHelpdesk(_ headers: MIMEHeaders) -> Bool {
        if headers.fields.contains(where: { field in
            let name = field.name.lowercased()
            return headerPrefixes.contains(where: name.hasPrefix) || headerNames.contains(name)
        }) {
            return true
        }
        let mailer = (headers["X-Mailer"] ?? headers["User-Agent"] ?? "").lowercased()
        if mailerNames.contains(where: mailer.contains) { return true }
        return ["Message-ID", "Return-Path"].contains { name in
            guard let value = headers[name], let at = value.lastIndex(of: "@") else { return false }
            let domain = value[value.index(after: at)...].lowercased().filter { $0 != ">" && !$0.isWhitespace }
            return hostedDomains.contains { domain == $0 || domain.hasSuffix("." + $0) }
        }
    }

    /// Domains hosted helpdesks send from (`<...@zendesk.com>` Message-IDs, `bounces+...@...` Return-Paths).
    static let hostedDomains = [
        "zendesk.com", "freshdesk.com", "freshservice.com", "service-now.com", "servicenow.com", "atlassian.net",
        "zammad.com", "helpscout.net", "happyfox.com", "kayako.com",
    ]

    /// Headers helpdesks add to all their mail (Zendesk's `X-Zendesk-From-Account-Id`, ServiceNow's
    /// `X-ServiceNow-Generated`, Jira's `X-JIRA-FingerPrint`, OTRS's `X-OTRS-*`), Request Tracker's
    /// `RT-Ticket` and `X-RT-Loop-Prevention`, Frappe Helpdesk's `X-Auto-Generated`.
    static let headerPrefixes = [
        "x-zendesk-", "x-freshdesk-", "x-otrs-", "x-znuny-", "x-kix-", "x-servicenow-", "x-jira-", "x-zammad-",
        "x-kayako-", "x-helpscout-", "x-happyfox-",
    ]
    static let headerNames: Set<String> = ["rt-ticket", "x-rt-loop-prevention", "x-auto-generated"]
    static let mailerNames = [
        "zendesk", "freshdesk", "osticket", "otrs", "znuny", "servicenow", "jira", "zammad", "kayako", "spiceworks",
        "request tracker", "happyfox", "help scout", "glpi",
    ]
}
