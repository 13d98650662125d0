import CCurl

/// A failed libcurl call: curl's result code, the text curl wrote to its error buffer (or its generic
/// `curl_easy_strerror` text when the buffer is empty), the operation that failed, and the protocol's own
/// response code where one arrived (an HTTP status, an SMTP reply such as 550; 0 when none).
public struct CurlError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The raw `CURLcode`.
    public var code: Int
    public var message: String
    public var operation: String
    public var responseCode: Int
    /// The protocol lines the server sent during the failed transfer (for IMAP and SMTP, every response
    /// line, so the caller can find the rejection: `550 5.1.1 No such user`, `A004 NO ...`).
    public var serverLines: [String]

    public init(code: Int, message: String, operation: String, responseCode: Int = 0, serverLines: [String] = []) {
        self.code = code
        self.message = message
        self.operation = operation
        self.responseCode = responseCode
        self.serverLines = serverLines
    }

    public var description: String {
        let response = responseCode == 0 ? "" : " (response \(responseCode))"
        let server = serverLines.last.map { ": \($0)" } ?? ""
        return "\(operation) failed: curl error \(code): \(message)\(response)\(server)"
    }

    /// The transfer hit `CURLOPT_TIMEOUT_MS` or `CURLOPT_CONNECTTIMEOUT_MS`.
    public var isTimeout: Bool { code == Int(CURLE_OPERATION_TIMEDOUT.rawValue) }

    /// The peer could not be reached or the connection broke: worth retrying later with backoff.
    public var isConnectionFailure: Bool {
        let transient: [CURLcode] = [
            CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_OPERATION_TIMEDOUT, CURLE_SSL_CONNECT_ERROR,
            CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_WEIRD_SERVER_REPLY,
        ]
        return transient.contains { Int($0.rawValue) == code }
    }

    /// The server refused the credentials.
    public var isLoginDenied: Bool { code == Int(CURLE_LOGIN_DENIED.rawValue) }

    /// The requested resource (an IMAP message UID, a mailbox with a different UIDVALIDITY) is not there.
    public var isRemoteFileNotFound: Bool { code == Int(CURLE_REMOTE_FILE_NOT_FOUND.rawValue) }

    /// Refused before reaching the peer (see `invalidArgument`): the same call fails the same way again.
    public var isInvalidArgument: Bool { code == Int(CURLE_BAD_FUNCTION_ARGUMENT.rawValue) }

    /// A call refused before reaching curl (a header with CR/LF, an unsafe address): `CURLE_BAD_FUNCTION_ARGUMENT`.
    public static func invalidArgument(_ message: String, operation: String) -> CurlError {
        CurlError(code: Int(CURLE_BAD_FUNCTION_ARGUMENT.rawValue), message: message, operation: operation)
    }

    static func from(_ result: CURLcode, buffer: String, operation: String, responseCode: Int = 0) -> CurlError {
        let message = buffer.isEmpty ? String(cString: curl_easy_strerror(result)) : buffer
        return CurlError(code: Int(result.rawValue), message: message, operation: operation, responseCode: responseCode)
    }
}
