/// An RFC 5322 message with its MIME structure (RFC 2045–2049), parsed from bytes.
///
/// The parser never fails and never looks at a byte more than a few times: what it had to guess or skip is
/// in `warnings`. Multiparts nest at most `maximumDepth` levels (deeper ones are kept as opaque leaves);
/// a multipart without its closing delimiter keeps the parts found (RFC 2046 §5.1.1 says the close
/// delimiter ends the body, but truncated mail is common). A multipart body in base64 or quoted-printable,
/// which RFC 2045 §6.4 forbids and SAP's mailer writes, is split once decoded when its delimiters are not
/// in it as it is; one whose header names no boundary, or another than its body uses, is split at the
/// delimiter its body uses (`usedBoundary`). An opaque S/MIME signed body has the signed entity as its
/// one child, parsed like an encapsulated message (`CMSContentInfo`).
public struct MIMEMessage: Sendable {
    public static let maximumDepth = 24

    public var root: MIMEPart
    public var warnings: [String]

    public var headers: MIMEHeaders { root.headers }

    public init(root: MIMEPart, warnings: [String] = []) {
        self.root = root
        self.warnings = warnings
    }

    public static func parse(_ bytes: [UInt8]) -> MIMEMessage {
        parse(bytes[...])
    }

    public static func parse(_ bytes: ArraySlice<UInt8>) -> MIMEMessage {
        var parser = Parser()
        let root = parser.part(bytes, defaultType: .textPlain, depth: 0)
        return MIMEMessage(root: root, warnings: parser.warnings).readingRawHeaders()
    }

    struct Parser {
        var warnings: [String] = []

        mutating func part(_ bytes: ArraySlice<UInt8>, defaultType: ContentType, depth: Int) -> MIMEPart {
            let (headers, bodyStart) = MIMEHeaders.parse(bytes, warnings: &warnings)
            let body = bytes[bodyStart...]
            var contentType = defaultType
            if let header = headers["Content-Type"] {
                if let parsed = ContentType(header: header, warnings: &warnings) {
                    contentType = parsed
                } else {
                    warnings.append("unreadable Content-Type \"\(header.prefix(60))\", read as \(defaultType.mimeType)")
                }
            }
            let disposition = headers["Content-Disposition"].map { ContentDisposition(header: $0, warnings: &warnings) }
            let encoding = TransferEncoding(header: headers["Content-Transfer-Encoding"])
            var result = MIMEPart(headers: headers, contentType: contentType, disposition: disposition, transferEncoding: encoding)

            if contentType.isMultipart {
                guard depth < MIMEMessage.maximumDepth else {
                    warnings.append("multipart nested deeper than \(MIMEMessage.maximumDepth) levels kept as one part")
                    result.content = Array(body)
                    return result
                }
                let declared = contentType.boundary.flatMap { $0.isEmpty ? nil : Array($0.utf8) }
                var found = declared.flatMap { split(body, boundary: $0) }
                if found == nil, let delimiter = declared, encoding == .base64 || encoding == .quotedPrintable,
                   let decoded = split(encoding.decode(body, warnings: &warnings)[...], boundary: delimiter)
                {
                    warnings.append("multipart body in \(encoding.rawValue), which RFC 2045 §6.4 forbids: decoded, then split")
                    found = decoded
                }
                if found == nil, let used = Self.usedBoundary(in: body), used != declared {
                    let problem = declared == nil ? "multipart without a boundary" : "multipart boundary never found"
                    warnings.append("\(problem): split at the delimiter its body uses")
                    found = split(body, boundary: used)
                }
                if found == nil, declared == nil {
                    warnings.append("multipart without a boundary read as text")
                    result.contentType = .textPlain
                    result.content = encoding.decode(body, warnings: &warnings)
                    return result
                }
                if found == nil { warnings.append("multipart boundary never found") }
                guard let bodies = found, !bodies.isEmpty else {
                    warnings.append("multipart with no body parts read as text")
                    result.contentType = .textPlain
                    let text = declared.map { beforeClosingDelimiter(body, boundary: $0) } ?? body
                    result.content = encoding.decode(text, warnings: &warnings)
                    return result
                }
                let childDefault: ContentType = contentType.subtype == "digest" ? .messageRFC822 : .textPlain
                result.children = bodies.map { part($0, defaultType: childDefault, depth: depth + 1) }
                return result
            }
            result.content = encoding.decode(body, warnings: &warnings)
            guard depth < MIMEMessage.maximumDepth, !result.content.isEmpty else { return result }
            if contentType.isMessage {
                result.children = [part(result.content[...], defaultType: .textPlain, depth: depth + 1)]
            } else if contentType.isPKCS7MIME, case .signed(let entity) = CMSContentInfo(ber: result.content) {
                result.children = [part(entity[...], defaultType: .textPlain, depth: depth + 1)]
            }
            return result
        }

        /// The body parts between `--boundary` delimiter lines (RFC 2046 §5.1.1): the line break before a
        /// delimiter belongs to it; transport padding after it is allowed; `--boundary--` closes. Nil when
        /// no delimiter line is there at all.
        mutating func split(_ body: ArraySlice<UInt8>, boundary: [UInt8]) -> [ArraySlice<UInt8>]? {
            var parts: [ArraySlice<UInt8>] = []
            var current: Int?
            var lineStart = body.startIndex
            let end = body.endIndex
            var closed = false
            while lineStart < end {
                var lineEnd = lineStart
                while lineEnd < end, body[lineEnd] != 0x0A { lineEnd += 1 }
                let next = lineEnd < end ? lineEnd + 1 : end
                if lineEnd - lineStart >= boundary.count + 2, body[lineStart] == UInt8(ascii: "-"), body[lineStart + 1] == UInt8(ascii: "-"),
                   let isClose = delimiter(body, from: lineStart + 2, to: lineEnd, boundary: boundary)
                {
                    if let start = current {
                        var partEnd = lineStart
                        if partEnd > start, body[partEnd - 1] == 0x0A { partEnd -= 1 }
                        if partEnd > start, body[partEnd - 1] == 0x0D { partEnd -= 1 }
                        parts.append(body[start..<max(start, partEnd)])
                    }
                    if isClose {
                        closed = true
                        break
                    }
                    current = next
                }
                lineStart = next
            }
            if !closed {
                guard let start = current else { return nil }
                parts.append(body[start..<end])
                warnings.append("multipart without its closing boundary: kept the parts found")
            }
            return parts
        }

        /// The body up to its closing delimiter line, if it has one and no delimiter opened a part: a script
        /// that forgot the opening `--boundary` wrote its text and then the close, which is no text.
        func beforeClosingDelimiter(_ body: ArraySlice<UInt8>, boundary: [UInt8]) -> ArraySlice<UInt8> {
            var lineStart = body.startIndex
            while lineStart < body.endIndex {
                let lineEnd = body[lineStart...].firstIndex(of: 0x0A) ?? body.endIndex
                if lineEnd - lineStart >= boundary.count + 4, body[lineStart] == UInt8(ascii: "-"),
                   body[lineStart + 1] == UInt8(ascii: "-"),
                   delimiter(body, from: lineStart + 2, to: lineEnd, boundary: boundary) == true
                {
                    return body[body.startIndex..<lineStart]
                }
                lineStart = min(lineEnd + 1, body.endIndex)
            }
            return body
        }

        /// Whether the line from `from` (after `--`) is this boundary: nil if not, true if it closes.
        private func delimiter(_ body: ArraySlice<UInt8>, from: Int, to lineEnd: Int, boundary: [UInt8]) -> Bool? {
            var i = from
            for b in boundary {
                guard body[i] == b else { return nil }
                i += 1
            }
            var isClose = false
            if i + 1 < lineEnd, body[i] == UInt8(ascii: "-"), body[i + 1] == UInt8(ascii: "-") {
                isClose = true
                i += 2
            }
            while i < lineEnd {
                let c = body[i]
                guard c == 0x20 || c == 0x09 || c == 0x0D else { return nil }
                i += 1
            }
            return isClose
        }
    }
}
