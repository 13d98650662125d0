import IntakeMIME
import XCTest

final class SubjectTagsTests: XCTestCase {
    /// A gateway's external-sender tag, a list's tag and a spam filter's come off; words that only look
    /// like a tag stay.
    func testDropsTheTagsAGatewayOrAListPutFirst() {
        let table: [(String, String)] = [
            ("[EXTERNAL] RV: Pedido", "RV: Pedido"),
            ("  [EXTERNO]  [soporte] Fwd: Pedido", "Fwd: Pedido"),
            ("*EXTERNAL* Automatic reply: hola", "Automatic reply: hola"),
            ("(EXTERNAL) RE: x", "RE: x"),
            ("EXTERNAL: RV: x", "RV: x"),
            ("Externo: Respuesta automática: x", "Respuesta automática: x"),
            ("[SPAM?] [#INT-1042] Re: x", "Re: x"),
            ("(Urgente) RV: x", "(Urgente) RV: x"),
            ("*URGENTE* caída", "*URGENTE* caída"),
            ("Extensión: 4412 no anda", "Extensión: 4412 no anda"),
            ("[sin cierre RV: x", "[sin cierre RV: x"),
            ("[EXTERNAL]", ""),
        ]
        for (subject, expected) in table {
            XCTAssertEqual(String(SubjectTags.droppingLeading(subject)), expected, subject)
        }
    }
}
