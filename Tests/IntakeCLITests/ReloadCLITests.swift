import Curl
import Foundation
import IntakeTestSupport
import XCTest

/// `serve` re-reads the customer directory on SIGHUP (what `systemctl reload intake` sends): a caller
/// unknown before the reload is the customer's after it, and a directory with a problem is refused whole
/// while the one in force stays.
final class ReloadCLITests: CLITestCase {
    private var serve: Process?
    private var port = 0
    private let client = HTTPClient(configuration: HTTPClient.Configuration(timeout: 5, connectTimeout: 2))
    private var customers: URL { dir.appendingPathComponent("customers.json") }
    private var log: URL { dir.appendingPathComponent("serve.log") }

    override func tearDown() {
        if let serve, serve.isRunning {
            serve.terminate()
            serve.waitUntilExit()
        }
        super.tearDown()
    }

    func testSIGHUPPutsAnEditedDirectoryInForceAndRefusesABrokenOne() throws {
        try writeDirectory(phones: ["+54 11 4321-5000"])
        try startServe()
        XCTAssertEqual(try callFrom("+54 11 4999-0001", notes: "No entran llamadas"), 200)
        XCTAssertEqual(try customerOfLastTicket(), nil, "not in the directory yet")

        try writeDirectory(phones: ["+54 11 4321-5000", "+54 11 4999-0001"])
        try reload(expecting: "directory.reloaded")
        XCTAssertEqual(try callFrom("+54 11 4999-0001", notes: "Se cortan las llamadas salientes"), 200)
        XCTAssertEqual(try customerOfLastTicket(), "acme")

        // A number claimed by two customers: `customers check` would fail it, so the reload does too.
        try Data(#"{"customers":[{"id":"acme","phones":["+54 11 4999-0002"]},{"id":"otra","phones":["+54 11 4999-0002"]}]}"#.utf8)
            .write(to: customers)
        try reload(expecting: "directory.reload_refused")
        XCTAssertEqual(try callFrom("+54 11 4999-0001", notes: "Sigue sin audio la consola"), 200)
        XCTAssertEqual(try customerOfLastTicket(), "acme", "the directory in force stayed")
        XCTAssertTrue(serve?.isRunning ?? false)
    }

    private func writeDirectory(phones: [String]) throws {
        let list = phones.map { "\"\($0)\"" }.joined(separator: ",")
        try Data(#"{"customers":[{"id":"acme","name":"ACME","contract":"active","phones":[\#(list)]}]}"#.utf8).write(to: customers)
    }

    private func startServe() throws {
        port = try Loopback.freePort()
        let config = dir.appendingPathComponent("gateway.json")
        try Data(#"{"directory":"customers.json","phone":{"calls_token":"calls-token"}}"#.utf8).write(to: config)
        XCTAssertTrue(FileManager.default.createFile(atPath: log.path, contents: nil))
        let process = Process()
        process.executableURL = TestPaths.packageRoot.appendingPathComponent(".build/debug/intake")
        process.arguments = ["serve", "--config", config.path, "--store", store, "--listen", "127.0.0.1:\(port)"]
        process.currentDirectoryURL = dir
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        serve = process
        try Loopback.waitForPort(port, name: "intake serve", timeout: 20)
    }

    private func reload(expecting event: String) throws {
        let before = try String(contentsOf: log, encoding: .utf8).components(separatedBy: event).count
        kill(try XCTUnwrap(serve).processIdentifier, SIGHUP)
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if try String(contentsOf: log, encoding: .utf8).components(separatedBy: event).count > before { return }
            usleep(20_000)
        }
        XCTFail("no \(event) in the log: \(try String(contentsOf: log, encoding: .utf8))")
    }

    private func callFrom(_ number: String, notes: String) throws -> Int {
        let body = #"{"from":"\#(number)","operator":"ana","direction":"inbound","started_at":"2026-11-25T12:00:00Z","duration":120,"notes":"\#(notes)"}"#
        return try client.request(method: "POST", url: "http://127.0.0.1:\(port)/calls",
                                  headers: [HTTPHeader(name: "Authorization", value: "Bearer calls-token"),
                                            HTTPHeader(name: "Content-Type", value: "application/json")],
                                  body: Array(body.utf8)).status
    }

    /// The customer of the newest ticket, read by `intake tickets --json` beside the running `serve`.
    private func customerOfLastTicket() throws -> String? {
        let run = try intake(["tickets", "--json"])
        let tickets = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]], run.stderr)
        let newest = tickets.max { ($0["number"] as? String ?? "").compare($1["number"] as? String ?? "", options: .numeric) == .orderedAscending }
        return newest?["customer"] as? String
    }
}
