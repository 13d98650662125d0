import IntakeChannels
import IntakeCore
import XCTest

/// A mailing list or group re-sends a post under its own address when the author's domain publishes DMARC
/// `p=reject` (Google Groups, which also serves as many companies' soporte@ address, and Mailman):
/// `From: 'Juan Perez' via Soporte <soporte@acme.com.ar>`. Every such customer was one sender, the group.
final class ListRewrittenSenderTests: XCTestCase {
    func testTheAuthorOfARewrittenPostIsTheSender() throws {
        let table: [(headers: String, id: String, name: String?, listFrom: String?)] = [
            ("From: 'Juan Perez' via Soporte <soporte@acme.com.ar>\r\nX-Original-From: Juan Perez <jperez@yahoo.com.ar>\r\n"
                + "Reply-To: Juan Perez <jperez@yahoo.com.ar>\r\nX-Original-Sender: jperez@yahoo.com.ar\r\nList-ID: <soporte.acme.com.ar>\r\n",
             "jperez@yahoo.com.ar", "Juan Perez", "soporte@acme.com.ar"),
            ("From: \"=?UTF-8?Q?Mar=C3=ADa_G=C3=B3mez?= via Clientes\" <clientes@lists.acme.com.ar>\r\n"
                + "Reply-To: =?UTF-8?Q?Mar=C3=ADa_G=C3=B3mez?= <mgomez@empresa.cl>\r\nList-Id: Clientes <clientes.lists.acme.com.ar>\r\n",
             "mgomez@empresa.cl", "María Gómez", "clientes@lists.acme.com.ar"),
            ("From: Pedro via Soporte <soporte@acme.com.ar>\r\nX-Original-Sender: pedro@aol.com\r\nList-Id: <soporte.acme.com.ar>\r\n",
             "pedro@aol.com", "Pedro", "soporte@acme.com.ar"),
            ("From: Ana <ana@x.com>\r\nReply-To: ventas@x.com\r\nList-Id: <soporte.acme.com.ar>\r\n", "ana@x.com", "Ana", nil),
            ("From: Ana <ana@x.com>\r\nX-Original-From: Ana <ana@x.com>\r\nList-Id: <soporte.acme.com.ar>\r\n", "ana@x.com", "Ana", nil),
            ("From: Carlos via Soporte <soporte@acme.com.ar>\r\nReply-To: carlos@x.com\r\n", "soporte@acme.com.ar", "Carlos via Soporte", nil),
            ("From: Carlos via Soporte <soporte@acme.com.ar>\r\nList-Id: <soporte.acme.com.ar>\r\n", "soporte@acme.com.ar", "Carlos via Soporte", nil),
        ]
        for row in table {
            let raw = row.headers + "Subject: Consulta\r\nMessage-ID: <l@x.com>\r\n\r\nHola\r\n"
            let message = try EmailAdapter().message(from: Array(raw.utf8))
            XCTAssertEqual(message.sender.id, row.id, row.headers)
            XCTAssertEqual(message.sender.name, row.name, row.headers)
            XCTAssertEqual(message.metadata["list_from"], row.listFrom.map(JSONValue.string), row.headers)
        }
    }
}
