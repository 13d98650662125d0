public import IntakeCore

/// One Asterisk call detail record as `cdr_csv` writes it.
///
/// The 16 fixed columns (`cdr/cdr_csv.c`, `build_csv_record`): accountcode, src, dst, dcontext, clid,
/// channel, dstchannel, lastapp, lastdata, start, answer, end, duration, billsec, disposition, amaflags.
/// Then, as `cdr.conf [csv]` enables them: uniqueid (`loguniqueid=yes`), userfield (`loguserfield=yes`),
/// and peeraccount, linkedid, sequence (`newcdrcolumns=yes`): 16 to 21 columns in all. `cdr_custom`'s sample
/// `Master.csv` mapping, which puts clid first, is read as well.
public struct CDRRecord: Sendable, Equatable {
    public var accountCode: String
    /// The caller's number (`CALLERID(num)`), or the extension for outgoing calls.
    public var source: String
    /// The dialled extension or number (`s` when the dialplan did not say).
    public var destination: String
    public var destinationContext: String
    /// Caller ID as `"Name" <number>`.
    public var callerID: String
    public var channel: String
    public var destinationChannel: String
    public var lastApplication: String
    public var lastData: String
    /// `start` exactly as written (PBX local time); part of the fallback external id.
    public var startText: String
    public var start: Timestamp
    public var answer: Timestamp?
    public var end: Timestamp?
    public var duration: Int
    public var billableSeconds: Int
    /// `ANSWERED`, `NO ANSWER`, `BUSY`, `FAILED` (and `CONGESTION` since Asterisk 12).
    public var disposition: String
    /// What the disposition was inferred from (`billsec`, `answer`, `end`, `duration`) when the row had
    /// none (`inferredDisposition`); nil when it was written.
    public var dispositionBasis: String?
    public var amaFlags: String
    public var uniqueID: String?
    public var userField: String?
    public var peerAccount: String?
    public var linkedID: String?
    public var sequence: Int?
    /// The number the caller dialled (the DID), when the file has that column (CDR database exports:
    /// `did`); `cdr_csv` has none, and `dst` is then what the dialplan made of it (an extension, a queue).
    public var dialledNumber: String?
    /// How many CDR rows of the same call (`uniqueid`) this record stands for (`absorb`).
    public var legs = 1
    /// What the record was read from: `cdr`, or `cel` when it was rebuilt from a CEL file's events
    /// (`init(celEvents:)`); the message's `metadata.source`.
    public var origin = "cdr"

    /// Why a row is not a record.
    public struct Failure: Error, Sendable, Equatable {
        public var message: String
    }

    static let columnNames = [
        "accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel", "lastapp", "lastdata",
        "start", "answer", "end", "duration", "billsec", "disposition", "amaflags", "uniqueid", "userfield",
        "peeraccount", "linkedid", "sequence",
    ]

    /// A first line naming the columns, as exports and hand-made files carry (`CDRColumns`).
    static func isHeader(_ fields: [String]) -> Bool {
        fields.filter { CDRColumns.columnName($0) != nil }.count >= 3
    }

    /// Reads one row's fields; times are local to the PBX's `timeZone`. A row in
    /// `cdr_custom`'s order is read too (see `fromCustomOrder`), and one of a CDR table written without
    /// its header (`fromDatabaseOrder`). A database's NULL (`NULL`, `\N`) is an empty field.
    public static func parse(_ given: [String], timeZone: LocalTimeZone) -> Result<CDRRecord, Failure> {
        if let event = given.first?.trimmingWhitespace(), celEventTypes.contains(event) {
            return .failure(Failure(message: "a CEL event (\(event)), not a CDR: read as a CDR because the file does not start as a CEL file (a CEL header, or an event in cel_custom's order)"))
        }
        let row = given.map { $0 == "NULL" || $0 == "\\N" ? "" : $0 }
        let custom = fromCustomOrder(row)
        let database = custom == nil ? fromDatabaseOrder(row) : nil
        let fields = custom?.fields ?? database?.fields ?? row
        guard (16...21).contains(fields.count) else {
            return .failure(Failure(message: "expected 16 to 21 columns, found \(fields.count)"))
        }
        func time(_ index: Int, _ name: String) -> Result<Timestamp?, Failure> {
            let text = fields[index].trimmingWhitespace()
            if text.isEmpty { return .success(nil) }
            guard let time = CDRTime.read(text, timeZone: timeZone) else {
                return .failure(Failure(message: "bad \(name) date: \(text)"))
            }
            return .success(time)
        }
        func count(_ index: Int, _ name: String) -> Result<Int?, Failure> {
            let text = fields[index].trimmingWhitespace()
            if text.isEmpty { return .success(nil) }
            guard let n = CallLog.seconds(text) else { return .failure(Failure(message: "bad \(name): \(text)")) }
            return .success(n)
        }
        let start: Timestamp?
        let answer: Timestamp?
        let end: Timestamp?
        let givenDuration: Int?
        let givenBillsec: Int?
        do {
            start = try time(9, "start").get()
            answer = try time(10, "answer").get()
            end = try time(11, "end").get()
            givenDuration = try count(12, "duration").get()
            givenBillsec = try count(13, "billsec").get()
        } catch {
            return .failure(error)
        }
        guard let start else { return .failure(Failure(message: "missing start date")) }
        // Wazo's call-logd CSV leaves `duration` empty for a call nobody answered (it counts from the
        // answer): with its start and end the call still has a length, and a missed call must not be lost.
        let measured = end.map { Int(max(0, $0.seconds - start.seconds)) }
        guard givenDuration != nil || givenBillsec != nil || measured != nil else {
            return .failure(Failure(message: "missing duration and billsec"))
        }
        var disposition = Self.disposition(fields[14])
        var basis: String?
        if disposition.isEmpty {
            (disposition, basis) = Self.inferredDisposition(billsec: givenBillsec, answer: answer, end: end, duration: givenDuration)
        }
        // Reports exported from a PBX's web interface often have one of the two: a call's time in the
        // system holds its talk time, and an unanswered call has none; with the answer and end times the
        // talk is the time between them.
        let duration = givenDuration ?? givenBillsec ?? measured ?? 0
        let talk = answer.flatMap { a in end.map { Int(max(0, $0.seconds - a.seconds)) } } ?? duration
        let billsec = givenBillsec ?? (disposition == "ANSWERED" ? talk : 0)
        var record = CDRRecord(
            accountCode: fields[0], source: fields[1].trimmingWhitespace(), destination: fields[2].trimmingWhitespace(),
            destinationContext: fields[3], callerID: fields[4], channel: fields[5], destinationChannel: fields[6],
            lastApplication: fields[7], lastData: fields[8], startText: fields[9].trimmingWhitespace(), start: start,
            answer: answer, end: end, duration: duration, billableSeconds: billsec,
            disposition: disposition, dispositionBasis: basis, amaFlags: fields[15]
        )
        record.readOptionalColumns(Array(fields[16...]))
        if let sequence = custom?.sequence { record.sequence = sequence }
        record.dialledNumber = database?.dialledNumber
        return .success(record)
    }

    /// The event types of Asterisk's Channel Event Logging (`cel_csv`/`cel_custom`, first column): a CEL
    /// file is one row per channel event, not per call, and read as CDRs its rows failed with a misleading
    /// "bad start date"; they are named for what they are.
    static let celEventTypes: Set<String> = [
        "CHAN_START", "CHAN_END", "ANSWER", "HANGUP", "BRIDGE_ENTER", "BRIDGE_EXIT", "APP_START", "APP_END",
        "PARK_START", "PARK_END", "LINKEDID_END", "BLINDTRANSFER", "ATTENDEDTRANSFER", "PICKUP", "FORWARD",
        "LOCAL_OPTIMIZE", "USER_DEFINED", "STREAM_BEGIN", "STREAM_END", "DTMF",
    ]

    static let dispositions: Set<String> = ["ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION"]

    /// Other spellings of the dispositions: database and report exports (`No Answer`, `NO_ANSWER`,
    /// `Unanswered`, `Missed`), every `DIALSTATUS` word a dialplan or a `cdr_custom` mapping writes into a
    /// CDR (`ANSWER`, `NOANSWER`, `CANCEL`, `CHANUNAVAIL`, and the privacy manager's `DONTCALL` and
    /// `TORTURE`, a caller the callee refused), and the Spanish of Issabel's and Elastix's reports.
    static let dispositionSpellings: [String: String] = [
        "ANSWER": "ANSWERED", "NOANSWER": "NO ANSWER", "CANCEL": "NO ANSWER", "CANCELLED": "NO ANSWER", "CHANUNAVAIL": "FAILED",
        "DONTCALL": "NO ANSWER", "TORTURE": "NO ANSWER", "INVALIDARGS": "FAILED",
        "UNANSWERED": "NO ANSWER", "MISSED": "NO ANSWER", "ABANDONED": "NO ANSWER",
        "CONTESTADA": "ANSWERED", "ATENDIDA": "ANSWERED", "RESPONDIDA": "ANSWERED",
        "NO CONTESTADA": "NO ANSWER", "NO ATENDIDA": "NO ANSWER", "SIN RESPUESTA": "NO ANSWER", "PERDIDA": "NO ANSWER",
        "OCUPADO": "BUSY", "FALLIDA": "FAILED", "FALLO": "FAILED", "FALLÓ": "FAILED", "CONGESTIÓN": "CONGESTION",
        // XiVO's `call_log.answered`, a PostgreSQL boolean (`t`/`f` in its CSV dumps).
        "T": "ANSWERED", "TRUE": "ANSWERED", "F": "NO ANSWER", "FALSE": "NO ANSWER",
    ]

    /// A disposition in `cdr_csv`'s words (`ANSWERED`, `NO ANSWER`, ...); one it does not know, uppercased.
    static func disposition(_ text: String) -> String {
        let word = text.trimmingWhitespace().uppercased().split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "-" }).joined(separator: " ")
        return dispositionSpellings[word] ?? dispositionSpellings[word.filter { $0 != " " }] ?? word
    }

    /// The `Master.csv` mapping of Asterisk's `cdr_custom.conf.sample` (`cdr-custom/Master.csv`): clid, src,
    /// dst, dcontext, channel, dstchannel, lastapp, lastdata, start, answer, end, duration, billsec,
    /// disposition, amaflags, accountcode, uniqueid, userfield[, sequence]; or that mapping extended with
    /// the three columns `cdr_csv` adds with `newcdrcolumns` in its order (peeraccount, linkedid, sequence:
    /// 21 columns), as installations that need `linkedid` write it. Told apart from `cdr_csv` by the
    /// disposition in column 14 (`cdr_csv` has billsec there), and rearranged into `cdr_csv` order.
    static func fromCustomOrder(_ f: [String]) -> (fields: [String], sequence: Int?)? {
        guard [18, 19, 21].contains(f.count), dispositions.contains(disposition(f[13])) else { return nil }
        let csvOrder = [f[15], f[1], f[2], f[3], f[0]] + f[4...14] + [f[16], f[17]]
        if f.count == 21 { return (csvOrder + f[18...20], nil) }
        return (csvOrder, f.count == 19 ? Int(f[18].trimmingWhitespace()) : nil)
    }

    /// Columns 17–21. Which optional columns are on depends on `cdr.conf`; with exactly one of
    /// uniqueid/userfield on, the value decides: Asterisk's uniqueid is `[systemname-]epoch.sequence`.
    private mutating func readOptionalColumns(_ extra: [String]) {
        var rest = extra[...]
        if rest.count >= 3 {
            let tail = rest.suffix(3).map { $0.trimmingWhitespace() }
            peerAccount = Self.nonEmpty(tail[0])
            linkedID = Self.nonEmpty(tail[1])
            sequence = Int(tail[2])
            rest = rest.dropLast(3)
        }
        let values = Array(rest)
        if values.count == 2 {
            uniqueID = Self.nonEmpty(values[0].trimmingWhitespace())
            userField = Self.nonEmpty(values[1])
        } else if values.count == 1, Self.looksLikeUniqueID(values[0]) {
            uniqueID = values[0].trimmingWhitespace()
        } else if values.count == 1 {
            userField = Self.nonEmpty(values[0])
        }
    }

    static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }

    static func looksLikeUniqueID(_ text: String) -> Bool {
        let id = text.trimmingWhitespace()
        let last = id.split(separator: "-").last.map(String.init) ?? id
        let parts = last.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
    }
}
