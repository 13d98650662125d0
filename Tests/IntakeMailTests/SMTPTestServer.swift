import Foundation
import IntakeCore
import IntakeMail

/// scripts/test-servers/smtp_recorder.py on a free port, writing each message to a temp dir.
final class SMTPTestServer {
    struct Received {
        var raw: [UInt8]
        var mailFrom: String
        var recipients: [String]
    }

    let directory: URL
    let port: Int
    private let process: ScriptServer

    init() throws {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", "import aiosmtpd"]
        check.standardError = FileHandle.nullDevice
        try check.run()
        check.waitUntilExit()
        guard check.terminationStatus == 0 else {
            throw TestSupport.Failure(description: "python3 module aiosmtpd missing: install it with `pip install aiosmtpd`")
        }
        directory = try TestSupport.temporaryDirectory("intake-smtp")
        port = try TestSupport.freePort()
        process = try ScriptServer(script: "smtp_recorder.py", arguments: ["\(port)", directory.path], port: port, name: "smtp_recorder")
    }

    deinit { stop() }

    var server: MailServer { MailServer(host: "127.0.0.1", port: port, security: .none, connectTimeout: 2, timeout: 5) }

    func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The messages recorded so far, in arrival order.
    func received() throws -> [Received] {
        var messages: [Received] = []
        var index = 1
        while let raw = FileManager.default.contents(atPath: directory.appendingPathComponent("\(index).eml").path) {
            let envelopeBytes = try Data(contentsOf: directory.appendingPathComponent("\(index).json"))
            let envelope = try JSONParser.parse(Array(envelopeBytes))
            messages.append(Received(
                raw: Array(raw), mailFrom: envelope["mail_from"]?.stringValue ?? "",
                recipients: envelope["rcpt_tos"]?.arrayValue?.compactMap(\.stringValue) ?? []))
            index += 1
        }
        return messages
    }
}
