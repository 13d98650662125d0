/// A synchronous HTTP/1.1 client on libcurl, for worker threads (the outbox). Each `request` has an easy
/// handle to itself, so one client value can be used from several threads at once; handles go back to a
/// pool shared by the client's copies, and a later request reuses the connection an earlier one opened
/// (HTTP keep-alive, TLS session) to the same host.
public struct HTTPClient: Sendable {
    public struct Configuration: Sendable {
        /// Whole-request timeout, used when a request does not pass its own.
        public var timeout: Double
        public var connectTimeout: Double
        public var tlsVerification: TLSVerification
        public var userAgent: String
        public var maxResponseBytes: Int

        public init(
            timeout: Double = 30, connectTimeout: Double = 10, tlsVerification: TLSVerification = .verify,
            userAgent: String = "intake", maxResponseBytes: Int = 16 << 20
        ) {
            self.timeout = timeout
            self.connectTimeout = connectTimeout
            self.tlsVerification = tlsVerification
            self.userAgent = userAgent
            self.maxResponseBytes = maxResponseBytes
        }
    }

    public let configuration: Configuration
    private let handles: CurlHandlePool

    /// `idleHandles`: how many handles (each with its open connections) are kept between requests: one
    /// per thread that sends at the same time is enough.
    public init(configuration: Configuration = Configuration(), idleHandles: Int = 4) {
        self.configuration = configuration
        handles = CurlHandlePool(capacity: idleHandles)
    }

    /// Sends one request and returns the final response (any status: a 4xx/5xx is a response, not an error).
    /// Throws `CurlError` when no response arrived: refused connection, timeout, TLS failure, oversize body.
    /// Redirects are not followed: a webhook target that moves should be reconfigured, not chased.
    public func request(
        method: String, url: String, headers: [HTTPHeader] = [], body: [UInt8]? = nil, timeout: Double? = nil
    ) throws(CurlError) -> HTTPResponse {
        let easy = try handles.take()
        defer { handles.giveBack(easy) }
        try easy.set(.url(url))
        try easy.set(.protocols("http,https"))
        try easy.set(.tlsVerification(configuration.tlsVerification))
        try easy.set(.timeoutMilliseconds(Self.milliseconds(timeout ?? configuration.timeout)))
        try easy.set(.connectTimeoutMilliseconds(Self.milliseconds(configuration.connectTimeout)))
        try easy.set(.userAgent(configuration.userAgent))
        try easy.set(.followRedirects(false))
        try easy.set(.httpHeaders(try Self.headerLines(headers, hasBody: body != nil)))
        try configureMethod(easy, method: method, body: body)
        let transfer = try easy.perform(
            upload: body ?? [], maxBodyBytes: configuration.maxResponseBytes, operation: "\(method) \(url)")
        return HTTPResponse(status: transfer.responseCode, headers: Self.finalHeaders(transfer.headerLines), body: transfer.body,
                            newConnections: transfer.newConnections)
    }

    private func configureMethod(_ easy: CurlEasy, method: String, body: [UInt8]?) throws(CurlError) {
        guard !method.isEmpty, method.utf8.allSatisfy({ HTTPHeader.isTokenByte($0) }) else {
            throw CurlError.invalidArgument("invalid HTTP method \"\(method)\"", operation: "request")
        }
        if let body {
            try easy.set(.post(size: body.count))
            if method != "POST" { try easy.set(.customRequest(method)) }
        } else if method == "HEAD" {
            try easy.set(.noBody)
        } else {
            try easy.set(.httpGet)
            if method != "GET" { try easy.set(.customRequest(method)) }
        }
    }

    /// Header lines for curl. An empty `Expect:` stops curl from sending `Expect: 100-continue` (and waiting
    /// for a `100` that many servers never send) on larger bodies; an empty `Content-Type:` stops curl's
    /// default form content type when the caller set none.
    static func headerLines(_ headers: [HTTPHeader], hasBody: Bool) throws(CurlError) -> [String] {
        var lines: [String] = []
        for header in headers {
            guard header.isValid else {
                throw CurlError.invalidArgument("invalid header field \"\(header.name)\"", operation: "request")
            }
            lines.append("\(header.name): \(header.value)")
        }
        let names = Set(headers.map { $0.name.lowercased() })
        if !names.contains("expect") { lines.append("Expect:") }
        if hasBody, !names.contains("content-type") { lines.append("Content-Type:") }
        return lines
    }

    /// The header fields of the last response in the stream: curl also reports interim `100 Continue`
    /// responses, each starting with its own status line.
    static func finalHeaders(_ lines: [String]) -> [HTTPHeader] {
        var headers: [HTTPHeader] = []
        for line in lines {
            if line.hasPrefix("HTTP/") {
                headers.removeAll()
            } else if let colon = line.firstIndex(of: ":") {
                let value = line[line.index(after: colon)...].trimmingSpaces
                headers.append(HTTPHeader(name: String(line[..<colon]), value: value))
            }
        }
        return headers
    }

    static func milliseconds(_ seconds: Double) -> Int { max(1, Int((seconds * 1000).rounded())) }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
