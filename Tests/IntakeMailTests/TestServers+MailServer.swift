import IntakeMail
import IntakeTestSupport

/// Connection settings for the shared test servers, as the IntakeMail clients take them.
extension DovecotServer {
    /// A user nobody has used yet (an empty mailbox), logged in with the static password.
    func freshServer() -> MailServer {
        MailServer(host: "127.0.0.1", port: port, security: .none, username: freshUser(), password: Self.password,
                   connectTimeout: 2, timeout: 5)
    }
}

extension SMTPRecorder {
    var server: MailServer { MailServer(host: "127.0.0.1", port: port, security: .none, connectTimeout: 2, timeout: 5) }
}
