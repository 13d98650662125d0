// fuzz-modules: CSHA256 IntakeCore IntakeMIME IntakeChannels
import IntakeChannels
import IntakeCore

/// Feeds arbitrary bytes to the CDR reader twice: whole, and split where the first byte says, the first
/// read leaving its last call for the second (more of its legs may follow) and the second resuming where
/// the first stopped with the column order and separator it found, as the importer does; both must agree,
/// and every row must turn into a message. A CEL file is read the same two ways through its stream.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var reader = CDRReader()
    let whole = reader.readAll(bytes)
    for row in whole.rows { _ = row.record.message() }
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    if var stream = CELStream(head: bytes, isEndOfInput: true, timeZone: reader.timeZone) {
        // A CEL file, whose calls `readAll` rebuilt: the same calls from two reads of one stream, as
        // `cdr import` reads it, then what the stream still held at the end.
        let first = stream.read(Array(bytes[..<split]), offset: 0, line: 1, isEndOfInput: false)
        precondition(first.resumeOffset <= split)
        let rest = stream.read(Array(bytes[first.resumeOffset...]), offset: first.resumeOffset, line: first.resumeLine, isEndOfInput: true)
        let rows = (first.rows + rest.rows + stream.finish().rows).sorted { $0.line < $1.line }
        precondition(rows == whole.rows || whole.errors.contains { $0.reason == "unterminated quoted field" })
        return 0
    }
    let first = reader.read(Array(bytes[..<split]), holdingBackLastCall: true)
    precondition(first.resumeOffset <= split)
    reader.columns = first.columns
    let rest = reader.read(Array(bytes[first.resumeOffset...]), offset: first.resumeOffset, line: first.resumeLine, isEndOfInput: true)
    let agree = first.rows + rest.rows == whole.rows
    precondition(agree || whole.errors.contains { $0.reason == "unterminated quoted field" })
    return 0
}
