import IntakeCore
import IntakeMIME

/// A voicemail a PBX or a mail system mailed: a request from the caller, not from the PBX's address. The
/// caller and length come from, first found:
/// - the headers Asterisk's `app_voicemail` adds (FreePBX, Issabel): `X-Asterisk-CallerID` /
///   `X-Asterisk-CallerIDName`; with IMAP storage `X-Asterisk-VM-Caller-ID-Num` / `-Name` and
///   `X-Asterisk-VM-Duration`;
/// - the Unified Messaging headers of MS-OXCMAIL §2.1.3.2.3 (Exchange UM, Teams voicemail through
///   Exchange Online, Cisco Unity Connection's SMTP voice messages): `X-CallingTelephoneNumber`,
///   `X-VoiceMessageSenderName`, `X-VoiceMessageDuration` (seconds);
/// - the text (`PBXVoicemail+Text`): Asterisk's default sentence, the labelled lines of FreePBX's and
///   3CX's templates (`From:`, `Caller ID:`, `Length:`, `Duration:`), else the subject's `from <caller>`.
/// A mail is taken for one only with a recording (an `audio/*` attachment) or headers that say so; the
/// text's lines and the subject also need the text or subject to speak of a voicemail, so a person
/// forwarding a recording with a `From:` line quoted is no voicemail.
struct PBXVoicemail: Equatable {
    var callerNumber: String?
    var callerName: String?
    var durationSeconds: Int?

    init?(headers: MIMEHeaders, text: String?, hasAudio: Bool, defaultCountry: String) {
        var ignored: [String] = []
        let subject = headers.decoded("Subject", warnings: &ignored) ?? ""
        let inText = hasAudio ? Self.fromText(text ?? "", subject: subject) : nil
        guard var found = Self.asteriskHeaders(headers)
            ?? Self.unifiedMessagingHeaders(headers, hasAudio: hasAudio) ?? inText
        else { return nil }
        // Headers without a length leave it to the text's.
        found.duration = found.duration ?? inText?.duration
        let clid = CallerID(found.callerID)
        if case .e164(let e164) = clid.number.flatMap({ E164.read($0, defaultCountry: defaultCountry) }) { callerNumber = e164 }
        callerName = clid.name
        durationSeconds = found.duration.flatMap(Self.seconds)
    }

    /// What a voicemail's source says: its caller as a caller ID (`"Name" <number>`, `Name (number)`, a
    /// number) and its length as written.
    typealias Found = (callerID: String, duration: String?)

    static func asteriskHeaders(_ headers: MIMEHeaders) -> Found? {
        guard let number = headers["X-Asterisk-CallerID"] ?? headers["X-Asterisk-VM-Caller-ID-Num"] else { return nil }
        let name = headers["X-Asterisk-CallerIDName"] ?? headers["X-Asterisk-VM-Caller-ID-Name"]
        return ("\"\(name ?? "")\" <\(number)>", headers["X-Asterisk-VM-Duration"])
    }

    /// Exchange writes `X-CallingTelephoneNumber` on faxes too, so a recording, a length or
    /// `Content-Class: voice` (`voice-uc`, `voice-ca`: MS-OXCMAIL §2.2.3.2.1) must say it is a voicemail.
    static func unifiedMessagingHeaders(_ headers: MIMEHeaders, hasAudio: Bool) -> Found? {
        let number = headers["X-CallingTelephoneNumber"].map(withoutScheme) ?? ""
        let name = headers["X-VoiceMessageSenderName"] ?? ""
        let duration = headers["X-VoiceMessageDuration"]
        let isVoice = headers["Content-Class"]?.trimmingWhitespace().lowercased().hasPrefix("voice") ?? false
        guard !(number.isEmpty && name.isEmpty), hasAudio || duration != nil || isVoice else { return nil }
        return (number.isEmpty ? name : "\"\(name)\" <\(number)>", duration)
    }

    /// `tel:+14255550100` as the number it names.
    static func withoutScheme(_ value: String) -> String {
        let trimmed = value.trimmingWhitespace()
        for scheme in ["tel:", "sip:"] where trimmed.lowercased().hasPrefix(scheme) {
            return String(trimmed.dropFirst(scheme.count).prefix { $0 != "@" && $0 != ";" })
        }
        return trimmed
    }

    /// Seconds of a length as voicemail mails write it: `42`, `0:42`, `00:00:42`, `42s`, and with a word
    /// after it (FreePBX's `Length: 0:42 seconds`, `14 segundos`).
    static func seconds(_ text: String) -> Int? {
        let trimmed = text.trimmingWhitespace()
        if let seconds = CallLog.seconds(trimmed) { return seconds }
        let words = trimmed.split(separator: " ")
        let units: Set<String> = ["second", "seconds", "secs", "sec", "segundo", "segundos", "seg"]
        guard words.count == 2, units.contains(words[1].lowercased()) else { return nil }
        return CallLog.seconds(String(words[0]))
    }

    func record(into metadata: inout JSONObject) {
        metadata["voicemail"] = true
        if let callerNumber { metadata["caller"] = .string(callerNumber) }
        if let callerName { metadata["caller_name"] = .string(callerName) }
        if let durationSeconds { metadata["duration"] = .int(durationSeconds) }
    }
}
