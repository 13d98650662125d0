import IntakeCore

extension CDRReader {
    /// CDRs as JSON objects, one per call record, keyed by the CDR table's column names: what PBX APIs and
    /// reporting tools hand out (FreePBX's and VitalPBX's CDR endpoints, a `SELECT` turned into JSON):
    /// `[{"calldate": "2024-03-05 14:30:00", "src": "...", "dst": "...", "disposition": "NO ANSWER",
    /// "billsec": "0", "uniqueid": "..."}]`. Nil when the first object's keys do not name a record's
    /// columns (`CDRColumns(header:)`), which keeps call logs and CTI events out.
    ///
    /// The objects are written out as CSV rows under a header of the keys and read as any exported file
    /// is, so the column names, time forms, legs of one call and row errors are the file's rules exactly.
    func readJSON(_ items: [JSONValue]) -> CDRChunk? {
        guard let first = items.first?.objectValue else { return nil }
        var keys = first.pairs.map(\.key)
        guard CDRColumns(header: keys) != nil else { return nil }
        for item in items.dropFirst() {
            for (key, _) in item.objectValue?.pairs ?? [] where !keys.contains(key) { keys.append(key) }
        }
        var csv = keys.map(Self.quoted).joined(separator: ",") + "\n"
        for item in items {
            let object = item.objectValue ?? JSONObject()
            csv += keys.map { Self.quoted(object[$0]?.textValue ?? "") }.joined(separator: ",") + "\n"
        }
        return readAll(Array(csv.utf8))
    }

    private static func quoted(_ text: String) -> String {
        "\"" + String(text.flatMap { $0 == "\"" ? ["\"", "\""] : [$0] }) + "\""
    }
}
