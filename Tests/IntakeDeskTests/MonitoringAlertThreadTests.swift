import IntakeChannels
import IntakeCore
import IntakeDesk
import XCTest

/// A customer's monitoring mails its problem, notifies it again and mails its recovery, each with no
/// References: one ticket. Another sender's alert of the same name is another matter.
final class MonitoringAlertThreadTests: XCTestCase {
    private var fx: DeskFixture!
    private let t0 = Timestamp(seconds: 1_764_000_000)

    override func setUpWithError() throws { fx = try DeskFixture() }
    override func tearDown() { fx.remove() }

    private func alert(_ id: String, from: String = "nagios@acme.com.ar", subject: String, text: String) throws -> InboundMessage {
        let raw = "From: \(from)\r\nMessage-ID: <\(id)@acme.com.ar>\r\nSubject: \(subject)\r\nDate: Mon, 24 Nov 2026 10:00:00 -0300\r\n\r\n\(text)\r\n"
        return try EmailAdapter().message(from: Array(raw.utf8))
    }

    func testAProblemItsNotificationsAndItsRecoveryAreOneTicket() throws {
        let problem = try fx.ingest([try alert("p1", subject: "** PROBLEM Service Alert: pbx01/SIP trunk is CRITICAL **", text: "State: CRITICAL")], at: t0)
        let number = try XCTUnwrap(problem[0].ticketNumber)
        XCTAssertEqual(problem[0].outcome, .created)
        let again = try fx.ingest([try alert("p2", subject: "** PROBLEM Service Alert: pbx01/SIP trunk is CRITICAL **", text: "State: CRITICAL (2)")],
                                  at: t0.adding(seconds: 3_600))
        XCTAssertEqual(again[0].ticketNumber, number)
        let recovery = try fx.ingest([try alert("r1", subject: "** RECOVERY Service Alert: pbx01/SIP trunk is OK **", text: "State: OK")],
                                     at: t0.adding(seconds: 4_000))
        XCTAssertEqual(recovery[0].outcome, .appended)
        XCTAssertEqual(recovery[0].ticketNumber, number)
        XCTAssertEqual(recovery[0].reason, "reply to alert:nagios@acme.com.ar:nagios:service:pbx01/sip trunk")

        let other = try fx.ingest([try alert("o1", from: "zabbix@acme.com.ar", subject: "** RECOVERY Service Alert: pbx01/SIP trunk is OK **", text: "OK")],
                                  at: t0.adding(seconds: 4_100))
        XCTAssertNotEqual(other[0].ticketNumber, number, "another sender's alert")
    }

    func testAlertSubjects() {
        let table: [(String, String?, String?)] = [
            ("** PROBLEM Service Alert: web01/HTTP is CRITICAL **", "nagios:service:web01/http", "problem"),
            ("** RECOVERY Host Alert: web01 is UP **", "nagios:host:web01", "recovery"),
            ("[PROBLEM] HTTP on web01 is CRITICAL!", "icinga:http on web01", "problem"),
            ("[RECOVERY] HTTP on web01 is OK!", "icinga:http on web01", "recovery"),
            ("Problem: High CPU utilization on pbx01", "zabbix:high cpu utilization on pbx01", "problem"),
            ("Resolved in 5m 0s: High CPU utilization on pbx01", "zabbix:high cpu utilization on pbx01", "recovery"),
            ("[FIRING:2] AsteriskDown (pbx01 critical)", "alertmanager:asteriskdown (pbx01 critical)", "problem"),
            ("[RESOLVED] AsteriskDown (pbx01 critical)", "alertmanager:asteriskdown (pbx01 critical)", "recovery"),
            ("Monitor is DOWN: Portal de agentes", "uptimerobot:portal de agentes", "problem"),
            ("Monitor is UP: Portal de agentes", "uptimerobot:portal de agentes", "recovery"),
            ("Problema: no entran llamadas", nil, nil),
            ("[EXTERNO] RV: consulta", nil, nil),
            ("Consulta: alta de usuarios", nil, nil),
            ("** Urgente **", nil, nil),
        ]
        for (subject, key, state) in table {
            let raw = "From: monitor@acme.com.ar\r\nMessage-ID: <s@acme.com.ar>\r\nSubject: \(subject)\r\n\r\nx\r\n"
            let m = try? EmailAdapter().message(from: Array(raw.utf8))
            XCTAssertEqual(m?.metadata["alert_key"]?.stringValue, key, subject)
            XCTAssertEqual(m?.metadata["alert_state"]?.stringValue, state, subject)
        }
    }
}
