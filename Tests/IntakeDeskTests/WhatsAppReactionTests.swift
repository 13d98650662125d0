import IntakeCore
import IntakeDesk
import XCTest

/// A customer's WhatsApp reaction (👍 to our "¿quedó resuelto?") is recorded on the ticket of the
/// message it reacts to; it opens, reopens and escalates nothing, and is no delivery status of ours.
final class WhatsAppReactionTests: XCTestCase {
    var fx: DeskFixture!

    override func setUpWithError() throws { fx = try DeskFixture(destinations: .init(whatsapp: true)) }
    override func tearDown() { fx.remove() }

    private func reaction(_ id: String, to target: String, emoji: String?) -> InboundMessage {
        var m = InboundMessage(channel: .whatsapp, externalID: id, sender: .init(id: "+5491152769999"), conversation: "106540352242922",
                               threadKey: "+5491152769999", text: emoji, kind: .status, targetID: target)
        m.metadata["type"] = "reaction"
        if let emoji { m.metadata["emoji"] = .string(emoji) }
        return m
    }

    func testAReactionToOurMessageIsRecordedOnItsTicketAndLeavesItsDeliveryStatus() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        let first = try fx.ingest([DeskFixture.whatsapp("wamid.r1", text: "El discador no marca desde las 9")], at: t0)
        let row = try XCTUnwrap(try fx.store.read { try $0.outbox().first { $0.destination == "whatsapp" } })
        try fx.store.write { records in
            try records.markDelivered(id: row.id, status: 200, remoteID: "wamid.OUT1", at: t0)
            try records.addRef("whatsapp:wamid.OUT1", ticketID: try XCTUnwrap(row.ticketID))
            _ = try records.recordRemoteStatus(remoteID: "wamid.OUT1", status: "read")
        }

        let thumbs = try fx.ingest([reaction("wamid.r2", to: "wamid.OUT1", emoji: "👍")], at: t0.adding(seconds: 600))
        XCTAssertEqual(thumbs[0].outcome, .appended, thumbs[0].reason)
        XCTAssertEqual(thumbs[0].ticketNumber, first[0].ticketNumber)
        XCTAssertEqual(thumbs[0].reason, "reaction 👍 to message wamid.OUT1")
        XCTAssertEqual(try fx.store.read { try $0.outbox().first { $0.id == row.id }?.remoteStatus }, "read", "a reaction is no delivery status")
    }

    func testAReactionToTheCustomersOwnMessageFindsItsTicketAndOneToNothingIsIgnored() throws {
        let first = try fx.ingest([DeskFixture.whatsapp("wamid.r3", text: "La grabación no aparece en el portal")])
        let removed = try fx.ingest([reaction("wamid.r4", to: "wamid.r3", emoji: nil)])
        XCTAssertEqual(removed[0].ticketNumber, first[0].ticketNumber)
        XCTAssertEqual(removed[0].reason, "reaction removed to message wamid.r3")
        let stray = try fx.ingest([reaction("wamid.r5", to: "wamid.UNKNOWN", emoji: "❤️")])
        XCTAssertEqual(stray[0].outcome, .ignored)
        XCTAssertEqual(stray[0].reason, "reaction ❤️ to a message of no ticket (wamid.UNKNOWN)")
    }
}
