import Foundation
import XCTest

/// `normalize --config` reads payloads as `serve` would with that configuration; without it, the
/// defaults, whatever file the deployment has.
final class NormalizeConfigCLITests: CLITestCase {
    func testAConfiguredCustomerBotsAlertIsAMessageOnlyWithTheConfiguration() throws {
        let alert = dir.appendingPathComponent("alert.json")
        try Data(#"{"type":"event_callback","event_id":"EvZBX","event":{"type":"message","subtype":"bot_message","bot_id":"B0ZABBIX","text":"disco lleno en pbx-01","channel":"C0ACMEPRIV","ts":"1764000000.000100"}}"#.utf8)
            .write(to: alert)
        let config = dir.appendingPathComponent("gateway.json")
        try Data(#"{"directory": null, "slack": {"customer_bot_ids": ["B0ZABBIX"]}}"#.utf8).write(to: config)

        let plain = try intake(["normalize", "--channel", "slack", "--compact", alert.path], withStore: false)
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertEqual(plain.stdout, "[]\n")

        let configured = try intake(["normalize", "--channel", "slack", "--compact", "--config", config.path, alert.path], withStore: false)
        XCTAssertEqual(configured.status, 0, configured.stderr)
        XCTAssertTrue(configured.stdout.contains(#""external_id":"EvZBX","sender":{"id":"B0ZABBIX""#), configured.stdout)
        XCTAssertTrue(configured.stdout.contains(#""text":"disco lleno en pbx-01""#), configured.stdout)

        let missing = try intake(["normalize", "--channel", "slack", "--config", dir.appendingPathComponent("none.json").path, alert.path], withStore: false)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.hasPrefix("intake normalize: configuration: "), missing.stderr)
        XCTAssertEqual(missing.stdout, "")
    }
}
