/// An incremental HTTP/1.1 request parser (RFC 9112) over bytes, with no I/O: feed it what the socket
/// gave, in pieces of any size, and it answers "need more" or one whole request plus the bytes after
/// it (the start of a pipelined request), which the caller passes to the next `parse` call.
///
/// Every limit of `HTTPLimits` is checked while bytes arrive, so nothing over a limit is buffered: a
/// `Content-Length` over the body limit fails as soon as the header block ends, before any body byte.
/// After an error the parser stays failed; the connection must be closed, since the framing of what
/// follows can no longer be trusted.
public struct HTTPRequestParser: Sendable {
    public enum Result: Sendable {
        case needMoreData
        case request(HTTPRequest, leftover: [UInt8])
    }

    /// Where the current request stands, which picks the timeout that applies to it.
    public enum Phase: Sendable, Equatable {
        /// No byte of a request yet (between keep-alive requests). Empty lines do not start one (RFC 9112
        /// §2.2: some clients send a CRLF after a POST body), so they leave the connection idle.
        case idle
        /// In the request line or the header block.
        case head
        /// Headers done, body still arriving.
        case body
    }

    enum State: Sendable {
        case requestLine
        case headers
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case failed(HTTPParseError)
    }

    public let limits: HTTPLimits
    private var state = State.requestLine
    private var buffer: [UInt8] = []
    /// The first byte not consumed yet.
    private var position = 0
    /// Bytes before this index have already been searched for a line feed.
    private var scanned = 0
    private var skippedLineBytes = 0
    private var fieldCount = 0
    private var fieldBytes = 0
    private var request = HTTPRequest(method: "", path: "")

    public init(limits: HTTPLimits = HTTPLimits()) {
        self.limits = limits
    }

    public var phase: Phase {
        switch state {
        case .requestLine: buffer[position...].contains(where: { $0 != 0x0D }) ? .head : .idle
        case .headers, .failed: .head
        case .fixedBody, .chunkSize, .chunkData, .chunkDataEnd, .trailers: .body
        }
    }

    /// Whether the headers are complete and asked for `100 Continue` before the body.
    public var isAwaitingContinue: Bool {
        phase == .body && request.expectsContinue
    }

    /// Adds `bytes` and parses as far as they go.
    public mutating func parse(_ bytes: some Collection<UInt8>) throws(HTTPParseError) -> Result {
        if case .failed(let error) = state { throw error }
        buffer.append(contentsOf: bytes)
        do {
            if let request = try advance() { return request }
        } catch {
            state = .failed(error)
            throw error
        }
        if position > 0 {
            buffer.removeSubrange(..<position)
            scanned -= position
            position = 0
        }
        return .needMoreData
    }

    /// Runs the state machine until it needs more bytes (nil) or completes a request.
    private mutating func advance() throws(HTTPParseError) -> Result? {
        while true {
            switch state {
            case .failed(let error):
                throw error
            case .requestLine:
                let limit = limits.requestLineBytes - skippedLineBytes
                let lineLimit = limits.requestLineBytes
                guard
                    let line = try nextLine(limit: limit, tooLong: { .requestLineTooLong(limit: lineLimit) })
                else { return nil }
                if line.isEmpty {
                    // RFC 9112 §2.2: empty lines before the request line are ignored.
                    skippedLineBytes += 2
                    if skippedLineBytes > limits.requestLineBytes {
                        throw .malformed("empty lines instead of a request line")
                    }
                    continue
                }
                try Self.parseRequestLine(line, into: &request)
                state = .headers
            case .headers, .trailers:
                guard let line = try nextFieldLine() else { return nil }
                if line.isEmpty {
                    if case .trailers = state { return complete() }
                    try Self.checkFields(of: request)
                    state = try Self.framing(of: request, limits: limits)
                    if case .fixedBody(0) = state { return complete() }
                    continue
                }
                let field = try Self.parseField(line)
                if case .trailers = state { request.trailers.append(field) } else { request.headers.append(field) }
            case .fixedBody(let remaining):
                let take = min(remaining, buffer.count - position)
                request.body.append(contentsOf: buffer[position..<(position + take)])
                position += take
                if take == remaining { return complete() }
                state = .fixedBody(remaining: remaining - take)
                return nil
            case .chunkSize:
                guard
                    let line = try nextLine(
                        limit: limits.chunkLineBytes, tooLong: { .malformed("chunk-size line too long") })
                else { return nil }
                let size = try Self.parseChunkSize(line, limit: limits.bodyBytes)
                if size == 0 {
                    state = .trailers
                } else if size > limits.bodyBytes - request.body.count {
                    throw .bodyTooLarge(limit: limits.bodyBytes)
                } else {
                    request.body.reserveCapacity(request.body.count + size)
                    state = .chunkData(remaining: size)
                }
            case .chunkData(let remaining):
                let take = min(remaining, buffer.count - position)
                request.body.append(contentsOf: buffer[position..<(position + take)])
                position += take
                guard take == remaining else {
                    state = .chunkData(remaining: remaining - take)
                    return nil
                }
                state = .chunkDataEnd
            case .chunkDataEnd:
                guard let line = try nextLine(limit: 0, tooLong: { .malformed("chunk data longer than its chunk-size") })
                else { return nil }
                guard line.isEmpty else { throw .malformed("chunk data longer than its chunk-size") }
                state = .chunkSize
            }
        }
    }

    /// The next header or trailer line, counted against the field and header-block limits.
    private mutating func nextFieldLine() throws(HTTPParseError) -> ArraySlice<UInt8>? {
        let blockLeft = limits.headerBytes - fieldBytes
        let limits = limits
        // The message is only formatted when it is thrown: this runs for every header line.
        guard let line = try nextLine(limit: min(blockLeft, limits.fieldBytes), tooLong: {
            blockLeft < limits.fieldBytes
                ? .headersTooLarge("header fields larger than \(limits.headerBytes) bytes in all")
                : .headersTooLarge("a header field line longer than \(limits.fieldBytes) bytes")
        }) else { return nil }
        guard !line.isEmpty else { return line }
        fieldBytes += line.count + 2
        fieldCount += 1
        if fieldCount > limits.fieldCount {
            throw .headersTooLarge("more than \(limits.fieldCount) header fields")
        }
        return line
    }

    /// The next line without its line ending, or nil until a whole line is buffered. A line ends in CRLF
    /// or a bare LF (RFC 9112 §2.2 lets a recipient accept LF); a CR anywhere else is refused.
    private mutating func nextLine(limit: Int, tooLong: () -> HTTPParseError) throws(HTTPParseError) -> ArraySlice<UInt8>? {
        guard let lineFeed = buffer[max(scanned, position)...].firstIndex(of: 0x0A) else {
            scanned = buffer.count
            // One byte more than the limit may be the CR of a line ending.
            if buffer.count - position > max(0, limit) + 1 { throw tooLong() }
            return nil
        }
        var end = lineFeed
        if end > position, buffer[end - 1] == 0x0D { end -= 1 }
        let line = buffer[position..<end]
        if line.count > max(0, limit) { throw tooLong() }
        position = lineFeed + 1
        scanned = position
        if line.contains(0x0D) { throw .malformed("a bare CR inside a line (RFC 9112 §2.2)") }
        return line
    }

    private mutating func complete() -> Result {
        let leftover = Array(buffer[position...])
        let done = request
        self = HTTPRequestParser(limits: limits)
        return .request(done, leftover: leftover)
    }
}
