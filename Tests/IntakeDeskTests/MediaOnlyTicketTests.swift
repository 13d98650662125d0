import IntakeCore
import IntakeDesk
import XCTest

/// A ticket opened by media alone (a WhatsApp voice note, a photo, a file) is named by what was sent.
final class MediaOnlyTicketTests: XCTestCase {
    var fx: DeskFixture!

    override func setUpWithError() throws { fx = try DeskFixture() }
    override func tearDown() { fx.remove() }

    private func media(_ id: String, from: String, _ attachments: [Attachment], voice: Bool = false) -> InboundMessage {
        var m = DeskFixture.whatsapp(id, from: from, text: "")
        m.text = nil
        m.attachments = attachments
        if voice { m.metadata["voice"] = true }
        return m
    }

    func testAVoiceNoteAPhotoAndAFileNameTheirTickets() throws {
        let table: [(InboundMessage, String)] = [
            (media("wamid.v1", from: "+5491152769999", [Attachment(contentType: "audio/ogg; codecs=opus")], voice: true), "Mensaje de voz"),
            (media("wamid.v2", from: "+5491144441234", [Attachment(contentType: "image/jpeg"), Attachment(contentType: "image/jpeg")]), "Imagen (+1)"),
            (media("wamid.v3", from: "+56987654321", [Attachment(filename: "error-consola.pdf", contentType: "application/pdf")]), "Adjunto: error-consola.pdf"),
        ]
        for (m, subject) in table {
            let r = try fx.ingest([m])
            XCTAssertEqual(r[0].outcome, .created)
            XCTAssertEqual(try fx.store.read { try $0.ticket(number: XCTUnwrap(r[0].ticketNumber))?.subject }, subject)
        }
    }
}
