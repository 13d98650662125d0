/// Raw 8-bit header values that are not UTF-8 (RFC 6532) are in the sender's legacy charset: Chinese,
/// Japanese and Russian mailers write the Subject and the From name in GBK, Shift_JIS or KOI8-R without
/// encoded words, and so do they an attachment's `filename=` and `name=` (Outlook Express, Foxmail, The
/// Bat!, 1C and PHP scripts). Read as Windows-1252 they were mojibake (`²âÊÔÓÊ¼þ`, `Ñ÷åò.doc`). The
/// charset the message declares for its text is the best witness of the sender's, so the message's own
/// header values are read in it, as Thunderbird does; a body part's values are read first in the charset
/// it declares itself (a text attachment), then in the message's; a forwarded message's in its own text's.
/// Windows-1252 stays when none of them is declared, UTF-8 or a Latin-1 family charset, or when the value
/// is not valid in any of them. A `Content-Type` or `Content-Disposition` read again is parsed again, so
/// the filename comes from the value as read; so is one with an RFC 2231 extended value that names no
/// charset (`filename*=''%D1%F7%E5%F2.doc`), whose bytes, when not UTF-8, are in the same charset.
extension MIMEMessage {
    func readingRawHeaders() -> MIMEMessage {
        let hasWork = root.allParts.contains { !$0.headers.rawValues.isEmpty || $0.hasExtendedValueWithoutCharset }
        guard hasWork else { return self }
        var message = self
        var labels: [String?] = []
        message.root.readRawHeaders(messageCharset: root.textCharset, labels: &labels)
        var next = labels.makeIterator()
        for index in message.warnings.indices where message.warnings[index] == MIMEHeaders.rawHeaderWarning {
            guard let read = next.next() else { break }
            guard let label = read else { continue }
            message.warnings[index] = "header with invalid UTF-8 read as \(label), the charset of the text"
        }
        return message
    }
}

extension MIMEPart {
    /// The charset the first body text among this message's own parts declares.
    var textCharset: String? { ownParts.lazy.filter(\.isBodyText).compactMap(\.contentType.charset).first }

    /// Whether its `Content-Type` or `Content-Disposition` holds an RFC 2231 extended value without a charset.
    var hasExtendedValueWithoutCharset: Bool {
        ["Content-Type", "Content-Disposition"].contains { headers[$0]?.contains("*=''") == true }
    }

    /// Reads this part's raw values, then its children's, in parse order; `labels` gets, for each part
    /// with raw values (each gave one warning), the charset all of them were read in, or nil.
    mutating func readRawHeaders(messageCharset: String?, labels: inout [String?]) {
        let candidates = [contentType.charset, messageCharset].compactMap { $0 }.filter { label in
            guard let decoder = Charset.decoder(for: label) else { return false }
            return decoder != .utf8 && decoder != .table(Charset.windows1252)
        }
        if let charset = candidates.first, hasExtendedValueWithoutCharset {
            for field in ["content-type", "content-disposition"] where headers[field]?.contains("*=''") == true {
                reparse(field, defaultCharset: charset)
            }
        }
        if !headers.rawValues.isEmpty {
            var readIn: String?
            var readAll = !candidates.isEmpty
            for (index, raw) in headers.rawValues.sorted(by: { $0.key < $1.key }) {
                guard let (label, text) = Self.read(raw, in: candidates) else {
                    readAll = false
                    continue
                }
                headers.fields[index].value = text
                readIn = readIn ?? label
                reparse(headers.fields[index].name.lowercased(), defaultCharset: label)
            }
            labels.append(readAll ? readIn : nil)
        }
        for index in children.indices {
            let charset = contentType.isMessage ? children[index].textCharset : messageCharset
            children[index].readRawHeaders(messageCharset: charset, labels: &labels)
        }
    }

    /// The first charset `raw` is valid in, and the text it reads as there.
    static func read(_ raw: [UInt8], in labels: [String]) -> (label: String, text: String)? {
        for label in labels {
            var invalid: [String] = []
            let text = Charset.decode(raw, label: label, warnings: &invalid)
            if invalid.isEmpty { return (label, text) }
        }
        return nil
    }

    /// Parses a `Content-Type` or `Content-Disposition` read again. The type the parser settled on stays
    /// (a multipart's structure was split by it): only its parameters are taken.
    private mutating func reparse(_ field: String, defaultCharset: String) {
        var ignored: [String] = []
        if field == "content-type", let value = headers["Content-Type"],
           let parsed = ContentType(header: value, defaultCharset: defaultCharset, warnings: &ignored),
           parsed.mimeType == contentType.mimeType
        {
            contentType.parameters = parsed.parameters
        } else if field == "content-disposition", let value = headers["Content-Disposition"] {
            disposition = ContentDisposition(header: value, defaultCharset: defaultCharset, warnings: &ignored)
        }
    }
}
