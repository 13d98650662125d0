// fuzz-modules: CSHA256 IntakeCore IntakeMIME IntakeChannels
import IntakeChannels
import IntakeCore

/// Feeds arbitrary bytes to the phone adapter (CSV, call-log JSON, CTI JSON or form): it must return
/// messages or an `AdapterError`, never crash, and every message must serialize.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let payload = RawPayload(bytes: bytes, source: "fuzz")
    if let messages = try? PhoneAdapter().normalize(payload) {
        _ = JSONWriter.string(.array(messages.map(\.json)))
    }
    if let events = try? CTIEvent.parse(bytes) {
        var tracker = CTICallTracker()
        for event in events { _ = tracker.apply(event, now: Timestamp(seconds: 1_709_659_800)) }
        _ = CTICallTracker(json: tracker.json)
    }
    return 0
}
