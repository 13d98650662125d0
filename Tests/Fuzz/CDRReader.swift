// fuzz-modules: IntakeCore IntakeMIME IntakeChannels
import IntakeChannels
import IntakeCore

/// Feeds arbitrary bytes to the CDR reader twice: whole, and split where the first byte says, resuming
/// where the first read stopped; both must agree, and every row must turn into a message.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let reader = CDRReader()
    let whole = reader.readAll(bytes)
    for row in whole.rows { _ = row.record.message() }
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    let first = reader.read(Array(bytes[..<split]))
    precondition(first.resumeOffset <= split)
    let rest = reader.read(Array(bytes[first.resumeOffset...]), offset: first.resumeOffset, line: first.resumeLine, isEndOfInput: true)
    precondition(first.rows + rest.rows == whole.rows || whole.errors.contains { $0.reason == "unterminated quoted field" })
    return 0
}
