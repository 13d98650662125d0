public import Foundation
import IntakeCore

/// scripts/test-servers/smtp_recorder.py on a free loopback port, writing each message it accepts to a
/// temp dir (`N.eml` with the raw bytes, `N.json` with the envelope). Fails (never skips) when the python
/// module aiosmtpd is missing.
public final class SMTPRecorder {
    /// One accepted message: its bytes as they arrived, and the SMTP envelope.
    public struct Delivery {
        public var raw: [UInt8]
        public var mailFrom: String
        public var recipients: [String]
    }

    public let directory: URL
    public let port: Int
    private let process: ScriptServer

    public init() throws {
        guard try TestProcesses.pythonHasModule("aiosmtpd") else {
            throw TestFailure("python3 module aiosmtpd missing: install it with `pip install aiosmtpd`")
        }
        directory = try TestPaths.temporaryDirectory("intake-smtp")
        port = try Loopback.freePort()
        process = try ScriptServer(script: "smtp_recorder.py", arguments: ["\(port)", directory.path], port: port, name: "smtp_recorder")
    }

    deinit { stop() }

    public func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The raw messages recorded so far, in arrival order.
    public func received() -> [[UInt8]] {
        var messages: [[UInt8]] = []
        while let raw = FileManager.default.contents(atPath: file(messages.count + 1, "eml").path) {
            messages.append(Array(raw))
        }
        return messages
    }

    /// The messages recorded so far with their envelopes, in arrival order.
    public func deliveries() throws -> [Delivery] {
        try received().enumerated().map { index, raw in
            let envelope = try JSONParser.parse(Array(try Data(contentsOf: file(index + 1, "json"))))
            return Delivery(raw: raw, mailFrom: envelope["mail_from"]?.stringValue ?? "",
                            recipients: envelope["rcpt_tos"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        }
    }

    private func file(_ index: Int, _ ext: String) -> URL { directory.appendingPathComponent("\(index).\(ext)") }
}
