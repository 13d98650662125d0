import IntakeCore
import XCTest

/// Ticket numbers a customer writes without our tag's brackets.
final class TicketMentionTests: XCTestCase {
    func testMentionedNumbers() {
        let cases: [(text: String, numbers: [String])] = [
            ("URGENTE: INT-1001 reportes caídos", ["INT-1001"]),
            ("Escalo el ticket int-1001 que reportamos por WhatsApp", ["INT-1001"]),
            ("Re: #INT-1001 sigue caído", ["INT-1001"]),
            ("(INT-1001) y INT-1002, INT-1001 otra vez", ["INT-1001", "INT-1002"]),
            ("Ticket: INT-1001.", ["INT-1001"]),
            ("INT-1001", ["INT-1001"]),
            ("Re: [#INT-1001] reporte", ["INT-1001"]),
            ("XINT-1001 es el código del equipo", []),
            ("pedido INT-1001A del catálogo", []),
            ("díaINT-1001", []),
            ("INT-", []),
            ("INT 1001 sin guion", []),
            ("internet caído", []),
        ]
        for c in cases {
            XCTAssertEqual(Ticket.mentionedNumbers(in: c.text, prefix: "INT"), c.numbers, c.text)
        }
        XCTAssertEqual(Ticket.mentionedNumbers(in: "sobre el SD-77", prefix: "sd"), ["SD-77"])
    }
}
