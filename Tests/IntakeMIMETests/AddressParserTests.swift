import IntakeMIME
import XCTest

final class AddressParserTests: XCTestCase {
    func testParsesRFC5322AddressLists() {
        let table: [(String, [MailAddress])] = [
            ("juan@example.com", [MailAddress(address: "juan@example.com")]),
            ("<juan@example.com>", [MailAddress(address: "juan@example.com")]),
            ("Juan Perez <Juan@Example.com>", [MailAddress(name: "Juan Perez", address: "Juan@Example.com")]),
            ("\"Perez, Juan\" <jp@example.com>, ana@example.com",
             [MailAddress(name: "Perez, Juan", address: "jp@example.com"), MailAddress(address: "ana@example.com")]),
            ("\"Quote \\\"Q\\\" Name\" <q@example.com>", [MailAddress(name: "Quote \"Q\" Name", address: "q@example.com")]),
            ("carlos@example.com (Carlos Ruiz)", [MailAddress(name: "Carlos Ruiz", address: "carlos@example.com")]),
            ("undisclosed-recipients:;", []),
            ("team: a@x.com, B <b@y.com>;, c@z.com",
             [MailAddress(address: "a@x.com", group: "team"), MailAddress(name: "B", address: "b@y.com", group: "team"),
              MailAddress(address: "c@z.com")]),
            ("=?UTF-8?Q?Jos=C3=A9?= =?UTF-8?Q?_Mar=C3=ADa?= <jm@example.com>", [MailAddress(name: "José María", address: "jm@example.com")]),
            ("\"=?utf-8?B?w5FhbmTDug==?=\" <n@example.com>", [MailAddress(name: "Ñandú", address: "n@example.com")]),
            ("'Outlook Name' <o@example.com>", [MailAddress(name: "Outlook Name", address: "o@example.com")]),
            ("<@relay.example:route@example.com>", [MailAddress(address: "route@example.com")]),
            ("Broken Name broken@example.com", [MailAddress(name: "Broken Name", address: "broken@example.com")]),
            ("\"john doe\"@example.com", [MailAddress(address: "\"john doe\"@example.com")]),
            ("Ana <\"ana.lopez\"@example.com>", [MailAddress(name: "Ana", address: "ana.lopez@example.com")]),
            ("<\"ana lopez\"@example.com>", [MailAddress(address: "\"ana lopez\"@example.com")]),
            ("<\"ana..lopez\"@example.com>", [MailAddress(address: "\"ana..lopez\"@example.com")]),
            (",, a@b.c ,", [MailAddress(address: "a@b.c")]),
            ("Pérez, Juan <JPerez@Example.com>", [MailAddress(name: "Pérez, Juan", address: "JPerez@Example.com")]),
            ("Pérez, Juan Carlos <jc@example.com>, Ruiz, Ana <ar@example.com>",
             [MailAddress(name: "Pérez, Juan Carlos", address: "jc@example.com"), MailAddress(name: "Ruiz, Ana", address: "ar@example.com")]),
            ("a@x.com, Ruiz <r@y.com>", [MailAddress(address: "a@x.com"), MailAddress(name: "Ruiz", address: "r@y.com")]),
            ("Ruiz, ana@example.com", [MailAddress(address: "Ruiz"), MailAddress(address: "ana@example.com")]),
            ("team: Ruiz, Ana <ar@example.com>;", [MailAddress(name: "Ruiz, Ana", address: "ar@example.com", group: "team")]),
            ("<>", []),
            ("", []),
        ]
        for (input, expected) in table {
            XCTAssertEqual(AddressParser.parse(input), expected, input)
        }
    }

    /// RFC 5322 §3.2.2 and §4.4 allow comments and whitespace around the parts of an address (`juan(c)@x.com`,
    /// `<juan@x.com (c)>`, `juan @ x . com`); they are no part of it. Read as written, the sender was lost
    /// or got an id with the comment in it. A dotted name (`Juan P. Perez <...>`) stays a name.
    func testCommentsAndSpacesInsideAnAddress() {
        let table: [(String, [MailAddress])] = [
            ("juan(ventas)@x.com", [MailAddress(name: "ventas", address: "juan@x.com")]),
            ("Juan <juan(c)@x.com>", [MailAddress(name: "Juan", address: "juan@x.com")]),
            ("<juan@x.com (c)>", [MailAddress(address: "juan@x.com")]),
            ("juan @ x . com", [MailAddress(address: "juan@x.com")]),
            ("juan@x (dominio) .com", [MailAddress(name: "dominio", address: "juan@x.com")]),
            ("Juan P. Perez <jpp@x.com>", [MailAddress(name: "Juan P. Perez", address: "jpp@x.com")]),
            ("juan@x.com (Juan P. Perez)", [MailAddress(name: "Juan P. Perez", address: "juan@x.com")]),
        ]
        for (input, expected) in table {
            XCTAssertEqual(AddressParser.parse(input), expected, input)
        }
    }

    /// PHP's mb_encode_mimeheader and some ticket systems encode the whole mailbox, address and all, as one
    /// encoded word, which RFC 2047 §5 forbids; read as written, the sender id was the encoded word. A
    /// list with no address but encoded words is read again decoded, and an encoded word alone is a name,
    /// never an address (so Sender or Return-Path is used).
    func testAMailboxEncodedWholeAsOneEncodedWord() {
        let table: [(String, [MailAddress])] = [
            ("=?utf-8?q?Juan_P=C3=A9rez_=3Cjuan=40x=2Ecom=3E?=", [MailAddress(name: "Juan Pérez", address: "juan@x.com")]),
            ("=?UTF-8?B?U29wb3J0ZSBUw6ljbmljbyA8c29wb3J0ZUBjbGllbnRlLmNvbS5hcj4=?=", [MailAddress(name: "Soporte Técnico", address: "soporte@cliente.com.ar")]),
            ("=?utf-8?Q?juan=40x=2Ecom?=", [MailAddress(address: "juan@x.com")]),
            ("=?utf-8?Q?Juan_P=C3=A9rez?=", []),
            ("=?utf-8?Q?Juan?= <juan@x.com>", [MailAddress(name: "Juan", address: "juan@x.com")]),
        ]
        for (input, expected) in table {
            XCTAssertEqual(AddressParser.parse(input), expected, input)
        }
    }

    /// `From: Juan Perez` (a form or script that filled in only the name) has no address: joined, its
    /// words made the sender `juanperez`. One bare word stays a local address (`root`, `MAILER-DAEMON`).
    func testADisplayNameWithoutAnAddressIsNoMailbox() {
        let table: [(String, [MailAddress])] = [
            ("Juan Perez", []),
            ("\"Juan Perez\"", []),
            ("\"soporte\"", []),
            ("Juan Perez, ana@example.com", [MailAddress(address: "ana@example.com")]),
            ("root", [MailAddress(address: "root")]),
            ("root (Cron Daemon)", [MailAddress(name: "Cron Daemon", address: "root")]),
        ]
        for (input, expected) in table {
            XCTAssertEqual(AddressParser.parse(input), expected, input)
        }
    }

    /// Some CRMs and scripts write the name after the address: `<ana@x.com> Ana Pérez` lost its name.
    func testANameAfterTheAddress() {
        let table: [(String, [MailAddress])] = [
            ("<ana@example.com> Ana Pérez", [MailAddress(name: "Ana Pérez", address: "ana@example.com")]),
            ("<ana@example.com> \"Pérez, Ana\", <b@y.com> Beto",
             [MailAddress(name: "Pérez, Ana", address: "ana@example.com"), MailAddress(name: "Beto", address: "b@y.com")]),
            ("Ana <ana@example.com> Pérez", [MailAddress(name: "Ana", address: "ana@example.com")]),
            ("<ana@example.com> =?UTF-8?Q?Jos=C3=A9?=", [MailAddress(name: "José", address: "ana@example.com")]),
        ]
        for (input, expected) in table {
            XCTAssertEqual(AddressParser.parse(input), expected, input)
        }
    }

    /// Addresses one after the other without commas (a script's `From: tim@x.com concierge@x.com`) were
    /// glued into one address with two `@`, which no directory entry nor reply could use.
    func testAddressesWithoutCommasAreEachAMailbox() {
        let table: [(String, [MailAddress])] = [
            ("tim@powerupdev.com concierge@powerupdev.com",
             [MailAddress(name: nil, address: "tim@powerupdev.com"), MailAddress(name: nil, address: "concierge@powerupdev.com")]),
            ("ana@x.com\tb@y.com", [MailAddress(name: nil, address: "ana@x.com"), MailAddress(name: nil, address: "b@y.com")]),
            ("juan @ x . com", [MailAddress(name: nil, address: "juan@x.com")]),
        ]
        for (input, expected) in table {
            XCTAssertEqual(AddressParser.parse(input), expected, input)
        }
    }

    func testNormalizedAddressIsLowercase() {
        XCTAssertEqual(AddressParser.parse("X <MGonzalez@Empresa.COM>").first?.normalized, "mgonzalez@empresa.com")
        XCTAssertEqual(AddressParser.parse("MAILER-DAEMON@x.org").first?.localPart, "mailer-daemon")
    }

    func testMessageIDListsDropBracketsAndComments() {
        XCTAssertEqual(MessageIDList.parse("<a@x> (comment <c@x>) <b@y>"), ["a@x", "b@y"])
        XCTAssertEqual(MessageIDList.parse("<a@x>\r\n <b@y>"), ["a@x", "b@y"])
        XCTAssertEqual(MessageIDList.parse("bare@x"), ["bare@x"])
        XCTAssertEqual(MessageIDList.parse("Your message of Monday <orig@x>"), ["orig@x"])
        XCTAssertEqual(MessageIDList.parse(""), [])
    }

    /// RFC 5322 §4.5.4 allows a quoted local part in an id (obs-id-left): it is kept as written, spaces and
    /// quotes included, so the same id reads the same in Message-ID, In-Reply-To and References; folding
    /// inside it goes, and a quote that never closes is an ordinary character.
    func testQuotedLocalPartsOfIdsAreKeptAsWritten() {
        let table: [(value: String, ids: [String])] = [
            ("<\"quoted local\"@x.com>", ["\"quoted local\"@x.com"]),
            ("<\"quoted local\"@x.com>\r\n <b@y>", ["\"quoted local\"@x.com", "b@y"]),
            ("<\"folded\r\n local\"@x.com>", ["\"folded local\"@x.com"]),
            ("<a.\"b > c\"@x.com>", ["a.\"b > c\"@x.com"]),
            ("<\"a\\\"b\"@x.com>", ["\"a\\\"b\"@x.com"]),
            ("\"Your message <of Monday>\" <orig@x>", ["orig@x"]),
            ("<a\"b@x> <c@y>", ["a\"b@x", "c@y"]),
            ("<\"a@x> <c@y>", ["\"a@x", "c@y"]),
        ]
        for row in table {
            XCTAssertEqual(MessageIDList.parse(row.value), row.ids, row.value)
        }
    }

    /// `Message-ID: <>` (broken list software and scripts) is no id: an empty one would become the
    /// message's external id and thread key, so every such mail would be the same message.
    func testEmptyBracketsAreNoMessageID() {
        for value in ["<>", "< >", "<", ">", " <> "] {
            XCTAssertEqual(MessageIDList.parse(value), [], value)
        }
    }
}
