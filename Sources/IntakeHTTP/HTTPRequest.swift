import IntakeCore

/// A parsed request. Header fields stay ordered pairs as received, never a dictionary, so a repeated
/// `Content-Length` or signature header stays visible to whoever checks it.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The path of the request target, up to `?`, still percent-encoded (routes compare it as sent): of
    /// an absolute-form target, what follows the authority (`/` when nothing does); `*` for `OPTIONS *`.
    public var path: String
    /// What follows `?` in the target, nil when there is no `?`.
    public var query: String?
    public var version: HTTPVersion
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Trailer fields of a chunked body, apart from the headers (RFC 9110 §6.5: they are not merged).
    public var trailers: [(name: String, value: String)]
    /// The peer as `a.b.c.d:port`; nil for a request that did not come from a socket.
    public var remoteAddress: String?

    public init(
        method: String, path: String, query: String? = nil, version: HTTPVersion = .http11,
        headers: [(name: String, value: String)] = [], body: [UInt8] = [],
        trailers: [(name: String, value: String)] = [], remoteAddress: String? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.body = body
        self.trailers = trailers
        self.remoteAddress = remoteAddress
    }

    /// The first value of the field `name`, compared case-insensitively (RFC 9110 §5.1).
    public func header(_ name: String) -> String? {
        headers.first(where: { Self.sameName($0.name, name) })?.value
    }

    /// Every value of the field `name`, in the order received.
    public func headers(named name: String) -> [String] {
        headers.filter { Self.sameName($0.name, name) }.map(\.value)
    }

    /// The query decoded as `application/x-www-form-urlencoded` pairs, in order.
    public var queryItems: [(name: String, value: String)] {
        query.map { FormURLEncoded.parse($0) } ?? []
    }

    /// Whether the connection stays open after the response (RFC 9112 §9.3): HTTP/1.1 unless a
    /// `Connection: close`, HTTP/1.0 only with `Connection: keep-alive`.
    public var keepAlive: Bool {
        guard headers.contains(where: { Self.sameName($0.name, "Connection") }) else { return version == .http11 }
        let options = headers(named: "Connection").flatMap(Self.tokens)
        switch version {
        case .http11: return !options.contains("close")
        case .http10: return options.contains("keep-alive") && !options.contains("close")
        }
    }

    /// Whether the client waits for `100 Continue` before sending the body (RFC 9110 §10.1.1).
    var expectsContinue: Bool {
        version == .http11 && headers(named: "Expect").flatMap(Self.tokens).contains("100-continue")
    }

    /// Field names are tokens (RFC 9110 §5.1), ASCII: compared byte by byte with ASCII letters folded,
    /// without building lowercased copies (several lookups per request).
    static func sameName(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        // Over the contiguous bytes: iterating two `UTF8View`s together was a visible cost per request.
        let compared = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in sameName(x, y) }
        }
        if let compared, let result = compared { return result }
        let x = Array(a.utf8), y = Array(b.utf8)
        return x.withUnsafeBufferPointer { x in y.withUnsafeBufferPointer { y in sameName(x, y) } }
    }

    private static func sameName(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in 0..<x.count where x[i] != y[i] {
            let lower = x[i] | 0x20
            guard lower == y[i] | 0x20, lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "z") else { return false }
        }
        return true
    }

    /// The lowercased elements of a comma-separated list field (RFC 9110 §5.6.1), empty ones dropped.
    static func tokens(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmingSpacesAndTabs().lowercased() }.filter { !$0.isEmpty }
    }
}

/// The two versions served: a well-formed other version is answered 505.
public enum HTTPVersion: String, Sendable, Equatable {
    case http10 = "HTTP/1.0"
    case http11 = "HTTP/1.1"
}

extension Substring {
    func trimmingSpacesAndTabs() -> Substring {
        var slice = self
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return slice
    }
}
