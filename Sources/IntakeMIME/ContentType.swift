/// A `Content-Type` (RFC 2045 §5): type and subtype lowercased, parameters decoded (RFC 2231). A missing
/// or unreadable header means `text/plain; charset=us-ascii` (§5.2), or `message/rfc822` inside a
/// multipart/digest (RFC 2046 §5.1.5).
public struct ContentType: Sendable, Equatable {
    public var type: String
    public var subtype: String
    public var parameters: [String: String]

    public init(type: String, subtype: String, parameters: [String: String] = [:]) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
    }

    public static let textPlain = ContentType(type: "text", subtype: "plain")
    public static let messageRFC822 = ContentType(type: "message", subtype: "rfc822")

    /// Parses a header value; nil when it has no `type/subtype`. `defaultCharset`: see `RFC2231`.
    public init?(header: String, defaultCharset: String? = nil, warnings: inout [String]) {
        let (value, params) = RFC2231.split(header, defaultCharset: defaultCharset, warnings: &warnings)
        let pieces = value.lowercased().split(separator: "/", maxSplits: 1)
        guard pieces.count == 2 else { return nil }
        let type = String(pieces[0]).trimmingSpaces()
        let subtype = String(pieces[1]).trimmingSpaces()
        guard !type.isEmpty, !subtype.isEmpty else { return nil }
        self.type = type
        self.subtype = subtype
        var dictionary: [String: String] = [:]
        for p in params where dictionary[p.name] == nil { dictionary[p.name] = p.value }
        parameters = dictionary
    }

    /// `type/subtype`.
    public var mimeType: String { type + "/" + subtype }
    public var isMultipart: Bool { type == "multipart" }
    public var isText: Bool { type == "text" }
    /// An encapsulated message (`message/rfc822`, `message/global` of RFC 6532).
    public var isMessage: Bool { type == "message" && (subtype == "rfc822" || subtype == "global") }
    /// An S/MIME body (RFC 8551 §3.2), with the `x-` type older clients write.
    public var isPKCS7MIME: Bool { type == "application" && (subtype == "pkcs7-mime" || subtype == "x-pkcs7-mime") }
    public var charset: String? { parameters["charset"] }
    public var boundary: String? { parameters["boundary"] }
    public var name: String? { parameters["name"] }
}

/// A `Content-Disposition` (RFC 2183): `inline` or `attachment` and its decoded filename.
public struct ContentDisposition: Sendable, Equatable {
    public var value: String
    public var parameters: [String: String]

    public init(header: String, defaultCharset: String? = nil, warnings: inout [String]) {
        let (value, params) = RFC2231.split(header, defaultCharset: defaultCharset, warnings: &warnings)
        self.value = value.lowercased()
        var dictionary: [String: String] = [:]
        for p in params where dictionary[p.name] == nil { dictionary[p.name] = p.value }
        parameters = dictionary
    }

    public var isAttachment: Bool { value == "attachment" }
    public var isInline: Bool { value == "inline" }
    public var filename: String? { parameters["filename"] }
}

extension String {
    /// Trims spaces and tabs (header-value whitespace) from both ends.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" || f == "\n" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" || l == "\n" { s.removeLast() }
        return String(s)
    }
}
