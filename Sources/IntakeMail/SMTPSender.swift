public import Curl

/// Sends one raw RFC 5322 message over SMTP with libcurl (RFC 5321: EHLO, optional AUTH, MAIL FROM,
/// RCPT TO per recipient, DATA). curl dot-stuffs the data and ends it with `CRLF.CRLF`.
///
/// Each `send` opens its own connection on its own easy handle, so one sender can be used from several
/// threads. Failures are `CurlError`s carrying curl's message, the last SMTP reply code
/// (`responseCode`, e.g. 550) and the server's reply line (`serverText`).
public struct SMTPSender: Sendable {
    public let server: MailServer
    /// The name announced in EHLO (curl takes it from the URL path).
    public let clientName: String

    public init(server: MailServer, clientName: String = "localhost") {
        self.server = server
        self.clientName = clientName
    }

    public func send(from sender: String, to recipients: [String], message: [UInt8]) throws(CurlError) {
        for address in [sender] + recipients where !Self.isSafeAddress(address) {
            throw CurlError.invalidArgument("invalid address \"\(address)\"", operation: "SMTP send")
        }
        guard !recipients.isEmpty else {
            throw CurlError.invalidArgument("no recipients", operation: "SMTP send")
        }
        let easy = try CurlEasy()
        try server.configure(easy, plainScheme: "smtp")
        try easy.set(.url(server.baseURL(plainScheme: "smtp") + clientName))
        try easy.set(.mailFrom("<\(sender)>"))
        try easy.set(.mailRecipients(recipients.map { "<\($0)>" }))
        try easy.set(.upload(size: message.count))
        _ = try easy.perform(upload: message, maxBodyBytes: 1 << 16, operation: "SMTP send")
    }

    /// No CR, LF, NUL, angle brackets or spaces: an address goes verbatim into `MAIL FROM:<...>`.
    static func isSafeAddress(_ address: String) -> Bool {
        !address.isEmpty && !address.utf8.contains { $0 <= 0x20 || $0 == 0x3C || $0 == 0x3E || $0 == 0x7F }
    }
}
