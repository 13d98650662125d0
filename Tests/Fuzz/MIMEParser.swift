// fuzz-modules: CSHA256 IntakeCore IntakeMIME IntakeChannels
import IntakeChannels
import IntakeCore

/// Feeds arbitrary bytes to the email adapter: the whole parsing path (MIME structure, charsets, encoded
/// words, RFC 2231, addresses, dates, HTML text, quote stripping, auto-reply and bounce signals) and the
/// JSON it prints. Any outcome but a crash, a hang or a sanitizer report is fine.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let messages = try? EmailAdapter().normalize(RawPayload(bytes: bytes)) {
        for message in messages { _ = JSONWriter.bytes(message.json) }
    }
    return 0
}
