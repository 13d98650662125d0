import IntakeCore
import IntakeDesk
import XCTest

/// Meta and Twilio do not deliver a message's statuses in order: what the outbox row keeps is how far
/// the message got, not the status that happened to arrive last.
final class RemoteStatusOrderTests: XCTestCase {
    var fx: DeskFixture!

    override func setUpWithError() throws { fx = try DeskFixture(destinations: .init(whatsapp: true)) }
    override func tearDown() { fx.remove() }

    private func status(_ state: String, of wamid: String) -> InboundMessage {
        var m = InboundMessage(channel: .whatsapp, externalID: "\(wamid):\(state)", sender: .init(id: "+15550783881"),
                               conversation: "106540352242922", threadKey: "+5491152769999", kind: .status, targetID: wamid)
        m.metadata["type"] = "status"
        m.metadata["status"] = .string(state)
        return m
    }

    func testAnOlderStatusArrivingLateLeavesTheRowsStatus() throws {
        let t0 = Timestamp(seconds: 1_764_000_000)
        try fx.ingest([DeskFixture.whatsapp("wamid.s1", text: "El discador no marca desde las 9")], at: t0)
        try fx.ingest([DeskFixture.whatsapp("wamid.s2", from: "+5491144441234", text: "No se escuchan las grabaciones")], at: t0)
        let rows = try fx.store.read { try $0.outbox().filter { $0.destination == "whatsapp" } }
        XCTAssertEqual(rows.count, 2)
        try fx.store.write { records in
            for (row, wamid) in zip(rows, ["wamid.OUT8", "wamid.OUT9"]) { try records.markDelivered(id: row.id, status: 200, remoteID: wamid, at: t0) }
        }
        let table: [(wamid: String, arriving: String, kept: String)] = [
            ("wamid.OUT8", "sent", "sent"), ("wamid.OUT8", "failed", "failed"), ("wamid.OUT8", "delivered", "failed"),
            ("wamid.OUT9", "read", "read"), ("wamid.OUT9", "delivered", "read"), ("wamid.OUT9", "sent", "read"),
        ]
        for (index, (wamid, arriving, kept)) in table.enumerated() {
            let r = try fx.ingest([status(arriving, of: wamid)], at: t0.adding(seconds: Int64(index + 1)))
            XCTAssertEqual(r[0].outcome, .ignored)
            XCTAssertTrue(r[0].reason.hasSuffix("(recorded on its outbox row)"), r[0].reason)
            let row = try XCTUnwrap(try fx.store.read { try $0.outbox().first { $0.remoteID == wamid } })
            XCTAssertEqual(row.remoteStatus, kept, "\(wamid) after \(arriving)")
        }
        let stranger = try fx.ingest([status("read", of: "wamid.NOT_OURS")], at: t0.adding(seconds: 60))
        XCTAssertTrue(stranger[0].reason.hasSuffix("(no outbound message of ours)"), stranger[0].reason)
    }
}
