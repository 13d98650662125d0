import IntakeCore

/// The grammar pieces of RFC 9112 the parser checks: request line, field line, message framing and
/// chunk-size line. Each is a pure function of one line (or of the parsed head).
extension HTTPRequestParser {
    /// `method SP request-target SP HTTP-version` (RFC 9112 §3), single spaces. The target is origin-form
    /// (`/path?query`), the absolute-form a server must accept too (§3.2.2: a client that takes us for a
    /// proxy, a proxy forwarding what it received), or `*` for `OPTIONS` (§3.2.4). Authority-form, which
    /// only `CONNECT` uses, is refused: a webhook gateway is never a proxy.
    static func parseRequestLine(_ line: ArraySlice<UInt8>, into request: inout HTTPRequest) throws(HTTPParseError) {
        let parts = line.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed("request line is not 'METHOD /target HTTP/1.1'") }
        let (method, target, version) = (parts[0], parts[1], parts[2])
        guard !method.isEmpty, method.allSatisfy(isTokenByte) else { throw .malformed("method is not a token") }
        // The version first: an HTTP/2 client (`PRI * HTTP/2.0`, prior knowledge) is told 505, not that its
        // target is wrong.
        switch String(decoding: version, as: UTF8.self) {
        case "HTTP/1.1": request.version = .http11
        case "HTTP/1.0": request.version = .http10
        // RFC 9110 §2.5: a later minor version of HTTP/1 is processed as the highest one we serve.
        case let other where isWellFormedVersion(version) && other.hasPrefix("HTTP/1."): request.version = .http11
        case let other where isWellFormedVersion(version): throw .unsupportedVersion(other)
        default: throw .malformed("HTTP version is not 'HTTP/1.1'")
        }
        guard target.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E }) else {
            throw .malformed("request target with a control, space or non-ASCII byte")
        }
        let pathAndQuery: ArraySlice<UInt8>
        if target.first == UInt8(ascii: "/") {
            pathAndQuery = target
        } else if target.elementsEqual("*".utf8) && method.elementsEqual("OPTIONS".utf8) {
            pathAndQuery = target
        } else if let absolute = absoluteFormPath(target) {
            pathAndQuery = absolute
        } else {
            throw .malformed("request target must be a path starting with '/', an http(s) URL, or * for OPTIONS")
        }
        request.method = String(decoding: method, as: UTF8.self)
        let question = pathAndQuery.firstIndex(of: UInt8(ascii: "?"))
        let path = pathAndQuery[..<(question ?? pathAndQuery.endIndex)]
        request.path = path.isEmpty ? "/" : String(decoding: path, as: UTF8.self)
        request.query = question.map { String(decoding: pathAndQuery[($0 + 1)...], as: UTF8.self) }
    }

    /// What follows the authority of `http://authority[/path][?query]` (or `https`, any case); nil when
    /// the target is not that, has an empty authority, or a userinfo (RFC 9110 §4.2.4 calls it an
    /// error). The authority itself is not used: routes go by path.
    private static func absoluteFormPath(_ target: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard let colon = target.firstIndex(of: UInt8(ascii: ":")), target[colon...].starts(with: "://".utf8) else {
            return nil
        }
        let scheme = String(decoding: target[..<colon], as: UTF8.self).lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let authority = target[(colon + 3)...].prefix(while: { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") })
        guard !authority.isEmpty, !authority.contains(UInt8(ascii: "@")) else { return nil }
        return target[authority.endIndex...]
    }

    /// `field-name ":" OWS field-value OWS` (RFC 9112 §5). Whitespace before the colon and obs-fold
    /// continuation lines are refused, as §5.1 and §5.2 require of a server.
    static func parseField(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> (name: String, value: String) {
        if line.first == 0x20 || line.first == 0x09 { throw .malformed("obsolete line folding is not accepted") }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            throw .malformed("header field without a colon")
        }
        let name = line[..<colon]
        if name.last == 0x20 || name.last == 0x09 { throw .malformed("whitespace between header name and colon") }
        guard !name.isEmpty, name.allSatisfy(isTokenByte) else { throw .malformed("header name is not a token") }
        var value = line[(colon + 1)...]
        while let first = value.first, first == 0x20 || first == 0x09 { value.removeFirst() }
        while let last = value.last, last == 0x20 || last == 0x09 { value.removeLast() }
        // field-vchar (VCHAR / obs-text), SP and HTAB; never NUL or another control.
        guard value.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
            throw .malformed("control character in the value of '\(String(decoding: name, as: UTF8.self))'")
        }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    /// Header fields checked before the body, in one pass without copies (every request goes through
    /// here): an HTTP/1.1 request without `Host`, two `Host` fields or one that is not `host[:port]` are
    /// refused, as RFC 9112 §3.2 says a server must (two fields are the kind of disagreement request
    /// smuggling lives on), and an expectation the server cannot meet is refused (RFC 9110 §10.1.1)
    /// before the client sends a body for it. HTTP/1.0 has no `Host` requirement.
    static func checkFields(of request: HTTPRequest) throws(HTTPParseError) {
        var hosts = 0
        for field in request.headers {
            if HTTPRequest.sameName(field.name, "Host") {
                hosts += 1
                guard field.value.utf8.allSatisfy(isHostByte) else { throw .malformed("Host is not host[:port]") }
            } else if HTTPRequest.sameName(field.name, "Expect"),
                let other = HTTPRequest.tokens(field.value).first(where: { $0 != "100-continue" })
            {
                throw .unsupportedExpectation(other)
            }
        }
        if hosts > 1 { throw .malformed("more than one Host header (RFC 9112 §3.2)") }
        if hosts == 0 && request.version == .http11 { throw .malformed("an HTTP/1.1 request needs a Host header (RFC 9112 §3.2)") }
    }

    /// A byte of `uri-host [":" port]` (RFC 3986 §3.2.2): reg-name, IP literal in brackets, or IPv4.
    private static func isHostByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "%"),
            UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
            UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"):
            true
        default: false
        }
    }

    /// How the body is delimited (RFC 9112 §6.1, §6.3), which state follows the header block.
    static func framing(of request: HTTPRequest, limits: HTTPLimits) throws(HTTPParseError) -> State {
        // The usual request: one Content-Length of plain digits and no Transfer-Encoding. Read without
        // building lists of values (every request goes through here).
        if let length = plainContentLength(request) {
            guard length <= limits.bodyBytes else { throw .bodyTooLarge(limit: limits.bodyBytes) }
            return .fixedBody(remaining: length)
        }
        let transferEncodings = request.headers(named: "Transfer-Encoding")
        let contentLengths = request.headers(named: "Content-Length")
        if !transferEncodings.isEmpty {
            // Both at once is how requests are smuggled past a proxy: refused, never guessed at.
            guard contentLengths.isEmpty else {
                throw .malformed("both Content-Length and Transfer-Encoding (RFC 9112 §6.1)")
            }
            guard request.version == .http11 else {
                throw .malformed("Transfer-Encoding in an HTTP/1.0 request (RFC 9112 §6.1)")
            }
            // Without a final `chunked` the length cannot be known: 400 (§6.3). A framing we can read
            // around a coding we do not implement (`gzip, chunked`): 501 (§6.1).
            let codings = transferEncodings.flatMap(HTTPRequest.tokens)
            guard codings.last == "chunked", codings.filter({ $0 == "chunked" }).count == 1 else {
                throw .malformed("chunked must be the one and final transfer coding (RFC 9112 §6.3)")
            }
            if let other = codings.first(where: { $0 != "chunked" }) { throw .unsupportedTransferCoding(other) }
            return .chunkSize
        }
        guard !contentLengths.isEmpty else { return .fixedBody(remaining: 0) }
        let length = try contentLength(contentLengths)
        guard length <= limits.bodyBytes else { throw .bodyTooLarge(limit: limits.bodyBytes) }
        return .fixedBody(remaining: length)
    }

    /// The length when the request has exactly one `Content-Length`, of 1 to 18 digits and nothing else,
    /// and no `Transfer-Encoding`; nil for anything else (the general rules then apply).
    static func plainContentLength(_ request: HTTPRequest) -> Int? {
        var length: Int?
        for field in request.headers {
            if HTTPRequest.sameName(field.name, "Transfer-Encoding") { return nil }
            guard HTTPRequest.sameName(field.name, "Content-Length") else { continue }
            guard length == nil, (1...18).contains(field.value.utf8.count) else { return nil }
            var value = 0
            for byte in field.value.utf8 {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            length = value
        }
        return length
    }

    /// `Content-Length = 1*DIGIT`. Repeated fields and lists of one same value are accepted (RFC 9110
    /// §8.6 allows it); different values are refused. A value too large for `Int` reads as `Int.max`,
    /// so it is answered 413 like any other length over the limit.
    static func contentLength(_ values: [String]) throws(HTTPParseError) -> Int {
        var seen: Substring?
        for element in values.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
            let digits = element.trimmingSpacesAndTabs()
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                throw .malformed("Content-Length is not a number")
            }
            let significant = digits.drop(while: { $0 == "0" })
            if let seen, seen != significant { throw .malformed("conflicting Content-Length values") }
            seen = significant
        }
        guard let seen else { throw .malformed("Content-Length is not a number") }
        guard seen.utf8.count <= 18 else { return Int.max }
        return Int(seen) ?? 0
    }

    /// `chunk-size [ chunk-ext ]` (RFC 9112 §7.1): hex digits, then `;name[=token|quoted-string]`
    /// extensions, which are checked and ignored. A size over `limit` is refused before any data.
    static func parseChunkSize(_ line: ArraySlice<UInt8>, limit: Int) throws(HTTPParseError) -> Int {
        var index = line.startIndex
        var size = 0
        while index < line.endIndex, let digit = Hex.value(line[index]).map(Int.init) {
            guard size <= limit, size < Int.max >> 4 else { throw .bodyTooLarge(limit: limit) }
            size = size * 16 + digit
            index += 1
        }
        guard index > line.startIndex else { throw .malformed("chunk-size is not hexadecimal") }
        guard size <= limit else { throw .bodyTooLarge(limit: limit) }
        while index < line.endIndex {
            index = skipWhitespace(line, from: index)
            guard index < line.endIndex, line[index] == UInt8(ascii: ";") else {
                throw .malformed("chunk-size followed by something other than an extension")
            }
            index = try skipToken(line, from: skipWhitespace(line, from: index + 1))
            index = skipWhitespace(line, from: index)
            guard index < line.endIndex, line[index] == UInt8(ascii: "=") else { continue }
            index = skipWhitespace(line, from: index + 1)
            if index < line.endIndex, line[index] == UInt8(ascii: "\"") {
                index = try skipQuotedString(line, from: index)
            } else {
                index = try skipToken(line, from: index)
            }
        }
        return size
    }

    private static func skipWhitespace(_ line: ArraySlice<UInt8>, from start: Int) -> Int {
        var index = start
        while index < line.endIndex, line[index] == 0x20 || line[index] == 0x09 { index += 1 }
        return index
    }

    /// Skips one token (at least one `tchar`).
    private static func skipToken(_ line: ArraySlice<UInt8>, from start: Int) throws(HTTPParseError) -> Int {
        var index = start
        while index < line.endIndex, isTokenByte(line[index]) { index += 1 }
        guard index > start else { throw .malformed("chunk extension without a token") }
        return index
    }

    /// Skips `"..."` with `\` escapes (RFC 9110 §5.6.4), returning the index after the closing quote.
    private static func skipQuotedString(_ line: ArraySlice<UInt8>, from start: Int) throws(HTTPParseError) -> Int {
        var index = start + 1
        while index < line.endIndex {
            switch line[index] {
            case UInt8(ascii: "\""): return index + 1
            case UInt8(ascii: "\\"): index += 2
            case 0x09, 0x20...0x7E, 0x80...0xFF: index += 1
            default: throw .malformed("control character in a chunk extension")
            }
        }
        throw .malformed("unterminated quoted string in a chunk extension")
    }

    /// RFC 9110 §5.6.2 `tchar`.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default: false
        }
    }

    /// `HTTP/` DIGIT `.` DIGIT: a version we could name but do not serve (505, not 400).
    private static func isWellFormedVersion(_ version: ArraySlice<UInt8>) -> Bool {
        let bytes = Array(version)
        return bytes.count == 8 && bytes[0..<5].elementsEqual("HTTP/".utf8) && (0x30...0x39).contains(bytes[5])
            && bytes[6] == UInt8(ascii: ".") && (0x30...0x39).contains(bytes[7])
    }
}
