/// Raw 8-bit header values that are not UTF-8 (RFC 6532) are in the sender's legacy charset: Chinese,
/// Japanese and Russian mailers write the Subject and the From name in GBK, Shift_JIS or KOI8-R without
/// encoded words. Read as Windows-1252 they were mojibake (`²âÊÔÓÊ¼þ`). The charset the message declares
/// for its text is the best witness of the sender's, so the message's own header values are read in it,
/// as Thunderbird does; Windows-1252 stays when the text declares none, UTF-8 or a Latin-1 family
/// charset, or when the value is not valid in the declared one.
extension MIMEMessage {
    func readingRawHeaders() -> MIMEMessage {
        guard !root.headers.rawValues.isEmpty,
              let label = root.ownParts.lazy.filter(\.isBodyText).compactMap(\.contentType.charset).first,
              let decoder = Charset.decoder(for: label), decoder != .utf8, decoder != .table(Charset.windows1252)
        else { return self }
        var message = self
        var readAll = true
        for (index, raw) in root.headers.rawValues {
            var invalid: [String] = []
            let text = Charset.decode(raw, label: label, warnings: &invalid)
            if invalid.isEmpty { message.root.headers.fields[index].value = text } else { readAll = false }
        }
        if readAll, let warning = message.warnings.firstIndex(of: MIMEHeaders.rawHeaderWarning) {
            message.warnings[warning] = "header with invalid UTF-8 read as \(label), the charset of the text"
        }
        return message
    }
}
