import IntakeCore

/// The caller and length a voicemail's text or subject names, for mail without headers that say them.
extension PBXVoicemail {
    /// Asterisk's default sentence; else, when the text or subject speaks of a voicemail, the labelled
    /// lines of the PBX's template, else the subject's `from <caller>` (3CX, Kazoo's `New voicemail from
    /// Name (number)`, Teams' `Voicemail from +1 425 555 0100`).
    static func fromText(_ text: String, subject: String) -> Found? {
        if let sentence = templateSentence(text) {
            // Asterisk writes "an unknown caller" when the call had neither number nor name.
            return (sentence.callerID == "an unknown caller" ? "" : sentence.callerID, sentence.duration)
        }
        let speaksOfVoicemail = [subject, text].contains { words in
            let lowered = words.lowercased()
            return voicemailWords.contains(where: lowered.contains)
        }
        guard speaksOfVoicemail else { return nil }
        let labelled = labelledLines(text)
        if let caller = labelled.callerID { return (caller, labelled.duration) }
        return subjectCaller(subject).map { ($0, labelled.duration) }
    }

    /// Words that name a voicemail in the subjects and texts of PBXs and mail systems, in English and Spanish.
    static let voicemailWords = [
        "voicemail", "voice mail", "voice message", "mensaje de voz", "buzón de voz", "buzon de voz",
        "correo de voz", "mensagem de voz", "correio de voz",
    ]

    /// The caller and duration of the default body: `left a <dur> long message ... from <callerid>, on`.
    static func templateSentence(_ text: String) -> (duration: String, callerID: String)? {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard let left = flat.range(of: "left a "), let long = flat[left.upperBound...].range(of: " long "),
              let from = flat[long.upperBound...].range(of: " from "), let on = flat[from.upperBound...].range(of: ", on ")
        else { return nil }
        return (String(flat[left.upperBound..<long.lowerBound]), String(flat[from.upperBound..<on.lowerBound]))
    }

    /// Labels of a template's caller line (FreePBX's `From:\t"Name" <number>`, 3CX's `Caller ID:`) and of
    /// its length line (`Length:\t0:42 seconds`, `Duration: 00:00:14`), matched without case.
    static let callerLabels: Set<String> = [
        "from", "caller", "caller id", "callerid", "caller number", "calling number", "de", "llamante",
        "número", "numero", "número llamante", "numero llamante",
    ]
    static let durationLabels: Set<String> = ["length", "duration", "duración", "duracion", "longitud"]

    /// The first caller line that names a number and the first length line, read as `label: value`, a
    /// list's bullet before the label left out.
    static func labelledLines(_ text: String) -> (callerID: String?, duration: String?) {
        var caller: String?
        var duration: String?
        for line in text.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            // A list item's bullet (`- From: Name (number)`, `• Duración: 0:25`) is no part of the label.
            let label = line[..<colon].drop { "-*•· \t".contains($0) }.trimmingWhitespace().lowercased()
            let value = line[line.index(after: colon)...].trimmingWhitespace()
            if caller == nil, callerLabels.contains(label), namesNumber(value) {
                caller = value
            } else if duration == nil, durationLabels.contains(label), !value.isEmpty {
                duration = value
            }
        }
        return (caller, duration)
    }

    /// What follows the last ` from ` (or Spanish ` de `) of a subject, less a length in parentheses at
    /// its end (`(00:14)`, `(14 seconds)`), when it names a number.
    static func subjectCaller(_ subject: String) -> String? {
        guard let from = subject.range(of: " from ", options: [.backwards, .caseInsensitive])
            ?? subject.range(of: " de ", options: [.backwards, .caseInsensitive])
        else { return nil }
        var caller = String(subject[from.upperBound...]).trimmingWhitespace()
        if caller.hasSuffix(")"), let open = caller.lastIndex(of: "("),
           seconds(String(caller[caller.index(after: open)..<caller.index(before: caller.endIndex)])) != nil
        {
            caller = String(caller[..<open]).trimmingWhitespace()
        }
        return namesNumber(caller) ? caller : nil
    }

    /// Whether a caller ID holds a phone number (an address in `"Ana" <ana@x.com>` is none).
    static func namesNumber(_ callerID: String) -> Bool {
        CallerID(callerID).number.map { E164.read($0) != nil } ?? false
    }
}
