// fuzz-modules: CSHA256 IntakeCore IntakeMIME IntakeChannels
import IntakeChannels
import IntakeCore

/// Feeds arbitrary bytes to the Slack adapter (JSON events and slash-command forms) and the challenge
/// helper: any outcome but a crash or a sanitizer report is fine. The adapter knows staff and a
/// customer's bot, as a configured one does, so those paths are fuzzed too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? SlackAdapter(ownBotUserIDs: ["U0BOT"], staffTeamIDs: ["T0NEOTEL"], staffUserIDs: ["U0AGENT"],
                          customerBotIDs: ["B0ZABBIX"]).normalize(RawPayload(bytes: bytes))
    _ = SlackAdapter.challenge(in: bytes)
    return 0
}
