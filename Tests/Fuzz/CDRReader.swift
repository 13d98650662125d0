// fuzz-modules: CSHA256 IntakeCore IntakeMIME IntakeChannels
import IntakeChannels
import IntakeCore

/// Feeds arbitrary bytes to the CDR reader twice: whole, and split where the first byte says, resuming
/// where the first read stopped with the column order and separator the first read found (as the
/// importer does); both must agree, and every row must turn into a message. The one difference allowed:
/// the legs of one call (rows with the same uniqueid) on both sides of the split are one record each
/// side instead of one in all, so calls seen twice in the split read are left out of the comparison.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var reader = CDRReader()
    let whole = reader.readAll(bytes)
    for row in whole.rows { _ = row.record.message() }
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    let first = reader.read(Array(bytes[..<split]))
    precondition(first.resumeOffset <= split)
    reader.columns = first.columns
    let rest = reader.read(Array(bytes[first.resumeOffset...]), offset: first.resumeOffset, line: first.resumeLine, isEndOfInput: true)
    let parts = first.rows + rest.rows
    var seen: [String: Int] = [:]
    for id in parts.compactMap(\.record.uniqueID) { seen[id, default: 0] += 1 }
    let isWholeCall = { (row: CDRRow) in row.record.uniqueID.map { seen[$0, default: 0] < 2 } ?? true }
    let agree = parts.filter(isWholeCall) == whole.rows.filter(isWholeCall)
    precondition(agree || whole.errors.contains { $0.reason == "unterminated quoted field" })
    return 0
}
