/// A time zone as the system's zoneinfo describes it (`/usr/share/zoneinfo/America/Santiago`, a TZif
/// file, RFC 8536): the UTC offset in force at any instant. Read from the system's files rather than the
/// ICU data Foundation bundles, so a decree that moves Chile's change of offset reaches intake with the
/// `tzdata` package, as it reaches everything else on the machine. Pure: the caller reads the file.
public struct ZoneInfo: Sendable, Equatable {
    /// The zone's name as the directory gives it: `America/Santiago`.
    public let name: String
    /// Transition instants (UTC seconds), ascending, and the offset in force from each one.
    let transitions: [Int64]
    let offsetAfter: [Int32]
    /// Before the first transition (RFC 8536 §3.2: the first local time type).
    let initialOffset: Int32
    /// After the last transition: the footer's POSIX TZ rule (`<-04>4<-03>,M9.1.6/24,M4.1.6/24`), which
    /// slim files (what Debian ships) rely on for every year after their last listed change.
    let rule: POSIXTimeZoneRule?

    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    public init(name: String, tzif bytes: [UInt8]) throws(Problem) {
        self.name = name
        var reader = TZifReader(bytes: bytes)
        let v1 = try reader.header()
        // Version 2 and later repeat the data with 64-bit times after the version 1 block, then a footer.
        let data: TZifReader.Data
        if v1.version >= 2 {
            try reader.skip(v1.blockSize(timeBytes: 4))
            let v2 = try reader.header()
            data = try reader.data(v2, timeBytes: 8)
            rule = try reader.footer().flatMap { text throws(Problem) in
                guard let r = POSIXTimeZoneRule(text) else { throw Problem(description: "unreadable rule `\(text)` at the end of the file") }
                return r
            }
        } else {
            data = try reader.data(v1, timeBytes: 4)
            rule = nil
        }
        guard !data.offsets.isEmpty else { throw Problem(description: "no local time types") }
        transitions = data.transitions
        offsetAfter = try data.typeIndexes.map { i throws(Problem) in
            guard Int(i) < data.offsets.count else { throw Problem(description: "a transition names local time type \(i), which does not exist") }
            return data.offsets[Int(i)]
        }
        initialOffset = data.offsets[0]
    }

    /// Seconds east of UTC at `time`: `-14400` in Santiago's winter, `-10800` in its summer.
    public func utcOffset(at time: Timestamp) -> Int {
        // With no transitions the footer's rule holds at every time (as Go's time package reads a file);
        // before the first transition, the first local time type.
        guard let last = transitions.last else { return rule.map { $0.utcOffset(at: time.seconds) } ?? Int(initialOffset) }
        guard time.seconds >= transitions[0] else { return Int(initialOffset) }
        if time.seconds >= last, let rule { return rule.utcOffset(at: time.seconds) }
        var low = 0, high = transitions.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if transitions[mid] <= time.seconds { low = mid } else { high = mid - 1 }
        }
        return Int(offsetAfter[low])
    }
}

/// Reads a TZif file's headers, data blocks and footer (RFC 8536 §3).
private struct TZifReader {
    let bytes: [UInt8]
    var at = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    struct Header {
        var version: Int
        var isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt: Int

        func blockSize(timeBytes: Int) -> Int {
            timecnt * timeBytes + timecnt + typecnt * 6 + charcnt + leapcnt * (timeBytes + 4) + isstdcnt + isutcnt
        }
    }

    struct Data {
        var transitions: [Int64]
        var typeIndexes: [UInt8]
        var offsets: [Int32]
    }

    mutating func header() throws(ZoneInfo.Problem) -> Header {
        guard at + 44 <= bytes.count, Array(bytes[at..<at + 4]) == Array("TZif".utf8) else {
            throw ZoneInfo.Problem(description: "not a TZif file")
        }
        let version = bytes[at + 4] == 0 ? 1 : Int(bytes[at + 4]) - 0x30
        at += 20
        var counts: [Int] = []
        for _ in 0..<6 { counts.append(Int(try integer(4))) }
        guard counts.allSatisfy({ $0 >= 0 }) else { throw ZoneInfo.Problem(description: "a negative count in the header") }
        return Header(version: version, isutcnt: counts[0], isstdcnt: counts[1], leapcnt: counts[2], timecnt: counts[3],
                      typecnt: counts[4], charcnt: counts[5])
    }

    mutating func skip(_ n: Int) throws(ZoneInfo.Problem) {
        guard n <= bytes.count - at else { throw ZoneInfo.Problem(description: "the file ends early") }
        at += n
    }

    mutating func data(_ h: Header, timeBytes: Int) throws(ZoneInfo.Problem) -> Data {
        guard h.blockSize(timeBytes: timeBytes) <= bytes.count - at else { throw ZoneInfo.Problem(description: "the file ends early") }
        var transitions: [Int64] = []
        for _ in 0..<h.timecnt { transitions.append(try integer(timeBytes)) }
        let indexes = Array(bytes[at..<at + h.timecnt])
        at += h.timecnt
        var offsets: [Int32] = []
        for _ in 0..<h.typecnt {
            offsets.append(Int32(truncatingIfNeeded: try integer(4)))
            at += 2
        }
        try skip(h.charcnt + h.leapcnt * (timeBytes + 4) + h.isstdcnt + h.isutcnt)
        return Data(transitions: transitions, typeIndexes: indexes, offsets: offsets)
    }

    /// The POSIX TZ string between the two newlines after the version 2+ data; nil when empty.
    mutating func footer() throws(ZoneInfo.Problem) -> String? {
        guard at < bytes.count, bytes[at] == 0x0A, let end = bytes[(at + 1)...].firstIndex(of: 0x0A) else {
            throw ZoneInfo.Problem(description: "no footer after the version 2 data")
        }
        let text = String(decoding: bytes[(at + 1)..<end], as: UTF8.self)
        return text.isEmpty ? nil : text
    }

    /// A big-endian two's-complement integer of `n` bytes.
    private mutating func integer(_ n: Int) throws(ZoneInfo.Problem) -> Int64 {
        guard n <= bytes.count - at else { throw ZoneInfo.Problem(description: "the file ends early") }
        var value: UInt64 = 0
        for k in 0..<n { value = value << 8 | UInt64(bytes[at + k]) }
        at += n
        let shift = UInt64(64 - 8 * n)
        return Int64(bitPattern: value << shift) >> Int64(shift)
    }
}
