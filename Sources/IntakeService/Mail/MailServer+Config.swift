public import IntakeCore
public import IntakeMail
import Curl

/// The mail servers and poller settings `email.*` in the configuration describes.
extension MailServer {
    /// The IMAP server of `email.imap_url` (`imap://host[:port]` or `imaps://host[:port]`), logging in as
    /// `email.username` with `email.password` (`INTAKE_IMAP_PASSWORD`).
    public static func imap(_ email: GatewayConfig.Email) throws(ConfigError) -> MailServer {
        guard let url = email.imapURL else { throw ConfigError(key: "email.imap_url", problem: "not configured") }
        return try server(url, key: "email.imap_url", scheme: "imap", ports: (143, 993), tls: email.tls, verifyPeer: email.verifyPeer,
                          username: email.username, password: email.password)
    }

    /// The SMTP server of `email.smtp_url` (`smtp://host[:port]` or `smtps://host[:port]`), nil when none is
    /// configured; `email.smtp_username` with `email.smtp_password` (`INTAKE_SMTP_PASSWORD`) when given.
    public static func smtp(_ email: GatewayConfig.Email) throws(ConfigError) -> MailServer? {
        guard let url = email.smtpURL else { return nil }
        return try server(url, key: "email.smtp_url", scheme: "smtp", ports: (587, 465), tls: email.tls, verifyPeer: email.verifyPeer,
                          username: email.smtpUsername, password: email.smtpPassword)
    }

    /// `scheme://host[:port][/...]`. The implicit-TLS scheme (`imaps`, `smtps`, RFC 8314) always means TLS
    /// from the first byte; the plain scheme takes `email.tls`: `none`, `starttls` (required, never
    /// optional) or `tls`. Default ports: IMAP 143/993 (RFC 9051), submission 587/465 (RFC 6409, RFC 8314).
    static func server(
        _ url: String, key: String, scheme: String, ports: (plain: Int, tls: Int), tls: String, verifyPeer: Bool,
        username: String?, password: String?
    ) throws(ConfigError) -> MailServer {
        guard let separator = url.range(of: "://") else { throw ConfigError(key: key, problem: "`\(url)` is not a URL") }
        let given = url[..<separator.lowerBound].lowercased()
        guard given == scheme || given == scheme + "s" else {
            throw ConfigError(key: key, problem: "`\(url)`: the scheme must be \(scheme):// or \(scheme)s://")
        }
        let security: Security
        if given == scheme + "s" {
            security = .implicitTLS
        } else {
            switch tls {
            case "none": security = .none
            case "tls": security = .implicitTLS
            default: security = .startTLS
            }
        }
        var authority = url[separator.upperBound...].prefix { $0 != "/" && $0 != "?" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host = String(authority)
        var port = security == .implicitTLS ? ports.tls : ports.plain
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let rest = authority[authority.index(after: close)...]
            if rest.hasPrefix(":") { port = try parsePort(rest.dropFirst(), url: url, key: key) }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            port = try parsePort(authority[authority.index(after: colon)...], url: url, key: key)
        }
        guard !host.isEmpty else { throw ConfigError(key: key, problem: "`\(url)` has no host") }
        return MailServer(host: host, port: port, security: security, username: username, password: password,
                          tlsVerification: verifyPeer ? .verify : .disabledForTesting)
    }

    private static func parsePort(_ text: Substring, url: String, key: String) throws(ConfigError) -> Int {
        guard let port = Int(text), (1...65_535).contains(port) else { throw ConfigError(key: key, problem: "`\(url)` has a bad port") }
        return port
    }
}

extension MailPollerConfiguration {
    /// `email.folder`, `email.batch_size`, `email.policy` (`keep`, `seen`, or `move` to
    /// `email.processed_folder`) and `email.quarantine_folder`.
    public init(email: GatewayConfig.Email) {
        let policy: MailPolicy
        switch email.policy {
        case "keep": policy = .keep
        case "move": policy = .move(to: email.processedFolder)
        default: policy = .markSeen
        }
        self.init(
            folder: email.folder, batchSize: email.batchSize, policy: policy, quarantineFolder: email.quarantineFolder,
            maxMessageBytes: email.maxMessageBytes)
    }
}
