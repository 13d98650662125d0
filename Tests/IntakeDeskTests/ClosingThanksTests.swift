import IntakeCore
import IntakeDesk
import XCTest

/// The customer's thanks after we resolved a ticket are recorded on it and leave it resolved; anything
/// more still reopens it, or after the reopen window opens a new ticket that links it.
final class ClosingThanksTests: XCTestCase {
    private var fx: DeskFixture!
    private let t0 = Timestamp(seconds: 1_764_000_000)

    override func setUpWithError() throws { fx = try DeskFixture() }
    override func tearDown() { fx.remove() }

    private func resolvedTicket() throws -> String {
        let number = try XCTUnwrap(try fx.ingest([DeskFixture.slack("E1", ts: "100.1", text: "la grabación de llamadas falla")], at: t0)[0].ticketNumber)
        let change = TicketStatusChange(status: .resolved, actor: "an operator (intake ticket)", note: nil, tellsTheDesk: false)
        _ = try fx.store.write { try change.apply(toTicket: number, records: $0, destinations: .init(), now: t0.adding(seconds: 600)) }
        return number
    }

    private func status(_ number: String) throws -> TicketStatus? { try fx.store.read { try $0.ticket(number: number)?.status } }

    func testThanksInsideTheReopenWindowLeaveTheTicketResolved() throws {
        let number = try resolvedTicket()
        for (i, text) in ["¡Muchas gracias!", "Listo, ya funciona. Gracias!!", "Perfecto, quedó solucionado. Saludos", "Works now, thanks!"].enumerated() {
            let r = try fx.ingest([DeskFixture.slack("T\(i)", ts: "20\(i).1", threadTS: "100.1", text: text)], at: t0.adding(seconds: 3_600))
            XCTAssertEqual(r[0].outcome, .appended, text)
            XCTAssertEqual(r[0].ticketNumber, number, text)
            XCTAssertEqual(try status(number), .resolved, text)
        }
        let said = try fx.ingest([DeskFixture.slack("T8", ts: "299.1", threadTS: "100.1", text: "Gracias!")], at: t0.adding(seconds: 3_600))
        XCTAssertEqual(said[0].reason, "reply to slack:C0ACME:100.1; thanks alone leave \(number) resolved", "not 'reopened' as well")
        let again = try fx.ingest([DeskFixture.slack("T9", ts: "300.1", threadTS: "100.1", text: "Gracias, pero ya no funciona otra vez")],
                                  at: t0.adding(seconds: 7_200))
        XCTAssertEqual(again[0].ticketNumber, number)
        XCTAssertEqual(try status(number), .open, "a problem after the thanks reopens it")
    }

    func testThanksAfterTheReopenWindowOpenNoNewTicket() throws {
        let number = try resolvedTicket()
        let late = t0.adding(seconds: 30 * 86_400)
        let r = try fx.ingest([DeskFixture.slack("T1", ts: "400.1", threadTS: "100.1", text: "Gracias por la ayuda, ya anda todo bien")], at: late)
        XCTAssertEqual(r[0].outcome, .appended)
        XCTAssertEqual(r[0].ticketNumber, number)
        XCTAssertEqual(try fx.store.read { try $0.ticketCount() }, 1)
        let problem = try fx.ingest([DeskFixture.slack("T2", ts: "401.1", threadTS: "100.1", text: "Gracias, pero ya nada funciona")], at: late)
        XCTAssertEqual(problem[0].outcome, .created, "'nada' here is no courtesy")
    }

    func testThanksOnWhatsAppAfterTheResolutionOpenNoNewTicket() throws {
        let number = try XCTUnwrap(try fx.ingest([DeskFixture.whatsapp("wamid.1", text: "El discador no marca desde las 9")], at: t0)[0].ticketNumber)
        let change = TicketStatusChange(status: .resolved, actor: "an operator (intake ticket)", note: nil, tellsTheDesk: false)
        _ = try fx.store.write { try change.apply(toTicket: number, records: $0, destinations: .init(), now: t0.adding(seconds: 600)) }
        let thanks = try fx.ingest([DeskFixture.whatsapp("wamid.2", text: "¡Genial, muchas gracias!")], at: t0.adding(seconds: 900))
        XCTAssertEqual(thanks[0].outcome, .appended, thanks[0].reason)
        XCTAssertEqual(thanks[0].ticketNumber, number)
        XCTAssertEqual(try status(number), .resolved)
        let next = try fx.ingest([DeskFixture.whatsapp("wamid.3", text: "Otra consulta: ¿cómo exporto las grabaciones?")], at: t0.adding(seconds: 1_200))
        XCTAssertEqual(next[0].outcome, .created, "a new request from the number is a new ticket, as before")
    }
}
