public import Curl

/// Where a mail server is and how to talk to it; shared by `IMAPClient` and `SMTPSender`.
public struct MailServer: Sendable, Equatable {
    /// How the connection is secured.
    public enum Security: Sendable, Equatable {
        /// Cleartext, for loopback test servers only.
        case none
        /// Plain port, then STARTTLS, which must succeed (`CURLOPT_USE_SSL` = `CURLUSESSL_ALL`), so a
        /// stripped STARTTLS capability cannot downgrade the session (RFC 3207, RFC 9051 §6.2.1).
        case startTLS
        /// TLS from the first byte (`imaps://`, `smtps://`; RFC 8314).
        case implicitTLS
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    public var connectTimeout: Double
    /// Limit for one command or transfer.
    public var timeout: Double
    public var tlsVerification: TLSVerification

    public init(
        host: String, port: Int, security: Security, username: String? = nil, password: String? = nil,
        connectTimeout: Double = 10, timeout: Double = 60, tlsVerification: TLSVerification = .verify
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.tlsVerification = tlsVerification
    }

    /// `scheme://host:port/` with the TLS variant of the scheme for implicit TLS; IPv6 literals bracketed.
    func baseURL(plainScheme: String) -> String {
        let scheme = security == .implicitTLS ? plainScheme + "s" : plainScheme
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(scheme)://\(hostPart):\(port)/"
    }

    /// The options every transfer to this server shares.
    func configure(_ easy: CurlEasy, plainScheme: String) throws(CurlError) {
        try easy.set(.protocols("\(plainScheme),\(plainScheme)s"))
        try easy.set(.requireTLS(security == .startTLS))
        try easy.set(.tlsVerification(tlsVerification))
        try easy.set(.connectTimeoutMilliseconds(max(1, Int(connectTimeout * 1000))))
        try easy.set(.timeoutMilliseconds(max(1, Int(timeout * 1000))))
        if let username { try easy.set(.username(username)) }
        if let password { try easy.set(.password(password)) }
    }
}
