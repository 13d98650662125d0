/// Readers for the few IMAP responses intake needs (RFC 9051 §7). They take the lines curl reported
/// for one command and ignore unsolicited responses (`EXISTS`, `EXPUNGE`, flag updates).
enum IMAPResponse {
    /// The tagged completion line's status and text: `A004 NO [ALREADYEXISTS] Mailbox exists` →
    /// ("NO", "[ALREADYEXISTS] Mailbox exists"). Nil when the last line is not a tagged completion.
    static func completion(_ lines: [String]) -> (status: String, text: String)? {
        guard let last = lines.last, !last.hasPrefix("*"), !last.hasPrefix("+") else { return nil }
        let words = last.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard words.count >= 2 else { return nil }
        let status = words[1].uppercased()
        guard ["OK", "NO", "BAD"].contains(status) else { return nil }
        return (status, words.count > 2 ? String(words[2]) : "")
    }

    /// `* STATUS "INBOX" (UIDNEXT 7 UIDVALIDITY 3857529045)` → ["UIDNEXT": 7, "UIDVALIDITY": 3857529045].
    static func statusItems(_ lines: [String]) -> [String: UInt64] {
        var items: [String: UInt64] = [:]
        for line in lines where line.uppercased().hasPrefix("* STATUS ") {
            guard let open = line.lastIndex(of: "("), let close = line.lastIndex(of: ")"), open < close else { continue }
            let words = line[line.index(after: open)..<close].split(separator: " ")
            for pair in stride(from: 0, to: words.count - 1, by: 2) {
                if let value = UInt64(words[pair + 1]) { items[words[pair].uppercased()] = value }
            }
        }
        return items
    }

    /// The `* n FETCH (...)` responses that carry a UID, as summaries.
    static func fetchSummaries(_ lines: [String]) -> [IMAPMessageSummary] {
        lines.compactMap { line in
            let upper = line.uppercased()
            guard upper.hasPrefix("* "), let fetch = upper.firstRange(of: " FETCH (") else { return nil }
            let items = attributes(upper[fetch.upperBound...])
            guard let uidText = items["UID"], let uid = UInt32(uidText) else { return nil }
            let flags = items["FLAGS"].map { $0.split(separator: " ").map { $0.lowercased() } } ?? []
            return IMAPMessageSummary(
                uid: uid, isSeen: flags.contains("\\seen"), size: items["RFC822.SIZE"].flatMap { Int($0) })
        }
    }

    /// The sequence number of the highest-numbered message a FETCH response reported, as it stands once
    /// the response is over: expunges other sessions made arrive as `* k EXPUNGE` lines during a UID
    /// command, and Dovecot sends them after the FETCH data, each one below the message lowering its
    /// number by one (RFC 9051 §7.5.1).
    static func lastMessageNumber(_ lines: [String]) -> UInt32? {
        var number: UInt32?
        for line in lines {
            let words = line.split(separator: " ", maxSplits: 3)
            guard words.count >= 3, words[0] == "*", let n = UInt32(words[1]) else { continue }
            switch words[2].uppercased() {
            case "FETCH": number = max(number ?? 0, n)
            case "EXPUNGE": if let current = number, n <= current { number = current - 1 }
            default: break
            }
        }
        return number
    }

    /// The first tagged `NO`/`BAD` line, without its tag: `NO [ALREADYEXISTS] Mailbox exists`.
    static func rejection(_ lines: [String]) -> String? {
        for line in lines where !line.hasPrefix("*") && !line.hasPrefix("+") {
            let words = line.split(separator: " ", maxSplits: 1)
            if words.count == 2, ["NO ", "BAD "].contains(where: { words[1].uppercased().hasPrefix($0) }) {
                return String(words[1])
            }
        }
        return nil
    }

    /// `[APPENDUID 38505 3955]` in an APPEND completion (RFC 4315 §3) → (38505, 3955).
    static func appendedUID(_ text: String) -> (uidValidity: UInt32, uid: UInt32)? {
        let upper = text.uppercased()
        guard let start = upper.firstRange(of: "[APPENDUID ") else { return nil }
        let words = upper[start.upperBound...].prefix { $0 != "]" }.split(separator: " ")
        guard words.count == 2, let validity = UInt32(words[0]), let uid = UInt32(words[1]) else { return nil }
        return (validity, uid)
    }

    /// `UID 5 FLAGS (\Seen \Flagged) RFC822.SIZE 120)` → name/value pairs; a parenthesized value is
    /// returned without its parentheses. Stops at the closing parenthesis of the list.
    private static func attributes(_ text: Substring) -> [String: String] {
        var items: [String: String] = [:]
        var rest = text
        while true {
            rest = rest.drop { $0 == " " }
            guard let first = rest.first, first != ")" else { break }
            let name = rest.prefix { $0 != " " && $0 != ")" }
            rest = rest.dropFirst(name.count).drop { $0 == " " }
            let value: Substring
            if rest.first == "(" {
                value = rest.dropFirst().prefix { $0 != ")" }
                rest = rest.dropFirst(value.count + 2)
            } else {
                value = rest.prefix { $0 != " " && $0 != ")" }
                rest = rest.dropFirst(value.count)
            }
            guard !name.isEmpty else { break }
            items[name.uppercased()] = String(value)
        }
        return items
    }
}

/// What a `UID FETCH (UID FLAGS RFC822.SIZE)` reports for one message.
public struct IMAPMessageSummary: Sendable, Equatable {
    public var uid: UInt32
    public var isSeen: Bool
    public var size: Int?

    public init(uid: UInt32, isSeen: Bool, size: Int?) {
        self.uid = uid
        self.isSeen = isSeen
        self.size = size
    }
}

/// A mailbox's UID state from `STATUS` (RFC 9051 §6.3.11): UIDs are only comparable while UIDVALIDITY
/// stays the same; every new message gets a UID ≥ UIDNEXT.
public struct MailboxStatus: Sendable, Equatable {
    public var uidValidity: UInt32
    public var uidNext: UInt32
    public var messages: Int

    public init(uidValidity: UInt32, uidNext: UInt32, messages: Int) {
        self.uidValidity = uidValidity
        self.uidNext = uidNext
        self.messages = messages
    }
}

/// A set of UIDs as an RFC 9051 §9 `sequence-set`: sorted, runs collapsed (`3:5,9`), so a range of a
/// million UIDs stays one short token.
public struct UIDSet: Sendable, Equatable, CustomStringConvertible {
    public private(set) var ranges: [ClosedRange<UInt32>]

    public init(_ uids: some Sequence<UInt32>) {
        ranges = []
        for uid in Set(uids).sorted() {
            if let last = ranges.last, last.upperBound &+ 1 == uid {
                ranges[ranges.count - 1] = last.lowerBound...uid
            } else {
                ranges.append(uid...uid)
            }
        }
    }

    public init(range: ClosedRange<UInt32>) {
        ranges = [range]
    }

    public var isEmpty: Bool { ranges.isEmpty }

    /// The set cut into consecutive sets of at most `count` UIDs each.
    public func chunks(ofAtMost count: Int) -> [UIDSet] {
        var chunks: [UIDSet] = []
        var current: [ClosedRange<UInt32>] = []
        var size = 0
        for range in ranges {
            var low = range.lowerBound
            while true {
                let room = UInt32(count - size)
                let high = range.upperBound - low < room ? range.upperBound : low + room - 1
                current.append(low...high)
                size += Int(high - low) + 1
                if size == count {
                    chunks.append(UIDSet(ranges: current))
                    current = []
                    size = 0
                }
                if high == range.upperBound { break }
                low = high + 1
            }
        }
        if !current.isEmpty { chunks.append(UIDSet(ranges: current)) }
        return chunks
    }

    private init(ranges: [ClosedRange<UInt32>]) {
        self.ranges = ranges
    }

    public func contains(_ uid: UInt32) -> Bool { ranges.contains { $0.contains(uid) } }

    public var description: String {
        ranges.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound):\($0.upperBound)" }.joined(separator: ",")
    }
}
