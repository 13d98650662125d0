import IntakeCore

extension CDRReader {
    /// CDRs as JSON objects, one per call record, keyed by the CDR table's column names: what PBX APIs and
    /// reporting tools hand out (FreePBX's and VitalPBX's CDR endpoints, a `SELECT` turned into JSON):
    /// `[{"calldate": "2024-03-05 14:30:00", "src": "...", "dst": "...", "disposition": "NO ANSWER",
    /// "billsec": "0", "uniqueid": "..."}]`. Nil when the first object's keys do not name a record's
    /// columns (`CDRColumns(header:)`) with one only a CDR has, or name one only a call log has.
    ///
    /// The objects are written out as CSV rows under a header of the keys and read as any exported file
    /// is, so the column names, time forms, legs of one call and row errors are the file's rules exactly.
    func readJSON(_ items: [JSONValue]) -> CDRChunk? {
        guard let first = items.first?.objectValue else { return nil }
        var keys = first.pairs.map(\.key)
        let folded = Set(keys.map(CTIEvent.fieldKey))
        guard CDRColumns(header: keys) != nil, !folded.isDisjoint(with: Self.cdrOnlyKeys), folded.isDisjoint(with: Self.callLogOnlyKeys)
        else { return nil }
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

    /// Keys only a CDR has, and keys only an operator's call log has: a call log may name `from`, `to`,
    /// `date` and `duration` as a CDR export does, and must stay a call log.
    private static let cdrOnlyKeys: Set<String> = ["calldate", "disposition", "billsec", "uniqueid", "dcontext", "lastapp", "amaflags"]
    private static let callLogOnlyKeys: Set<String> = ["notes", "note", "operator"]

    private static func quoted(_ text: String) -> String {
        "\"" + String(text.flatMap { $0 == "\"" ? ["\"", "\""] : [$0] }) + "\""
    }
}
