/// The libcurl options intake uses, each with the Swift type curl expects, so callers never touch the
/// variadic `curl_easy_setopt` (see Sources/CCurlShim) nor import the C module.
public enum CurlOption: Sendable {
    case url(String)
    /// Comma-separated scheme list (`CURLOPT_PROTOCOLS_STR`), so a configured URL cannot reach `file://`.
    case protocols(String)
    case username(String)
    case password(String)
    case timeoutMilliseconds(Int)
    case connectTimeoutMilliseconds(Int)
    /// `CURLOPT_USE_SSL`: whether STARTTLS is required on a plain `imap://`/`smtp://` URL.
    case requireTLS(Bool)
    case tlsVerification(TLSVerification)
    /// A protocol command in place of the default one (`CURLOPT_CUSTOMREQUEST`): an IMAP command, an HTTP
    /// method. Nil restores the default.
    case customRequest(String?)
    case httpHeaders([String])
    case httpGet
    case noBody
    /// `CURLOPT_POST` with the body size; the body itself comes from `perform(upload:)`.
    case post(size: Int)
    /// `CURLOPT_UPLOAD` with the size (IMAP APPEND, SMTP DATA, HTTP PUT).
    case upload(size: Int)
    case userAgent(String)
    case mailFrom(String)
    case mailRecipients([String])
    case followRedirects(Bool)
}

/// Whether TLS peers are verified. Verification is always on in production; turning it off exists only
/// for tests against self-signed servers and says so in its name.
public enum TLSVerification: Sendable, Equatable {
    case verify
    case disabledForTesting
}
