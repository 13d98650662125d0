import IntakeCore

/// The column order a CDR file's header row names. Files exported from a CDR database (the `cdr` table of
/// FreePBX and Issabel through `cdr_mysql`/`cdr_adaptive_odbc`, CSV reports) carry a header and their own
/// order: `calldate, clid, src, dst, dcontext, channel, dstchannel, lastapp, lastdata, duration, billsec,
/// disposition, amaflags, accountcode, uniqueid, userfield, did, recordingfile, cnum, ..., linkedid,
/// peeraccount, sequence`, with no answer or end time. With a header, a row is read by those names and
/// put into `cdr_csv`'s order; columns we do not use (`did`, `recordingfile`, ...) are left aside.
public struct CDRColumns: Sendable, Equatable {
    /// For each `cdr_csv` column (`CDRRecord.columnNames`), its index in the file's rows, if present.
    let sourceIndex: [Int?]
    /// Where the dialled number (`did`) is, when the file has it.
    let didIndex: Int?

    /// The names a header may give each `cdr_csv` column (compared lowercased, with `_` and spaces removed).
    static let aliases: [String: String] = [
        "calldate": "start", "starttime": "start", "callstart": "start", "date": "start",
        "answertime": "answer", "endtime": "end", "callend": "end",
        "source": "src", "from": "src", "destination": "dst", "to": "dst",
        "callerid": "clid", "destinationcontext": "dcontext", "context": "dcontext",
        "destinationchannel": "dstchannel", "lastapplication": "lastapp",
        "billableseconds": "billsec", "billsecs": "billsec", "status": "disposition",
    ]

    /// The column order of `header`, or nil when it does not name the columns a record needs (the start
    /// time, the source and destination, duration, billsec and disposition).
    public init?(header: [String]) {
        var position: [String: Int] = [:]
        for (index, field) in header.enumerated() {
            if let name = Self.columnName(field), position[name] == nil { position[name] = index }
        }
        guard ["start", "src", "dst", "duration", "billsec", "disposition"].allSatisfy({ position[$0] != nil }) else { return nil }
        sourceIndex = CDRRecord.columnNames.map { position[$0] }
        didIndex = header.firstIndex { $0.trimmingWhitespace().lowercased() == "did" }
    }

    /// The `cdr_csv` column a header field names, if any.
    static func columnName(_ field: String) -> String? {
        let key = field.trimmingWhitespace().lowercased().filter { $0 != "_" && $0 != " " }
        let name = aliases[key] ?? key
        return CDRRecord.columnNames.contains(name) ? name : nil
    }

    /// The row's dialled number, if the file has that column and the row a value in it.
    func dialledNumber(_ row: [String]) -> String? {
        guard let didIndex, didIndex < row.count else { return nil }
        let value = row[didIndex].trimmingWhitespace()
        return value.isEmpty ? nil : value
    }

    /// The row's fields in `cdr_csv`'s order, all 21 columns (absent ones empty), or nil when the row is
    /// shorter than the header says.
    func csvOrder(_ row: [String]) -> [String]? {
        guard let last = sourceIndex.compactMap({ $0 }).max(), row.count > last else { return nil }
        return sourceIndex.map { $0.map { row[$0] } ?? "" }
    }
}
