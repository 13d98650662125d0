// fuzz-modules: CSHA256 IntakeCore IntakeMIME IntakeChannels
import IntakeChannels
import IntakeCore

/// Feeds arbitrary bytes to the WhatsApp adapter (Cloud API JSON and Twilio forms) and to the strict
/// Base64 decoder it uses for media digests: any outcome but a crash or a sanitizer report is fine.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? WhatsAppAdapter().normalize(RawPayload(bytes: bytes))
    _ = Base64.decode(String(decoding: bytes, as: UTF8.self))
    return 0
}
