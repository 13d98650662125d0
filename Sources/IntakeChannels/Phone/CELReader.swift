import IntakeCore

/// Reads a whole CEL file (`cel-custom/Master.csv`, a `cel` table export) into calls, one record each,
/// as a CDR file would have them: a PBX that logs CEL and no CDRs still tells us who called and whether
/// anyone took the call. The events are grouped by `linkedid` (else `uniqueid`) and each group is rebuilt
/// by `CDRRecord.init(celEvents:)` (`CELStream`, read in one piece). A call whose first channel has not
/// hung up yet is not over: it is reported, not taken for a missed call.
struct CELReader {
    var timeZone: LocalTimeZone

    /// The calls in `bytes` in the order they started, or nil when they are no CEL file: its first row is
    /// neither a CEL header nor an event of the `cel_custom` sample's order.
    func readAll(_ bytes: [UInt8]) -> CDRChunk? {
        guard var stream = CELStream(head: bytes, isEndOfInput: true, timeZone: timeZone) else { return nil }
        var chunk = stream.read(bytes, offset: 0, line: 1, isEndOfInput: true)
        let rest = stream.finish()
        chunk.rows = (chunk.rows + rest.rows).sorted { $0.line < $1.line }
        chunk.errors = (chunk.errors + rest.errors).sorted { $0.line < $1.line }
        return chunk
    }
}
