public import Curl

/// What can go wrong talking to a mail server.
public enum MailError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libcurl failed: connection, TLS, login, timeout, or a message curl could not fetch.
    case transport(CurlError)
    /// The IMAP server answered a command with `NO` or `BAD` (RFC 9051 §7.1).
    case commandRejected(command: String, response: String)
    /// The server's answer lacked what the command must return.
    case malformedResponse(command: String, detail: String)
    /// Folder names are sent as IMAP quoted strings; control characters (CR, LF, NUL) are refused.
    case invalidFolderName(String)

    public var description: String {
        switch self {
        case .transport(let error): return error.description
        case .commandRejected(let command, let response): return "IMAP \(command) rejected: \(response)"
        case .malformedResponse(let command, let detail): return "IMAP \(command): malformed response: \(detail)"
        case .invalidFolderName(let name): return "invalid IMAP folder name \"\(name)\""
        }
    }

    /// A failure of the connection rather than of one message: the poll cycle stops and retries with backoff.
    public var isConnectionFailure: Bool {
        if case .transport(let error) = self { return error.isConnectionFailure || error.isLoginDenied }
        return false
    }
}
