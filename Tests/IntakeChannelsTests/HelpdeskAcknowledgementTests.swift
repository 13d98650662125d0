import IntakeChannels
import XCTest

/// A customer helpdesk's "we received your request" is an automatic answer even without RFC 3834's
/// headers; an agent's answer through the same helpdesk, with the same headers, is a person's mail, and
/// one the helpdesk marks `auto-generated` (Jira relaying a comment) is a notification that may ask something.
final class HelpdeskAcknowledgementTests: XCTestCase {
    func testAHelpdeskAcknowledgementIsAutomaticAndAnAgentsAnswerIsNot() throws {
        let zendesk = "X-Mailer: Zendesk Mailer\r\nX-Zendesk-From-Account-Id: 8a1f2c\r\nX-Zendesk-Email-Id: 01HXYZ\r\n"
        let table: [(subject: String, headers: String, reason: String?)] = [
            ("[Request received] Factura duplicada", zendesk, "helpdesk-acknowledgement"),
            ("[Acme] Re: Factura duplicada", zendesk, nil),
            ("Re: [Request received] Factura duplicada", zendesk, nil),
            ("Ticket Received - Factura duplicada", "Return-Path: <bounce+1234@emailus.freshdesk.com>\r\n", "helpdesk-acknowledgement"),
            ("Ticket Received - Factura duplicada", "Return-Path: <ana@cliente.com.ar>\r\n", nil),
            ("Support Ticket Opened [#482913]", "X-Mailer: osTicket Mailer\r\n", "helpdesk-acknowledgement"),
            ("Incident INC0012345 has been opened on your behalf", "X-ServiceNow-Generated: true\r\n", "helpdesk-acknowledgement"),
            ("Incident INC0012345 -- comments added", "X-ServiceNow-Generated: true\r\n", nil),
            ("[Ticket#2024112610000012] Solicitud recibida: Factura duplicada", "Precedence: bulk\r\nX-Loop: yes\r\n", "helpdesk-acknowledgement"),
            ("Hemos recibido su solicitud #5521", "RT-Ticket: cliente.com.ar #5521\r\n", "helpdesk-acknowledgement"),
            ("Request received: Factura duplicada", "Auto-Submitted: auto-generated\r\n", "helpdesk-acknowledgement"),
            ("Su caso 00481234 ha sido registrado", "X-Mailer: Salesforce Mailer\r\nPrecedence: bulk\r\n", "helpdesk-acknowledgement"),
            ("Chamado aberto #3321: Fatura duplicada", "X-Mailer: GLPI\r\n", "helpdesk-acknowledgement"),
            ("Request received from the plant", "", nil),
            ("Hemos recibido su factura con un error", zendesk, nil),
            ("[JIRA] (SUP-12) Caida de la troncal", "Auto-Submitted: auto-generated\r\nIn-Reply-To: <a@acme.com.ar>\r\nX-JIRA-FingerPrint: 97a8\r\n",
             "auto-generated"),
            ("Re: Caida de la troncal", "Auto-Submitted: auto-generated\r\nIn-Reply-To: <a@acme.com.ar>\r\n", "auto-submitted"),
            ("[Ticket#2024112610000012] RE: Caida de la troncal",
             "Auto-Submitted: auto-generated\r\nIn-Reply-To: <a@acme.com.ar>\r\nX-Loop: yes\r\nX-Mailer: OTRS Mail Service\r\n", "auto-submitted"),
        ]
        for row in table {
            let raw = "From: Soporte Cliente <soporte@cliente.com.ar>\r\nMessage-ID: <h@cliente.com.ar>\r\nSubject: \(row.subject)\r\n\(row.headers)\r\nGracias."
            let m = try EmailAdapter().message(from: Array(raw.utf8))
            XCTAssertEqual(m.metadata["auto_reply_reason"]?.stringValue, row.reason, row.subject)
            XCTAssertEqual(m.isAutoReply, row.reason != nil, row.subject)
        }
    }
}
