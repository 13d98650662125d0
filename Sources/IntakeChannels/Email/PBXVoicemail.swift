import IntakeCore
import IntakeMIME

/// A voicemail an Asterisk PBX mailed (`app_voicemail`, which FreePBX and Issabel use too): a request
/// from the caller, not from the PBX's address. The caller comes from the headers Asterisk adds
/// (`X-Asterisk-CallerID` / `X-Asterisk-CallerIDName`; with IMAP storage `X-Asterisk-VM-Caller-ID-Num` /
/// `-Name` and `X-Asterisk-VM-Duration`), else from the default template's sentence "you were just left
/// a 0:42 long message (number 3) in mailbox 600 from "Juan Perez" <01152769999>, on ...". Only a mail
/// with a recording (an `audio/*` attachment) or those headers is taken for one.
struct PBXVoicemail: Equatable {
    var callerNumber: String?
    var callerName: String?
    var durationSeconds: Int?

    init?(headers: MIMEHeaders, text: String?, hasAudio: Bool, defaultCountry: String) {
        let number = headers["X-Asterisk-CallerID"] ?? headers["X-Asterisk-VM-Caller-ID-Num"]
        let name = headers["X-Asterisk-CallerIDName"] ?? headers["X-Asterisk-VM-Caller-ID-Name"]
        // Asterisk writes "an unknown caller" when the call had neither number nor name.
        let sentence = text.flatMap(Self.templateSentence).map { $0.callerID == "an unknown caller" ? (duration: $0.duration, callerID: "") : $0 }
        guard number != nil || (hasAudio && sentence != nil) else { return nil }
        let clid = CallerID(number.map { "\"\(name ?? "")\" <\($0)>" } ?? sentence?.callerID ?? "")
        if case .e164(let e164) = clid.number.flatMap({ E164.read($0, defaultCountry: defaultCountry) }) { callerNumber = e164 }
        callerName = clid.name
        durationSeconds = headers["X-Asterisk-VM-Duration"].flatMap { Int($0.trimmingWhitespace()) } ?? sentence.flatMap { CallLog.seconds($0.duration.trimmingWhitespace()) }
    }

    /// The caller and duration of the default body: `left a <dur> long message ... from <callerid>, on`.
    static func templateSentence(_ text: String) -> (duration: String, callerID: String)? {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard let left = flat.range(of: "left a "), let long = flat[left.upperBound...].range(of: " long "),
              let from = flat[long.upperBound...].range(of: " from "), let on = flat[from.upperBound...].range(of: ", on ")
        else { return nil }
        return (String(flat[left.upperBound..<long.lowerBound]), String(flat[from.upperBound..<on.lowerBound]))
    }

    func record(into metadata: inout JSONObject) {
        metadata["voicemail"] = true
        if let callerNumber { metadata["caller"] = .string(callerNumber) }
        if let callerName { metadata["caller_name"] = .string(callerName) }
        if let durationSeconds { metadata["duration"] = .int(durationSeconds) }
    }
}
