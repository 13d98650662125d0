import IntakeChannels
import IntakeCore
import XCTest

/// A customer's mail that reaches us through a Google Group or mailing list that is our own support
/// address: its author is the sender, it is no automatic mail, and it is acknowledged to the author, never
/// to the list. A list that is not ours stays list traffic.
final class OwnListTests: XCTestCase {
    let own = ["soporte@acme.com.ar", "mesa@acme.com.ar"]
    let group = "Precedence: list\r\nMailing-list: list soporte@acme.com.ar; contact soporte+owners@acme.com.ar\r\n"
        + "List-ID: <soporte.acme.com.ar>\r\nList-Post: <https://groups.google.com/a/acme.com.ar/group/soporte/post>, "
        + "<mailto:soporte@acme.com.ar>\r\nList-Unsubscribe: <mailto:googlegroups-manage+4183+unsubscribe@googlegroups.com>\r\n"

    func testAPostThroughOurOwnListIsTheAuthorsRequest() throws {
        let table: [(name: String, headers: String, sender: String, ownList: String?, autoReply: Bool, decision: AcknowledgementPolicy.Decision)] = [
            ("not rewritten, replies set to the group",
             "From: Julieta Paz <julieta@gmail.com>\r\nReply-To: soporte@acme.com.ar\r\nX-Original-Sender: julieta@gmail.com\r\n" + group,
             "julieta@gmail.com", "soporte@acme.com.ar", false, .send(to: "julieta@gmail.com")),
            ("rewritten without ' via ' in the name, the author only in X-Original-Sender",
             "From: Soporte Acme <soporte@acme.com.ar>\r\nReply-To: Soporte Acme <soporte@acme.com.ar>\r\n"
                + "X-Original-Sender: rsanchez@yahoo.com.ar\r\n" + group,
             "rsanchez@yahoo.com.ar", "soporte@acme.com.ar", false, .send(to: "rsanchez@yahoo.com.ar")),
            ("rewritten with ' via ', replies to another of our addresses",
             "From: 'Ana Gil' via Soporte <soporte@acme.com.ar>\r\nReply-To: mesa@acme.com.ar\r\nX-Original-Sender: ana@aol.com\r\n" + group,
             "ana@aol.com", "soporte@acme.com.ar", false, .send(to: "ana@aol.com")),
            ("Mailman list known by its List-Id only",
             "From: Pedro via Soporte <soporte@acme.com.ar>\r\nReply-To: pedro@x.com\r\nList-Id: Soporte <soporte.acme.com.ar>\r\n"
                + "Precedence: list\r\n",
             "pedro@x.com", "soporte@acme.com.ar", false, .send(to: "pedro@x.com")),
            ("rewritten and no author anywhere: never to the list",
             "From: Soporte Acme <soporte@acme.com.ar>\r\n" + group,
             "soporte@acme.com.ar", "soporte@acme.com.ar", false, .skip(.ownAddress)),
            ("our list, but an automatic reply",
             "From: Julieta Paz <julieta@gmail.com>\r\nAuto-Submitted: auto-replied\r\n" + group,
             "julieta@gmail.com", "soporte@acme.com.ar", true, .skip(.autoReply)),
            ("a list that is not ours",
             "From: Ana <ana@x.com>\r\nPrecedence: list\r\nList-Id: <dev.lists.x.com>\r\nList-Post: <mailto:dev@lists.x.com>\r\n",
             "ana@x.com", nil, true, .skip(.mailingList)),
            ("a Reply-To naming our own address outside a list",
             "From: Carlos <carlos@cliente.com>\r\nReply-To: soporte@acme.com.ar\r\n",
             "carlos@cliente.com", nil, false, .send(to: "carlos@cliente.com")),
        ]
        let policy = AcknowledgementPolicy(ownAddresses: own)
        for row in table {
            let raw = row.headers + "To: soporte@acme.com.ar\r\nSubject: Consulta\r\nMessage-ID: <p@x.com>\r\n\r\nHola\r\n"
            let message = try EmailAdapter(ownAddresses: own).message(from: Array(raw.utf8))
            XCTAssertEqual(message.sender.id, row.sender, row.name)
            XCTAssertEqual(message.metadata["own_list"], row.ownList.map(JSONValue.string), row.name)
            XCTAssertEqual(message.isAutoReply, row.autoReply, row.name)
            XCTAssertEqual(policy.decide(message, sentToday: 0), row.decision, row.name)
        }
    }

    /// Without our addresses (`intake normalize`'s defaults know none of these), a list is a list.
    func testWithoutOurAddressesAListIsAList() throws {
        let raw = "From: Julieta Paz <julieta@gmail.com>\r\nReply-To: soporte@acme.com.ar\r\n" + group
            + "Subject: Consulta\r\nMessage-ID: <p@x.com>\r\n\r\nHola\r\n"
        let message = try EmailAdapter().message(from: Array(raw.utf8))
        XCTAssertNil(message.metadata["own_list"])
        XCTAssertTrue(message.isAutoReply)
        XCTAssertEqual(message.metadata["reply_to_address"], "soporte@acme.com.ar")
    }
}
