extension MIMEMessage.Parser {
    /// The boundary a multipart body uses when its header names none or another: gateways and scripts
    /// that rewrite a `Content-Type` drop its boundary, fold it away or repeat the parameter with another
    /// value (`boundary="x"; boundary="----=_NextPart_..."`). It is taken from the first line `--X` (X at
    /// most 70 characters without spaces, RFC 2046 §5.1.1) that a `Content-` field line follows, as a body
    /// part's headers do; a line of dashes in a text is followed by no such field. Nil when there is none.
    static func usedBoundary(in body: ArraySlice<UInt8>) -> [UInt8]? {
        var start = body.startIndex
        var candidate: ArraySlice<UInt8>?
        while start < body.endIndex {
            var end = start
            while end < body.endIndex, body[end] != 0x0A { end += 1 }
            var line = body[start..<end]
            while let last = line.last, last == 0x0D || last == 0x20 || last == 0x09 { line = line.dropLast() }
            if let boundary = candidate {
                if isContentField(line) { return Array(boundary) }
                candidate = nil
            }
            if line.count > 2, line.count <= 72, line.starts(with: [0x2D, 0x2D]),
               !line.dropFirst(2).contains(where: { $0 <= 0x20 || $0 >= 0x7F })
            {
                candidate = line.dropFirst(2)
            }
            start = end + 1
        }
        return nil
    }

    /// Whether a line is a `Content-...:` field (any case).
    private static func isContentField(_ line: ArraySlice<UInt8>) -> Bool {
        let prefix = Array("content-".utf8)
        guard line.count > prefix.count, line.contains(UInt8(ascii: ":")) else { return false }
        return zip(line.prefix(prefix.count), prefix).allSatisfy { ($0 | 0x20) == $1 }
    }
}
