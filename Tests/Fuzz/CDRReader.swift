// fuzz-modules: CSHA256 IntakeCore IntakeMIME IntakeChannels
import IntakeChannels
import IntakeCore

/// Feeds arbitrary bytes to the CDR reader twice: whole, and split where the first byte says, the first
/// read leaving its last call for the second (more of its legs may follow) and the second resuming where
/// the first stopped with the column order and separator it found, as the importer does; both must agree,
/// and every row must turn into a message.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var reader = CDRReader()
    let whole = reader.readAll(bytes)
    for row in whole.rows { _ = row.record.message() }
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    let first = reader.read(Array(bytes[..<split]), holdingBackLastCall: true)
    precondition(first.resumeOffset <= split)
    reader.columns = first.columns
    let rest = reader.read(Array(bytes[first.resumeOffset...]), offset: first.resumeOffset, line: first.resumeLine, isEndOfInput: true)
    let agree = first.rows + rest.rows == whole.rows
    precondition(agree || whole.errors.contains { $0.reason == "unterminated quoted field" })
    return 0
}
