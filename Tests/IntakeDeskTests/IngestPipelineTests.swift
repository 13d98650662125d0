import IntakeCore
import IntakeDesk
import XCTest

final class IngestPipelineTests: XCTestCase {
    var fx: DeskFixture!

    override func setUpWithError() throws { fx = try DeskFixture() }
    override func tearDown() { fx.remove() }

    func testRedeliveryReturnsTheOriginalTicketAndAddsNoRow() throws {
        let m = DeskFixture.slack("Ev1", ts: "1.1", text: "la consola de agentes no carga")
        let first = try fx.ingest([m])
        let before = try fx.store.read { try $0.messageCount() }
        let second = try fx.ingest([m])
        XCTAssertEqual(first[0].outcome, .created)
        XCTAssertEqual(second[0].outcome, .duplicate)
        XCTAssertEqual(second[0].ticketNumber, first[0].ticketNumber)
        XCTAssertEqual(try fx.store.read { try $0.messageCount() }, before)
    }

    func testRedeliveryIsADuplicateAfterAProcessRestart() throws {
        let m = DeskFixture.whatsapp("wamid.1", text: "no funciona el discador")
        XCTAssertEqual(try fx.ingest([m])[0].outcome, .created)
        let reopened = try fx.reopen()
        XCTAssertEqual(try fx.ingest([m], into: reopened)[0].outcome, .duplicate)
        XCTAssertEqual(try reopened.read { try $0.ticketCount() }, 1)
    }

    func testSameContentOnAnotherChannelWithinTheWindowIsADuplicateOnTheSameTicket() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        let email = DeskFixture.email("a@acme", text: "El discador no marca desde las 9.\n\n-- \nAna")
        let wa = DeskFixture.whatsapp("wamid.2", text: "el discador NO marca desde las 9")
        let first = try fx.ingest([InboundMessage(channel: .email, externalID: "a@acme", sender: .init(id: "ana@acme.com.ar"), threadKey: "a@acme",
                                                  subject: "Discador", text: email.text, ticketText: "El discador no marca desde las 9.")], at: t0)
        let second = try fx.ingest([wa], at: t0.adding(seconds: 300))
        XCTAssertEqual(second[0].outcome, .duplicate)
        XCTAssertEqual(second[0].ticketNumber, first[0].ticketNumber)
        let later = DeskFixture.whatsapp("wamid.3", text: "el discador NO marca desde las 9")
        XCTAssertEqual(try fx.ingest([later], at: t0.adding(seconds: 1200))[0].outcome, .appended, "outside the window it is a follow-up")
    }

    func testEmailReplyThreadsThroughInReplyToAndReferences() throws {
        let root = try fx.ingest([DeskFixture.email("root@acme", text: "No podemos loguear agentes en la consola")])
        let reply = DeskFixture.email("r1@acme", subject: "Re: Consulta", text: "Sigue igual, adjunto captura del error", replyTo: "root@acme", references: ["root@acme"])
        let r = try fx.ingest([reply])
        XCTAssertEqual(r[0].outcome, .appended)
        XCTAssertEqual(r[0].ticketNumber, root[0].ticketNumber)
    }

    func testADeliveryReportThreadsOntoTheTicketOfTheMailItReportsOn() throws {
        let root = try fx.ingest([DeskFixture.email("orig@acme", text: "Las grabaciones de ayer no aparecen en el portal")])
        var report = DeskFixture.email("dsn1@mx.acme", from: "postmaster@acme.com.ar", subject: "Delivery Status Notification (Delay)",
                                       text: "Your message has not been delivered yet")
        report.metadata["report_of"] = "orig@acme"
        report.isAutoReply = true
        let r = try fx.ingest([report])
        XCTAssertEqual(r[0].ticketNumber, root[0].ticketNumber, "a delay warning belongs on the ticket of the mail it reports on")
    }

    func testAStrangerReplyingDoesNotJoinAnotherCustomersTicket() throws {
        let root = try fx.ingest([DeskFixture.email("root2@acme", text: "Newsletter de novedades del servicio")])
        let stranger = DeskFixture.email("s1@x", from: "someone@gmail.com", subject: "Re: novedades", text: "Quiero darme de baja de esta lista",
                                         replyTo: "root2@acme", references: ["root2@acme"])
        let r = try fx.ingest([stranger])
        XCTAssertEqual(r[0].outcome, .created)
        XCTAssertNotEqual(r[0].ticketNumber, root[0].ticketNumber)
    }

    func testSubjectTagThreadsWithinTheSameCustomer() throws {
        let first = try fx.ingest([DeskFixture.email("t1@acme", text: "El reporte de llamadas no exporta")])
        let number = try XCTUnwrap(first[0].ticketNumber)
        let tagged = DeskFixture.email("t2@acme", from: "luis@acme.com.ar", subject: "Re: [#\(number)] reporte", text: "Les paso más datos del problema")
        XCTAssertEqual(try fx.ingest([tagged])[0].ticketNumber, number)
    }

    /// The focal point escalates by mail, naming the ticket the WhatsApp acknowledgement gave, without
    /// our tag's brackets: the mail joins that ticket and raises it; another customer's number does not.
    func testAMailNamingAWhatsAppTicketJoinsAndEscalatesIt() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        let first = try fx.ingest([DeskFixture.whatsapp("wamid.m1", text: "El módulo de reportes no carga desde esta mañana")], at: t0)
        let number = try XCTUnwrap(first[0].ticketNumber)
        XCTAssertEqual(try fx.store.read { try $0.ticket(number: number) }?.priority, .high)
        let later = t0.adding(seconds: 3600)
        let mail = DeskFixture.email("m2@acme", from: "juan.perez@acme.com.ar", subject: "URGENTE: \(number) sistema bloqueado",
                                     text: "Escalo el ticket \(number): ningún operador puede trabajar")
        let r = try fx.ingest([mail], at: later)
        XCTAssertEqual(r[0].outcome, .appended)
        XCTAssertEqual(r[0].ticketNumber, number)
        let raised = try XCTUnwrap(try fx.store.read { try $0.ticket(number: number) })
        XCTAssertEqual(raised.priority, .critical)
        XCTAssertEqual(raised.firstResponseDue, later.adding(seconds: 2 * 3600))
        let other = DeskFixture.email("m3@andes", from: "camila@andescontact.cl", subject: "Consulta por \(number)",
                                      text: "¿Qué es el \(number) que vimos en un correo?")
        let stranger = try fx.ingest([other], at: later.adding(seconds: 60))
        XCTAssertEqual(stranger[0].outcome, .created, "a number of another customer's ticket threads nothing")
        XCTAssertNotEqual(stranger[0].ticketNumber, number)
    }

    /// A reply's own chain wins over a ticket it mentions in passing.
    func testAReplyMentioningAnotherTicketStaysInItsThread() throws {
        let a = try XCTUnwrap(try fx.ingest([DeskFixture.email("a1@acme", text: "La grabación de llamadas falla")])[0].ticketNumber)
        let b = try XCTUnwrap(try fx.ingest([DeskFixture.email("b1@acme", subject: "Otro tema", text: "El IVR no atiende")])[0].ticketNumber)
        let reply = DeskFixture.email("a2@acme", subject: "Re: Consulta", text: "Parece lo mismo que \(b), les paso el log",
                                      replyTo: "a1@acme", references: ["a1@acme"])
        XCTAssertEqual(try fx.ingest([reply])[0].ticketNumber, a)
    }

    /// A staff member writes from a number not yet invited (a triage ticket), the focal point invites it,
    /// and the next message (on WhatsApp, or a reply by mail from a domain added since) joins that ticket,
    /// which becomes the customer's, rather than a second ticket opening beside the one left in triage.
    func testAnUnknownSendersTicketBecomesTheCustomersOnceTheDirectoryKnowsThem() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        let first: [InboundMessage] = [
            DeskFixture.whatsapp("wamid.u1", from: "+5491133334444", text: "Soy Pedro de ACME, no nos anda el discador"),
            DeskFixture.email("u1@acme-sa", from: "pedro@acme-sa.com.ar", text: "Soy Pedro de ACME, no nos anda el discador"),
        ]
        let later: [InboundMessage] = [
            DeskFixture.whatsapp("wamid.u2", from: "+5491133334444", text: "Sigue igual, ya me agregaron"),
            DeskFixture.email("u2@acme-sa", from: "pedro@acme-sa.com.ar", subject: "Re: Consulta", text: "Les mando el log del discador",
                              replyTo: "u1@acme-sa", references: ["u1@acme-sa"]),
        ]
        var known = DeskFixture.directory.customers
        known[0].whatsapp.append("+54 9 11 3333-4444")
        known[0].domains.append("acme-sa.com.ar")
        for (opening, follow) in zip(first, later) {
            fx.settings.directory = DeskFixture.directory
            let opened = try fx.ingest([opening], at: t0)
            let number = try XCTUnwrap(opened[0].ticketNumber)
            XCTAssertEqual(try fx.store.read { try $0.ticket(number: number) }?.flags.unknownCustomer, true)
            fx.settings.directory = CustomerDirectory(customers: known)
            let r = try fx.ingest([follow], at: t0.adding(seconds: 3600))
            XCTAssertEqual(r[0].outcome, .appended, "\(follow.channel)")
            XCTAssertEqual(r[0].ticketNumber, number, "\(follow.channel)")
            let t = try XCTUnwrap(try fx.store.read { try $0.ticket(number: number) })
            XCTAssertEqual(t.customerID, "acme")
            XCTAssertFalse(t.flags.unknownCustomer)
            let route = try fx.store.read { try $0.decisions(ticketID: t.id) }.filter { $0.stage == "route" }.last?.detail ?? ""
            XCTAssertTrue(route.hasSuffix("\(number), opened for this unknown sender, is now acme's"), route)
        }
    }

    func testReplyToAResolvedTicketReopensInsideTheWindowAndLinksAfterIt() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        let first = try fx.ingest([DeskFixture.slack("E1", ts: "100.1", text: "la grabación de llamadas falla")], at: t0)
        let ticket = try XCTUnwrap(try fx.store.read { try $0.ticket(number: first[0].ticketNumber!) })
        try fx.store.write { try $0.updateTicket(id: ticket.id, status: .resolved, resolvedAt: .some(t0.adding(seconds: 60)), updatedAt: t0) }
        let reply = DeskFixture.slack("E2", ts: "200.1", threadTS: "100.1", text: "volvió a fallar esta mañana")
        let r = try fx.ingest([reply], at: t0.adding(seconds: 86_400))
        XCTAssertEqual(r[0].outcome, .appended)
        XCTAssertEqual(try fx.store.read { try $0.ticket(id: ticket.id)?.status }, .open)
        try fx.store.write { try $0.updateTicket(id: ticket.id, status: .closed, resolvedAt: .some(t0.adding(seconds: 86_400)), updatedAt: t0) }
        let late = DeskFixture.slack("E3", ts: "300.1", threadTS: "100.1", text: "y ahora tampoco anda el monitor")
        let l = try fx.ingest([late], at: t0.adding(seconds: 30 * 86_400))
        XCTAssertEqual(l[0].outcome, .created)
        XCTAssertEqual(try fx.store.read { try $0.ticket(number: l[0].ticketNumber!)?.linkedTicket }, ticket.number)
    }

    func testUnknownSenderAndInactiveContractAreFlaggedNotDropped() throws {
        let unknown = try fx.ingest([DeskFixture.email("u1@x", from: "quien@gmail.com", text: "Hola, necesito ayuda con la cuenta")])
        let suspended = try fx.ingest([DeskFixture.email("p1@pampa", from: "ops@pampabpo.com", text: "No funciona nada desde ayer")])
        let u = try XCTUnwrap(try fx.store.read { try $0.ticket(number: unknown[0].ticketNumber!) })
        let p = try XCTUnwrap(try fx.store.read { try $0.ticket(number: suspended[0].ticketNumber!) })
        XCTAssertTrue(u.flags.unknownCustomer)
        XCTAssertNil(u.customerID)
        XCTAssertTrue(p.flags.contractInactive)
        XCTAssertEqual(p.customerID, "pampa")
    }

    func testPriorityFloorAndSLADeadline() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        let r = try fx.ingest([DeskFixture.whatsapp("wamid.cl", from: "+56987654321", text: "Consulta: ¿cómo cambio la clave?")], at: t0)
        let t = try XCTUnwrap(try fx.store.read { try $0.ticket(number: r[0].ticketNumber!) })
        XCTAssertEqual(t.customerID, "andes")
        XCTAssertEqual(t.priority, .high, "andes has a high floor")
        XCTAssertEqual(t.requestType, .query)
        XCTAssertEqual(t.firstResponseDue, t0.adding(seconds: 4 * 3600))
    }

    func testWhatsAppFollowUpJoinsTheOpenTicketAndEscalates() throws {
        let first = try fx.ingest([DeskFixture.whatsapp("w1", text: "consulta sobre la facturación de marzo")])
        let second = try fx.ingest([DeskFixture.whatsapp("w2", text: "URGENTE: ahora se cayó todo, sistema caído")])
        XCTAssertEqual(second[0].outcome, .appended)
        XCTAssertEqual(second[0].ticketNumber, first[0].ticketNumber)
        XCTAssertEqual(try fx.store.read { try $0.ticket(number: first[0].ticketNumber!)?.priority }, .critical)
    }

    /// Two people of one customer who both open their WhatsApp chat alike ("Hola, buenos días", "Buenos
    /// días, tengo una consulta") are two conversations: the second opening is not a duplicate on the
    /// first one's ticket, so what each writes next lands on a ticket of their own.
    func testTwoPeopleOpeningAlikeKeepTheirOwnTickets() throws {
        let juan = "+5491152769999", marta = "+5491144441234"
        for (row, opening) in ["Hola, buenos días", "Buenos días, tengo una consulta"].enumerated() {
            let a = try fx.ingest([DeskFixture.whatsapp("a1-\(row)", from: juan, text: opening)])
            let b = try fx.ingest([DeskFixture.whatsapp("b1-\(row)", from: marta, text: opening)])
            XCTAssertEqual(b[0].outcome, .created, opening)
            let a2 = try fx.ingest([DeskFixture.whatsapp("a2-\(row)", from: juan, text: "La consola de agentes no carga desde las 9")])
            let b2 = try fx.ingest([DeskFixture.whatsapp("b2-\(row)", from: marta, text: "¿Cómo exporto las grabaciones de ayer?")])
            XCTAssertEqual(a2[0].ticketNumber, a[0].ticketNumber, opening)
            XCTAssertEqual(b2[0].ticketNumber, b[0].ticketNumber, opening)
            XCTAssertNotEqual(a[0].ticketNumber, b[0].ticketNumber, opening)
            // Both resolved before the next row, so its openings start afresh.
            for number in [a[0].ticketNumber, b[0].ticketNumber].compactMap({ $0 }) {
                let change = TicketStatusChange(status: .closed, actor: "test", tellsTheDesk: false)
                _ = try fx.store.write { try change.apply(toTicket: number, records: $0, destinations: .init(), now: Timestamp(seconds: 1_764_000_000)) }
            }
        }
    }

    /// A second call from the same unknown number joins its open ticket; callers who withheld their
    /// number are not one person, so each of their calls opens its own ticket.
    func testAFollowUpCallJoinsTheCallersTicketButWithheldCallersNeverShareOne() throws {
        func call(_ id: String, from: String, threadKey: String?) -> InboundMessage {
            InboundMessage(channel: .phone, externalID: id, sender: .init(id: from), conversation: "+541152770000",
                           threadKey: threadKey, text: "Llamada perdida de \(from)", kind: .missedCall)
        }
        let known = try fx.ingest([call("k1", from: "+5491140001111", threadKey: "+5491140001111")])
        let again = try fx.ingest([call("k2", from: "+5491140001111", threadKey: "+5491140001111")])
        XCTAssertEqual(again[0].outcome, .appended)
        XCTAssertEqual(again[0].ticketNumber, known[0].ticketNumber)
        for withheld in ["Restricted", "anonymous"] {
            let first = try fx.ingest([call(withheld + "1", from: withheld, threadKey: nil)])
            let second = try fx.ingest([call(withheld + "2", from: withheld, threadKey: nil)])
            XCTAssertEqual(first[0].outcome, .created, withheld)
            XCTAssertEqual(second[0].outcome, .created, withheld)
            XCTAssertNotEqual(second[0].ticketNumber, first[0].ticketNumber, withheld)
        }
    }

    /// A ticket opened in a WhatsApp group (and a customer with no Slack channel of its own) is answered
    /// in the group, and the store keeps it so: the route survives a reopen. A one-to-one chat's ticket is
    /// still answered to the number.
    func testATicketFromAWhatsAppGroupIsAnsweredInTheGroup() throws {
        let group = "Y2FwaV9ncm91cDoxNTQ5MTE0MDAwMTIzNDoxMjAzNjMzOTQzNjM4ODUwMjQ="
        var inGroup = DeskFixture.whatsapp("g1", from: "+5493515551234", text: "en la sede Córdoba tampoco entran llamadas")
        (inGroup.threadKey, inGroup.group) = (group, group)
        let alone = DeskFixture.whatsapp("g2", from: "+5493515550000", text: "no puedo entrar al portal de facturación")
        let results = try fx.ingest([inGroup]) + fx.ingest([alone])
        let routes = try results.map { result in try fx.reopen().read { try $0.ticket(number: result.ticketNumber!)?.replyRoute } }
        XCTAssertEqual(routes, [
            Ticket.ReplyRoute(channel: .whatsapp, address: group, isGroup: true),
            Ticket.ReplyRoute(channel: .whatsapp, address: "+5493515550000"),
        ])
        XCTAssertEqual(routes[0]?.json["recipient_type"], "group")
        XCTAssertNil(routes[1]?.json["recipient_type"])
    }

    func testStatusesAndEditsOfKnownMessagesNeverCreateTickets() throws {
        let first = try fx.ingest([DeskFixture.slack("E10", ts: "500.1", text: "el softphone se desconecta")])
        var edit = DeskFixture.slack("E11", ts: "500.1", text: "el softphone se desconecta cada 5 minutos")
        edit.kind = .edit
        edit.targetID = "C0ACME:500.1"
        var status = DeskFixture.whatsapp("wamid.x:read", text: "")
        status.kind = .status
        status.targetID = "wamid.x"
        status.metadata["status"] = "read"
        let r = try fx.ingest([edit, status])
        XCTAssertEqual(r[0].outcome, .appended)
        XCTAssertEqual(r[0].ticketNumber, first[0].ticketNumber)
        XCTAssertEqual(r[1].outcome, .ignored)
        XCTAssertEqual(try fx.store.read { try $0.ticketCount() }, 1)
    }

    func testOutboxRowsAreWrittenWithTheTicketAndRolledBackWithIt() throws {
        fx.settings.destinations = .init(desk: true, slack: true)
        try fx.ingest([DeskFixture.slack("E20", ts: "600.1", text: "no podemos transferir llamadas")])
        XCTAssertEqual(try fx.store.read { try $0.outbox().map(\.destination) }, ["desk", "slack"])
        struct Boom: Error {}
        let pipeline = IngestPipeline(settings: fx.settings)
        XCTAssertThrowsError(try fx.store.write { records in
            _ = try pipeline.ingest(IngestPayload(channel: .slack, raw: [1], source: "t", messages: [DeskFixture.slack("E21", ts: "700.1", text: "otro problema distinto")]),
                                    records: records, now: Timestamp(seconds: 1_764_000_000))
            throw Boom()
        })
        XCTAssertEqual(try fx.store.read { try $0.ticketCount() }, 1)
        XCTAssertEqual(try fx.store.read { try $0.outbox().count }, 2)
    }

    func testExplainRecordsEveryStage() throws {
        let r = try fx.ingest([DeskFixture.slack("E30", ts: "800.1", text: "[CRITICA] no entra ninguna llamada")])
        let t = try XCTUnwrap(try fx.store.read { try $0.ticket(number: r[0].ticketNumber!) })
        XCTAssertEqual(t.priority, .critical)
        let stages = try fx.store.read { try $0.decisions(ticketID: t.id).map(\.stage) }
        XCTAssertEqual(Set(stages), ["route", "thread", "classify"])
        let details = try fx.store.read { try $0.decisions(ticketID: t.id).map(\.detail) }.joined(separator: "\n")
        XCTAssertTrue(details.contains("slack channel C0ACME"), details)
        XCTAssertTrue(details.contains("explicit marker"), details)
    }

    private func ingestTicket(_ id: String, prefix: String = "INT", start: Int, into store: DeskStore? = nil) throws -> String? {
        var settings = fx.settings
        settings.ticketPrefix = prefix
        settings.ticketStart = start
        let payload = IngestPayload(channel: .slack, raw: Array(id.utf8), source: "t",
                                    messages: [DeskFixture.slack(id, ts: "\(id.utf8.reduce(7) { $0 &* 31 &+ Int($1) } % 100_000).1", text: "caso \(id): la consola no carga")])
        return try (store ?? fx.store).write { try IngestPipeline(settings: settings).ingest(payload, records: $0, now: Timestamp(seconds: 1_764_000_000)) }[0].ticketNumber
    }

    func testLoweringTicketStartNeverGivesANumberTwice() throws {
        XCTAssertEqual(try ingestTicket("N1", start: 1000), "INT-1001")
        XCTAssertEqual(try ingestTicket("N2", start: 999), "INT-1002", "start + id would be INT-1001 again")
        let reopened = try fx.reopen()
        XCTAssertEqual(try ingestTicket("N3", start: 0, into: reopened), "INT-1003", "after a restart too")
        XCTAssertEqual(try ingestTicket("N4", start: 5000, into: reopened), "INT-5004", "raising it still jumps ahead")
    }

    func testAPrefixChangedAndChangedBackGoesPastItsOwnHighestNumber() throws {
        XCTAssertEqual(try ingestTicket("P1", prefix: "SOP", start: 1000), "SOP-1001")
        XCTAssertEqual(try ingestTicket("P2", prefix: "INT", start: 1000), "INT-1002")
        XCTAssertEqual(try ingestTicket("P3", prefix: "SOP", start: 998), "SOP-1002", "SOP-1001 is taken by an older ticket")
        XCTAssertEqual(try fx.store.read { try $0.ticketCount() }, 3)
    }

    func testTicketNumbersAreFoundWhateverTheCaseThroughTheIndex() throws {
        let r = try fx.ingest([DeskFixture.slack("E40", ts: "900.1", text: "el IVR no atiende")])
        let number = try XCTUnwrap(r[0].ticketNumber)
        XCTAssertEqual(try fx.store.read { try $0.ticket(number: number.lowercased())?.number }, number)
        let lower = try DeskFixture()
        defer { lower.remove() }
        var settings = lower.settings
        settings.ticketPrefix = "sop"
        let pipeline = IngestPipeline(settings: settings)
        let payload = IngestPayload(channel: .slack, raw: [1], source: "t", messages: [DeskFixture.slack("E41", ts: "901.1", text: "no anda el discador")])
        let created = try lower.store.write { try pipeline.ingest(payload, records: $0, now: Timestamp(seconds: 1_764_000_000)) }
        XCTAssertEqual(created[0].ticketNumber, "SOP-1001", "numbers are stored upper-case whatever the configured prefix")
    }
}
