import Curl

/// An IMAP session over libcurl (RFC 9051 commands as curl custom requests).
///
/// The client keeps one easy handle for its lifetime, so curl keeps the connection open, logged in and
/// with its mailbox selected between commands: a poll that finds nothing new costs one `STATUS` round trip.
/// Commands that act on UIDs put the expected UIDVALIDITY in the URL (`INBOX;UIDVALIDITY=n`, RFC 5092);
/// curl then refuses to act when the mailbox was recreated, instead of touching the wrong messages.
///
/// Not thread-safe (one easy handle): the poller owns one on its thread.
public final class IMAPClient {
    public let server: MailServer
    private var easy: CurlEasy
    /// The folder this session has selected (curl keeps it selected between transfers), if any.
    private var selectedFolder: String?
    /// Transfers performed, each one IMAP command on the wire once a connection is up.
    public private(set) var requestCount = 0
    /// Connections opened; stays flat while curl reuses the session.
    public private(set) var connectionCount = 0
    /// Whether the server took `UID MOVE` (RFC 6851); after a `BAD` the client copies and expunges instead.
    private var supportsMove = true

    public init(server: MailServer) throws(MailError) {
        self.server = server
        do { easy = try CurlEasy() } catch { throw .transport(error) }
    }

    /// `STATUS "folder" (UIDVALIDITY UIDNEXT MESSAGES)`: one command, no SELECT.
    ///
    /// STATUS on the session's selected mailbox "might not be accurate" (RFC 9051 §6.3.11), and Dovecot
    /// answers it from the session's view, which misses mail another session delivered. So when `folder`
    /// is the selected one, the session is closed first (a new handle, a new login); an idle poll, which
    /// selects nothing, keeps its connection.
    public func status(folder: String) throws(MailError) -> MailboxStatus {
        if selectedFolder == folder { try refreshSession() }
        let command = "STATUS \(try Self.quoted(folder)) (UIDVALIDITY UIDNEXT MESSAGES)"
        let lines = try run(command, url: base)
        let items = IMAPResponse.statusItems(lines)
        guard let validity = items["UIDVALIDITY"].flatMap({ UInt32(exactly: $0) }),
              let next = items["UIDNEXT"].flatMap({ UInt32(exactly: $0) })
        else { throw .malformedResponse(command: "STATUS", detail: "no UIDVALIDITY/UIDNEXT") }
        return MailboxStatus(uidValidity: validity, uidNext: next, messages: Int(items["MESSAGES"] ?? 0))
    }

    /// Messages per summary request. libcurl 7.88 (Debian 12, with the CVE-2023-38039 header limit backported)
    /// counts an IMAP response's untagged lines against its 300 KB response-header limit as if each line
    /// were the whole unread buffer, so a long response (a full 16 KB read of summaries fails after about
    /// 20 lines) ends in "Too large response headers". 50 summaries, about 3 KB, stay far below it.
    static let summaryWindow: UInt32 = 50

    /// UIDs greater than `uid`, with their \Seen flag and size, in UID order.
    ///
    /// The highest message first (`UID FETCH *`, which also gives its sequence number), then windows of
    /// `summaryWindow` sequence numbers downwards until one reaches a UID at or below `uid`: sequence
    /// numbers are dense and in UID order, while UIDs of a mailbox whose mail has been moved away for
    /// years leave gaps of hundreds of thousands (windows of UIDs took one command per 50 of them, for
    /// a first sync of such a mailbox thousands of commands that found nothing). A non-UID FETCH gets no
    /// EXPUNGE responses (RFC 9051 §7.5.1), so the numbers hold across the windows; the expunges the
    /// first command brought are counted in (`IMAPResponse.lastMessageNumber`).
    public func messages(folder: String, uidValidity: UInt32, after uid: UInt32) throws(MailError) -> [IMAPMessageSummary] {
        guard uid < UInt32.max else { return [] }
        let url = try mailboxURL(folder, uidValidity)
        let last = try run("UID FETCH * (UID FLAGS RFC822.SIZE)", url: url)
        guard let highest = IMAPResponse.fetchSummaries(last).map(\.uid).max(), highest > uid,
              var high = IMAPResponse.lastMessageNumber(last)
        else { return [] }
        var found: [UInt32: IMAPMessageSummary] = [:]
        while high >= 1 {
            let low = high > Self.summaryWindow ? high - Self.summaryWindow + 1 : 1
            let window = IMAPResponse.fetchSummaries(try run("FETCH \(low):\(high) (UID FLAGS RFC822.SIZE)", url: url))
            for summary in window where summary.uid > uid { found[summary.uid] = summary }
            if low == 1 || window.contains(where: { $0.uid <= uid }) { break }
            high = low - 1
        }
        return found.values.sorted { $0.uid < $1.uid }
    }

    /// The raw message exactly as stored (`UID FETCH uid BODY[]`). curl reads the literal by its length,
    /// so the bytes are exact. The server sets \Seen as a side effect (RFC 9051 §6.4.5).
    public func fetch(folder: String, uidValidity: UInt32, uid: UInt32, maxBytes: Int = 64 << 20) throws(MailError) -> [UInt8] {
        let url = try mailboxURL(folder, uidValidity) + "/;UID=\(uid)"
        return try perform(command: nil, url: url, upload: [], maxBytes: maxBytes, name: "FETCH").body
    }

    /// Closes the session (a new handle, a new login on the next command), so the next SELECT sees the
    /// mailbox as it is now, including what other sessions expunged meanwhile.
    public func refreshSession() throws(MailError) {
        do { easy = try CurlEasy() } catch { throw .transport(error) }
        selectedFolder = nil
    }

    /// `UID STORE set +FLAGS.SILENT (flags)`.
    public func addFlags(_ flags: [String], folder: String, uidValidity: UInt32, uids: UIDSet) throws(MailError) {
        try store("+FLAGS.SILENT", flags, folder: folder, uidValidity: uidValidity, uids: uids)
    }

    /// `UID STORE set -FLAGS.SILENT (flags)`.
    public func removeFlags(_ flags: [String], folder: String, uidValidity: UInt32, uids: UIDSet) throws(MailError) {
        try store("-FLAGS.SILENT", flags, folder: folder, uidValidity: uidValidity, uids: uids)
    }

    /// Messages per `UID MOVE` (or `UID EXPUNGE`): the server answers with one `* n EXPUNGE` line per
    /// message, and libcurl 7.88 gives up on a response of a few hundred lines (see `summaryWindow`), so a
    /// move of a big batch failed every time.
    static let moveWindow = 50

    /// Moves messages with `UID MOVE` (RFC 6851), `moveWindow` messages a command; on servers without
    /// it, `UID COPY`, `\Deleted`, and `UID EXPUNGE` (RFC 4315), so only these messages are expunged.
    public func move(folder: String, uidValidity: UInt32, uids: UIDSet, to target: String) throws(MailError) {
        for chunk in uids.chunks(ofAtMost: Self.moveWindow) {
            try moveChunk(folder: folder, uidValidity: uidValidity, uids: chunk, to: target)
        }
    }

    private func moveChunk(folder: String, uidValidity: UInt32, uids: UIDSet, to target: String) throws(MailError) {
        if supportsMove {
            do {
                let url = try mailboxURL(folder, uidValidity)
                _ = try run("UID MOVE \(uids.description) \(try Self.quoted(target))", url: url)
                return
            } catch .commandRejected(_, let response) where response.uppercased().hasPrefix("BAD") {
                supportsMove = false
            }
        }
        try copyAndExpunge(folder: folder, uidValidity: uidValidity, uids: uids, to: target)
    }

    func copyAndExpunge(folder: String, uidValidity: UInt32, uids: UIDSet, to target: String) throws(MailError) {
        let url = try mailboxURL(folder, uidValidity)
        let set = uids.description
        _ = try run("UID COPY \(set) \(try Self.quoted(target))", url: url)
        try addFlags(["\\Deleted"], folder: folder, uidValidity: uidValidity, uids: uids)
        _ = try run("UID EXPUNGE \(set)", url: url)
    }

    /// `CREATE`; a folder that exists already (`[ALREADYEXISTS]`, RFC 5530) is fine.
    public func create(folder: String) throws(MailError) {
        do {
            _ = try run("CREATE \(try Self.quoted(folder))", url: base)
        } catch .commandRejected(_, let response) where response.uppercased().contains("[ALREADYEXISTS]") {
            return
        }
    }

    /// `DELETE` a folder (tests use it to force a new UIDVALIDITY).
    public func delete(folder: String) throws(MailError) {
        _ = try run("DELETE \(try Self.quoted(folder))", url: base)
    }

    /// `APPEND` a raw message; returns its UID when the server reports `APPENDUID` (RFC 4315). libcurl
    /// appends with the \Seen flag, so unless `seen` is true the flag is cleared again (needs APPENDUID).
    @discardableResult
    public func append(folder: String, message: [UInt8], seen: Bool = false) throws(MailError) -> UInt32? {
        let transfer = try perform(command: nil, url: base + Self.pathSegment(folder), upload: message, maxBytes: 1 << 20, name: "APPEND")
        guard let text = IMAPResponse.completion(transfer.headerLines)?.text,
              let appended = IMAPResponse.appendedUID(text)
        else { return nil }
        if !seen {
            try removeFlags(["\\Seen"], folder: folder, uidValidity: appended.uidValidity, uids: UIDSet([appended.uid]))
        }
        return appended.uid
    }

    // MARK: - Transfers

    private var base: String { server.baseURL(plainScheme: "imap") }

    /// The URL of a command inside `folder`: curl selects it and it stays selected.
    private func mailboxURL(_ folder: String, _ uidValidity: UInt32) throws(MailError) -> String {
        _ = try Self.quoted(folder)
        selectedFolder = folder
        return base + Self.pathSegment(folder) + ";UIDVALIDITY=\(uidValidity)"
    }

    private func store(_ action: String, _ flags: [String], folder: String, uidValidity: UInt32, uids: UIDSet) throws(MailError) {
        guard !uids.isEmpty else { return }
        let command = "UID STORE \(uids.description) \(action) (\(flags.joined(separator: " ")))"
        _ = try run(command, url: try mailboxURL(folder, uidValidity))
    }

    /// Runs a custom command and checks its tagged completion: curl reports success for a `NO`/`BAD`
    /// answer to a custom request, so the status is read from the last response line.
    private func run(_ command: String, url: String) throws(MailError) -> [String] {
        let name = command.split(separator: " ").prefix(command.hasPrefix("UID ") ? 2 : 1).joined(separator: " ")
        let lines: [String]
        do {
            lines = try perform(command: command, url: url, upload: [], maxBytes: 16 << 20, name: name).headerLines
        } catch .transport(let error) where error.code == Self.quoteError {
            throw .commandRejected(command: name, response: IMAPResponse.rejection(error.serverLines) ?? error.message)
        }
        guard let completion = IMAPResponse.completion(lines) else {
            throw .malformedResponse(command: name, detail: "no tagged completion")
        }
        guard completion.status == "OK" else {
            throw .commandRejected(command: name, response: "\(completion.status) \(completion.text)")
        }
        return lines
    }

    /// `CURLE_QUOTE_ERROR`: curl's code for a custom command answered with `NO` or `BAD`. curl then logs out,
    /// so the rejection is found among the lines rather than as the last one.
    private static let quoteError = 21

    private func perform(command: String?, url: String, upload: [UInt8], maxBytes: Int, name: String) throws(MailError) -> CurlTransfer {
        requestCount += 1
        do {
            try easy.reset()
            try server.configure(easy, plainScheme: "imap")
            try easy.set(.url(url))
            try easy.set(.customRequest(command))
            if !upload.isEmpty { try easy.set(.upload(size: upload.count)) }
            let transfer = try easy.perform(upload: upload, maxBodyBytes: maxBytes, operation: "IMAP \(name)")
            connectionCount += transfer.newConnections
            return transfer
        } catch {
            throw .transport(error)
        }
    }

    /// A folder name as an IMAP quoted string (RFC 9051 §4.3) in modified UTF-7. Control characters
    /// (CR and LF would end the command) are refused.
    static func quoted(_ folder: String) throws(MailError) -> String {
        guard !folder.isEmpty, !folder.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw .invalidFolderName(folder)
        }
        let name = ModifiedUTF7.encode(folder)
        return "\"" + name.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }

    /// A folder name as a URL path segment (curl decodes it and sends it as the mailbox name): modified
    /// UTF-7, then everything but RFC 3986 unreserved characters percent-encoded.
    static func pathSegment(_ folder: String) -> String {
        var out = ""
        for byte in ModifiedUTF7.encode(folder).utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E: out.append(Character(UnicodeScalar(byte)))
            default: out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }
}
