/// One header field as it arrived: the name as written and the value unfolded (RFC 5322 §2.2.3: the line
/// breaks removed, the whitespace kept) and trimmed. Encoded words are not decoded here (structured
/// fields must be parsed first); raw 8-bit values are read as UTF-8 (RFC 6532), else Windows-1252.
public struct HeaderField: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A header block: every field in order, repeated fields kept, looked up without regard to case.
public struct MIMEHeaders: Sendable, Equatable {
    public var fields: [HeaderField]
    /// The values that were not UTF-8, as they arrived, by field index: read as Windows-1252 until the
    /// message says what charset its sender writes (`MIMEMessage.readingRawHeaders`).
    var rawValues: [Int: [UInt8]] = [:]

    public init(_ fields: [HeaderField] = []) {
        self.fields = fields
    }

    /// The first value of `name`.
    public subscript(name: String) -> String? {
        let key = name.lowercased()
        return fields.first { $0.name.lowercased() == key }?.value
    }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] {
        let key = name.lowercased()
        return fields.filter { $0.name.lowercased() == key }.map(\.value)
    }

    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// The first value of an unstructured field (Subject, Comments) with encoded words decoded.
    public func decoded(_ name: String, warnings: inout [String]) -> String? {
        self[name].map { EncodedWord.decode($0, warnings: &warnings) }
    }

    /// Parses the header block at the start of `bytes`; returns it and the index where the body starts
    /// (after the empty line; the end when there is none; the start when the first line is no field, as in a
    /// body part without headers). Lines may end in CRLF or LF. A line that is neither a field nor a
    /// continuation is skipped with a warning when a field follows it, else it starts the body (`hasField`);
    /// an unindented parameter line continues a Content-Type or Content-Disposition (`isParameterLine`); an
    /// mbox `From ` line is skipped quietly.
    public static func parse(_ bytes: ArraySlice<UInt8>, warnings: inout [String]) -> (headers: MIMEHeaders, bodyStart: Int) {
        var fields: [HeaderField] = []
        var name: ArraySlice<UInt8>?
        var value: [UInt8] = []
        var rawValues: [Int: [UInt8]] = [:]
        var i = bytes.startIndex
        let end = bytes.endIndex

        func flush() {
            guard let current = name else { return }
            var s = value.startIndex
            var e = value.endIndex
            while s < e, value[s] == 0x20 || value[s] == 0x09 { s += 1 }
            while e > s, value[e - 1] == 0x20 || value[e - 1] == 0x09 { e -= 1 }
            let raw = value[s..<e]
            let text: String
            if let valid = String(validating: raw, as: UTF8.self) {
                text = valid
            } else {
                rawValues[fields.count] = Array(raw)
                var ignored: [String] = []
                text = Charset.decode(raw, label: "windows-1252", warnings: &ignored)
            }
            fields.append(HeaderField(name: String(decoding: current, as: UTF8.self), value: text))
            name = nil
            value.removeAll(keepingCapacity: true)
        }

        func finish(_ bodyStart: Int) -> (headers: MIMEHeaders, bodyStart: Int) {
            flush()
            if !rawValues.isEmpty { warnings.append(rawHeaderWarning) }
            var headers = MIMEHeaders(fields)
            headers.rawValues = rawValues
            return (headers, bodyStart)
        }

        var isFirstLine = true
        /// Where the last look-ahead found a field, so lines before it are not searched again.
        var fieldAhead = bytes.startIndex
        while i < end {
            let (line, next) = Self.line(in: bytes, at: i)
            defer { isFirstLine = false }
            if line.isEmpty { return finish(next) }
            if line.first == 0x20 || line.first == 0x09 {
                if name != nil {
                    value.append(contentsOf: line)
                } else if !isFirstLine {
                    warnings.append("header continuation line without a field skipped")
                } else {
                    return finish(i)
                }
                i = next
                continue
            }
            if let current = name, isParameterLine(line), fieldColon(line) == nil,
               ["content-type", "content-disposition"].contains(String(decoding: current, as: UTF8.self).lowercased())
            {
                value.append(0x20)
                value.append(contentsOf: line)
                i = next
                continue
            }
            flush()
            if isFirstLine, line.starts(with: Array("From ".utf8)) {
                i = next
                continue
            }
            if let colon = fieldColon(line) {
                name = bytes[line.startIndex..<colon.nameEnd]
                value.append(contentsOf: bytes[(colon.index + 1)..<line.endIndex])
            } else if isFirstLine {
                return finish(i)
            } else if fieldAhead > i || hasField(bytes, from: next, found: &fieldAhead) {
                let hasColon = line.contains(UInt8(ascii: ":"))
                warnings.append(hasColon ? "malformed header line skipped" : "header line without a colon skipped")
            } else {
                warnings.append("no empty line after the headers: the body starts at the first line that is no field")
                return finish(i)
            }
            i = next
        }
        return finish(end)
    }

    static let rawHeaderWarning = "header with invalid UTF-8 read as Windows-1252"

    /// The colon of a field line and where its name ends (before whitespace, RFC 5322 §4.5.1 allows it);
    /// nil when the line is no field: no colon, or a name that is empty or holds spaces or controls.
    static func fieldColon(_ line: ArraySlice<UInt8>) -> (index: Int, nameEnd: Int)? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        var nameEnd = colon
        while nameEnd > line.startIndex, line[nameEnd - 1] == 0x20 || line[nameEnd - 1] == 0x09 { nameEnd -= 1 }
        let name = line[line.startIndex..<nameEnd]
        guard !name.isEmpty, name.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        return (colon, nameEnd)
    }

    /// Whether a line is a MIME parameter (`boundary="..."`, `filename=...`): PHP scripts write one on a line
    /// of its own without indenting it, so after a Content-Type or Content-Disposition it continues that field.
    static func isParameterLine(_ line: ArraySlice<UInt8>) -> Bool {
        guard let equals = line.firstIndex(of: UInt8(ascii: "=")), equals > line.startIndex else { return false }
        return line[line.startIndex..<equals].allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }
    }

    /// Whether a field line comes at `from` or after it before the next empty line; `found` is set to the
    /// start of that line. A line that is no field among fields is a stray line; with none after it, the
    /// sender left out the empty line and the body starts there (Python's MissingHeaderBodySeparatorDefect).
    static func hasField(_ bytes: ArraySlice<UInt8>, from start: Int, found: inout Int) -> Bool {
        var i = start
        while i < bytes.endIndex {
            let (line, next) = self.line(in: bytes, at: i)
            if line.isEmpty { return false }
            if line.first != 0x20, line.first != 0x09, fieldColon(line) != nil {
                found = i
                return true
            }
            i = next
        }
        return false
    }

    /// The line starting at `start` without its CRLF or LF, and where the next one starts.
    static func line(in bytes: ArraySlice<UInt8>, at start: Int) -> (content: ArraySlice<UInt8>, next: Int) {
        var lineEnd = start
        while lineEnd < bytes.endIndex, bytes[lineEnd] != 0x0A { lineEnd += 1 }
        let next = lineEnd < bytes.endIndex ? lineEnd + 1 : bytes.endIndex
        if lineEnd > start, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        return (bytes[start..<lineEnd], next)
    }
}
