import IntakeCore

/// A message attached inside a winmail.dat (Outlook's "forward as attachment" from a rich-text mail): its
/// headers read from its own TNEF stream, and the message written out as RFC 822, as a forwarded mail's
/// `message/rfc822` part would carry it, so the desk gets one file it can open and the text it holds.
extension TNEFReader {
    /// The headers of a TNEF stream's message: from its MAPI properties (`attMsgProps`), else from the
    /// legacy attributes `attSubject`, `attFrom` (a triple) and `attDateSent`.
    struct MessageHeaders: Equatable {
        var subject: String?
        var senderName: String?
        var senderAddress: String?
        var sentAt: Timestamp?
        var messageID: String?

        static let prSubject: UInt16 = 0x0037
        static let prClientSubmitTime: UInt16 = 0x0039
        static let prInternetMessageID: UInt16 = 0x1035
        /// `PR_SENT_REPRESENTING_NAME` (the From a delegate sent for), then `PR_SENDER_NAME`.
        static let nameProperties: [UInt16] = [0x0042, 0x0C1A]
        /// The SMTP addresses first: an Exchange sender's `PR_SENDER_EMAIL_ADDRESS` is an X.500 name.
        static let addressProperties: [UInt16] = [0x5D02, 0x5D01, 0x0065, 0x0C1F]
        static let systemTime: UInt16 = 0x0040

        mutating func read(_ properties: [MAPIPropertyList.Property], codePage: String) {
            func text(_ id: UInt16) -> String? {
                properties.lazy.filter { $0.id == id }
                    .compactMap { MAPIPropertyList.string($0, codePage: codePage) }.first
            }
            subject = text(Self.prSubject) ?? subject
            senderName = Self.nameProperties.lazy.compactMap(text).first ?? senderName
            senderAddress = Self.addressProperties.lazy.compactMap(text).first(where: Self.isMailAddress)
                ?? senderAddress
            messageID = text(Self.prInternetMessageID).flatMap { MessageIDList.parse($0).first } ?? messageID
            if let time = properties.first(where: { $0.id == Self.prClientSubmitTime && $0.type == Self.systemTime }) {
                sentAt = Self.fileTime(Array(time.value)) ?? sentAt
            }
        }

        /// `attFrom`: a triple (MS-OXTNEF §2.1.3.3.3) of four 16-bit fields, the display name (`cch` bytes)
        /// and the address (`cb` bytes, `SMTP:user@example.com`). Properties read before it win.
        mutating func readTriple(_ data: ArraySlice<UInt8>, codePage: String) {
            let bytes = Array(data)
            guard bytes.count >= 8 else { return }
            let nameLength = Int(bytes[4]) | Int(bytes[5]) << 8
            let addressLength = Int(bytes[6]) | Int(bytes[7]) << 8
            guard nameLength <= bytes.count - 8, addressLength <= bytes.count - 8 - nameLength else { return }
            senderName = senderName ?? TNEFReader.string(bytes[8..<(8 + nameLength)], codePage: codePage)
            let addressStart = 8 + nameLength
            let address = TNEFReader.string(bytes[addressStart..<(addressStart + addressLength)], codePage: codePage)
            let bare = address.map { String($0.split(separator: ":").last ?? "") }
            senderAddress = senderAddress ?? bare.flatMap { Self.isMailAddress($0) ? $0 : nil }
        }

        static func isMailAddress(_ text: String) -> Bool { text.contains("@") && !text.contains("/") }

        /// A `PtypTime` (FILETIME): 100-nanosecond intervals since 1601-01-01 UTC.
        static func fileTime(_ bytes: [UInt8]) -> Timestamp? {
            guard bytes.count >= 8 else { return nil }
            let ticks = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[$1]) << (8 * UInt64($1)) }
            return Timestamp(seconds: Int64(ticks / 10_000_000) - 11_644_473_600)
        }

        /// `attDateSent`: year, month, day, hour, minute, second and weekday as 16-bit fields (§2.1.3.3.2).
        static func date(_ data: ArraySlice<UInt8>) -> Timestamp? {
            let bytes = Array(data)
            guard bytes.count >= 12 else { return nil }
            let field = { (index: Int) in Int(bytes[2 * index]) | Int(bytes[2 * index + 1]) << 8 }
            return Timestamp(
                year: field(0), month: field(1), day: field(2), hour: field(3), minute: field(4), second: field(5))
        }
    }

    /// Every file of a stream in order, each attached message as a `message/rfc822` file followed by the
    /// files it carries.
    static func attachedFiles(_ files: [File]) -> [File] {
        files.flatMap { file -> [File] in
            guard let message = file.message else { return [file] }
            let name = file.filename ?? (file.displayName ?? message.headers.subject).map { $0 + ".eml" }
            let file = File(filename: name, contentType: "message/rfc822", content: rfc822(message))
            return [file] + attachedFiles(message.files)
        }
    }

    /// The message as RFC 822 text: its headers and its body as UTF-8 plain text (its files are listed
    /// apart, `attachedFiles`).
    static func rfc822(_ message: Contents) -> [UInt8] {
        let headers = message.headers
        var lines: [String] = []
        let address = headers.senderAddress.map { "<\($0)>" }
        let name = headers.senderName.map { name in
            name.utf8.allSatisfy({ $0 < 0x80 }) ? "\"" + name.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"") + "\"" : EncodedWord.encode(name)
        }
        let from = [name, address].compactMap { $0 }.joined(separator: " ")
        if !from.isEmpty { lines.append("From: " + from) }
        if let subject = headers.subject { lines.append("Subject: " + EncodedWord.encode(subject)) }
        if let sentAt = headers.sentAt { lines.append("Date: " + MailDate.format(sentAt)) }
        if let id = headers.messageID { lines.append("Message-ID: <\(id)>") }
        lines += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", ""]
        let body = MIMEMessage.normalizeLines(message.body.text?.text ?? "")
        lines.append(body.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n"))
        return Array(lines.joined(separator: "\r\n").utf8)
    }
}
