import IntakeChannels
import IntakeCore
import XCTest

/// A mail our staff wrote (from our mailbox or a staff domain) is marked `staff`, addressed to the
/// customer in To, then Cc; everyone else's mail is the customer's own.
final class StaffMailTests: XCTestCase {
    private let adapter = EmailAdapter(ownAddresses: ["soporte@neotel.com"], staffDomains: ["neotel.com"])

    private func mail(from: String, to: String, cc: String? = nil) -> [UInt8] {
        Array(("From: \(from)\r\nTo: \(to)\r\n" + (cc.map { "Cc: \($0)\r\n" } ?? "")
            + "Subject: RE: Consola\r\nMessage-ID: <m1@x>\r\nIn-Reply-To: <c1@acme.com.ar>\r\n\r\nYa lo revisamos.\r\n").utf8)
    }

    func testWhoWritesForUsAndWhoTheyAnswer() throws {
        let rows: [(String, String, String?, staff: Bool, recipient: String?)] = [
            ("Ana Soporte <ana@neotel.com>", "Juan <juan@acme.com.ar>", "soporte@neotel.com", true, "juan@acme.com.ar"),
            ("soporte@neotel.com", "soporte@neotel.com, juan@acme.com.ar", nil, true, "juan@acme.com.ar"),
            ("ana@NEOTEL.com", "pedro@neotel.com", "Juan <juan@acme.com.ar>", true, "juan@acme.com.ar"),
            ("ana@neotel.com", "pedro@neotel.com", nil, true, nil),
            ("juan@acme.com.ar", "soporte@neotel.com", nil, false, nil),
            ("ana@neotel.com.ar", "soporte@neotel.com", nil, false, nil),
        ]
        for (from, to, cc, staff, recipient) in rows {
            let m = try XCTUnwrap(adapter.normalize(RawPayload(bytes: mail(from: from, to: to, cc: cc))).first, from)
            XCTAssertEqual(m.metadata["staff"]?.boolValue ?? false, staff, from)
            XCTAssertEqual(m.recipient, recipient, from)
        }
        let plain = try XCTUnwrap(EmailAdapter().normalize(RawPayload(bytes: mail(from: "ana@neotel.com", to: "juan@acme.com.ar"))).first)
        XCTAssertNil(plain.metadata["staff"], "no staff domains configured: everyone is a customer")
    }
}
