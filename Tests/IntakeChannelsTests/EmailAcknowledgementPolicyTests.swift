import IntakeChannels
import IntakeCore
import XCTest

final class EmailAcknowledgementPolicyTests: XCTestCase {
    let policy = AcknowledgementPolicy(ownAddresses: ["Soporte@acme.com.ar"], dailyCapPerAddress: 3)

    func message(_ headers: String, body: String = "hola") throws -> InboundMessage {
        try EmailAdapter().message(from: Array((headers + "\r\nMessage-ID: <x@y>\r\n\r\n" + body).utf8))
    }

    func testDecisionsFollowTheSenderAndTheCap() throws {
        let table: [(String, Int, AcknowledgementPolicy.Decision)] = [
            ("From: Juan <Juan@Cliente.com>", 0, .send(to: "juan@cliente.com")),
            ("From: Juan <juan@cliente.com>\r\nReply-To: mesa@cliente.com", 0, .send(to: "mesa@cliente.com")),
            ("From: Juan <juan@cliente.com>", 3, .skip(.dailyCap)),
            ("From: soporte@acme.com.ar", 0, .skip(.ownAddress)),
            ("From: x@cliente.com\r\nAuto-Submitted: auto-replied", 0, .skip(.autoReply)),
            ("From: x@cliente.com\r\nPrecedence: bulk", 0, .skip(.autoReply)),
            ("From: zabbix@cliente.com\r\nAuto-Submitted: auto-generated", 0, .skip(.autoReply)),
            ("From: x@cliente.com\r\nX-Autoreply: yes", 0, .skip(.autoReply)),
            ("From: x@lists.org\r\nList-Id: <dev.lists.org>", 0, .skip(.mailingList)),
            ("From: no-reply@proveedor.com", 0, .skip(.noReply)),
            ("From: juan@cliente.com\r\nReply-To: donotreply@cliente.com", 0, .skip(.noReply)),
            ("From: Banco <no-responder@banco.com.ar>", 0, .skip(.noReply)),
            ("From: AFIP <noresponder@afip.gob.ar>", 0, .skip(.noReply)),
            ("From: Tienda <no_contestar@tienda.com.ar>", 0, .skip(.noReply)),
            ("From: Itau <naoresponda@itau.com.br>", 0, .skip(.noReply)),
            ("From: Loja <nao-responder@loja.com.br>", 0, .skip(.noReply)),
            ("From: juan@cliente.com\r\nReply-To: no.responda@cliente.com", 0, .skip(.noReply)),
            ("From: owner-clientes@cliente.com", 0, .skip(.mailingList)),
            ("From: clientes-request@cliente.com", 0, .skip(.mailingList)),
            ("From: Responder <responder@cliente.com>", 0, .send(to: "responder@cliente.com")),
            ("From: Nora Quest <nora.request@cliente.com>", 0, .send(to: "nora.request@cliente.com")),
            ("From: MAILER-DAEMON@mx.acme.com.ar\r\nX-Failed-Recipients: a@b.c", 0, .skip(.bounce)),
            ("Subject: sin remitente", 0, .skip(.noAddress)),
        ]
        for (headers, sent, expected) in table {
            XCTAssertEqual(policy.decide(try message(headers), sentToday: sent), expected, headers)
        }
    }

    func testOnlyEmailIsAcknowledged() {
        let slack = InboundMessage(channel: .slack, externalID: "E1", sender: .init(id: "U1"))
        XCTAssertEqual(policy.decide(slack, sentToday: 0), .skip(.notEmail))
    }
}
