import IntakeChannels
import IntakeCore
import XCTest

/// Asterisk's voicemail mail (app_voicemail, FreePBX, Issabel) names its caller in headers or, without
/// them, in the default template's sentence; the recording stays an attachment and the caller routes it.
final class PBXVoicemailTests: XCTestCase {
    static let sentence = "Dear Soporte:\r\n\r\n\tJust wanted to let you know you were just left a 1:05 long message (number 7)\r\n"
        + "in mailbox 600 from \"Maria Soto\" <01152769999>, on Friday, June 14, 2024 at 09:02:11 AM so you might\r\n"
        + "want to check it when you get a chance.  Thanks!\r\n"

    static func mail(_ headers: String, body: String = sentence, audio: Bool = true) -> [UInt8] {
        let wav = audio ? "--VM\r\nContent-Type: audio/x-wav; name=msg0006.wav\r\nContent-Transfer-Encoding: base64\r\n\r\nUklGRg==\r\n" : ""
        return Array(("From: asterisk@pbx.acme.com.ar\r\nMessage-ID: <Asterisk-7@pbx>\r\nSubject: [PBX]: New message 7 in mailbox 600\r\n"
            + headers + "Content-Type: multipart/mixed; boundary=VM\r\n\r\n--VM\r\nContent-Type: text/plain\r\n\r\n" + body + "\r\n" + wav + "--VM--\r\n").utf8)
    }

    func testTheCallerComesFromTheHeadersElseTheTemplateSentence() throws {
        let table: [(String, [UInt8], String?, String?, Int?)] = [
            ("headers", Self.mail("X-Asterisk-CallerID: 5491152769999\r\nX-Asterisk-CallerIDName: Juan Perez\r\n"), "+5491152769999", "Juan Perez", 65),
            ("imap storage headers", Self.mail("X-Asterisk-VM-Caller-ID-Num: +56229876543\r\nX-Asterisk-VM-Duration: 12\r\n"), "+56229876543", nil, 12),
            ("template sentence", Self.mail(""), "+541152769999", "Maria Soto", 65),
            ("anonymous caller", Self.mail("", body: Self.sentence.replacingOccurrences(of: "\"Maria Soto\" <01152769999>", with: "an unknown caller")),
             nil, nil, 65),
        ]
        try check(table, recording: "msg0006.wav")
    }

    /// A recording mailed by another PBX or mail system, with `subject`, `headers` and `body`.
    static func recording(subject: String, headers: String = "", body: String) -> [UInt8] {
        Array(("From: Voicemail <pbx@acme.com.ar>\r\nMessage-ID: <vm-1@pbx>\r\nSubject: \(subject)\r\n" + headers
            + "Content-Type: multipart/mixed; boundary=VM\r\n\r\n--VM\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body
            + "\r\n--VM\r\nContent-Type: audio/mpeg; name=audio.mp3\r\nContent-Transfer-Encoding: base64\r\n\r\nSUQz\r\n--VM--\r\n").utf8)
    }

    /// Exchange UM and Teams name the caller in the headers of MS-OXCMAIL; FreePBX's and 3CX's templates
    /// in labelled lines; 3CX, Kazoo and Teams in the subject (a length in parentheses after it is no number).
    func testOtherSystemsNameTheCallerInHeadersLabelledLinesOrTheSubject() throws {
        let table: [(String, [UInt8], String?, String?, Int?)] = [
            ("exchange um headers", Self.recording(
                subject: "Voice Mail from Maria Soto (14 seconds)",
                headers: "Content-Class: voice-uc\r\nX-CallingTelephoneNumber: tel:+56229876543\r\nX-VoiceMessageSenderName: Maria Soto\r\nX-VoiceMessageDuration: 14\r\n",
                body: "You received a voice mail from Maria Soto."), "+56229876543", "Maria Soto", 14),
            ("freepbx default body", Self.recording(
                subject: "[PBX]: New message 2 in mailbox 600",
                body: "Soporte,\r\n\r\nThere is a new voicemail in mailbox 600:\r\n\r\n\tFrom:\t\"Juan Perez\" <01152769999>\r\n\tLength:\t0:42 seconds\r\n\tDate:\tTuesday, June 04, 2024 at 10:15:02 AM\r\n"),
             "+541152769999", "Juan Perez", 42),
            ("labelled lines", Self.recording(
                subject: "New Voicemail from 01152769999",
                body: "You have a new voicemail.\r\nCaller ID: Juan Perez (01152769999)\r\nDuration: 00:00:31\r\n"),
             "+541152769999", "Juan Perez", 31),
            ("list items", Self.recording(
                subject: "New Voicemail from Juan Perez",
                body: "You have a new voicemail:\r\n- From: Juan Perez (01152769999)\r\n- Duration: 00:00:12\r\n"),
             "+541152769999", "Juan Perez", 12),
            ("subject with a length", Self.recording(
                subject: "Voicemail from Juan Perez (+54 11 5276-9999) (00:14)", body: "Listen to the attached message."),
             "+541152769999", "Juan Perez", nil),
            ("spanish subject and length", Self.recording(
                subject: "Nuevo mensaje de voz de 1152769999", body: "Duración: 0:25"), "+541152769999", nil, 25),
        ]
        try check(table, recording: "audio.mp3")
    }

    /// A recording forwarded by a person, whose quoted `From:` names an address and whose subject names
    /// no voicemail, or a Unified Messaging fax (a number, no recording, no length), is no voicemail.
    func testARecordingAPersonSendsOrAFaxIsNoVoicemail() throws {
        let forwarded = Self.recording(subject: "Fwd: grabación de la llamada", body: "From: Ana <ana@cliente.com.ar>\r\nAdjunto el audio.")
        let mentioned = Self.recording(subject: "Fwd: voicemail from Ana", body: "From: Ana <ana@cliente.com.ar>")
        let fax = Array("From: fax@acme.com.ar\r\nSubject: Fax\r\nX-CallingTelephoneNumber: +56229876543\r\nContent-Class: fax\r\n\r\nfax\r\n".utf8)
        for raw in [forwarded, mentioned, fax] {
            XCTAssertNil(try EmailAdapter().message(from: raw).metadata["voicemail"])
        }
    }

    /// A person quoting the sentence without a recording, or a mail with neither, is no voicemail.
    func testWithoutARecordingOrHeadersItIsNoVoicemail() throws {
        XCTAssertNil(try EmailAdapter().message(from: Self.mail("", audio: false)).metadata["voicemail"])
        XCTAssertNil(try EmailAdapter().message(from: Self.mail("", body: "hola", audio: true)).metadata["voicemail"])
    }

    func testTheCallerRoutesTheMailToTheirCustomer() throws {
        let directory = CustomerDirectory(customers: [Customer(id: "andes", name: "Andes", domains: ["andescontact.cl"], phones: ["+56 2 2987 6543"])])
        let m = try EmailAdapter(defaultCountry: "56").message(from: Self.mail("X-Asterisk-CallerID: 229876543\r\n"))
        XCTAssertEqual(m.metadata["caller"]?.stringValue, "+56229876543")
        XCTAssertEqual(directory.route(m)?.customer.id, "andes")
    }

    /// Each row's mail is a voicemail from `caller` (`callerName`) of `duration` seconds, with its recording.
    private func check(_ table: [(String, [UInt8], String?, String?, Int?)], recording: String) throws {
        for (name, raw, caller, callerName, duration) in table {
            let m = try EmailAdapter().message(from: raw)
            XCTAssertEqual(m.metadata["voicemail"]?.boolValue, true, name)
            XCTAssertEqual(m.metadata["caller"]?.stringValue, caller, name)
            XCTAssertEqual(m.metadata["caller_name"]?.stringValue, callerName, name)
            XCTAssertEqual(m.metadata["duration"], duration.map { .int($0) }, name)
            XCTAssertEqual(m.attachments.first?.filename, recording, name)
        }
    }
}
