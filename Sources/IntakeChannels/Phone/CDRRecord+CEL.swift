import IntakeCore

extension CDRRecord {
    /// The call a CEL file's events of one `linkedid` tell, as the CDR Asterisk would have written for it;
    /// nil while the channel the call started on has not hung up (no `HANGUP`, `CHAN_END` or
    /// `LINKEDID_END` yet).
    ///
    /// The call is its first channel's (the one whose `uniqueid` is the `linkedid`, else the first to
    /// start): the caller, the dialled number (`CALLERID(DNID)`, else the extension it started at), the
    /// account and, as a CDR's `dst`, `dcontext` and `lastapp`, the last extension, context and application
    /// it ran. A person took the call when another channel that is not a `Local/` one (those only carry a
    /// queue's or a ring group's calls to the members' phones) answered: that is the destination channel,
    /// and the talk runs from its answer to the call's end. When only the first channel was answered (an
    /// IVR, a queue's hold music, voicemail) the record is `ANSWERED` with no destination channel, which
    /// `wasTalkedTo` takes for a missed call, as it does a CDR's; when nothing answered, the dial status its
    /// `HANGUP` gives (`BUSY`, `CHANUNAVAIL`, ...) is the disposition, else `NO ANSWER`.
    init?(celEvents events: [CELEvent]) {
        let linkedID = events.first { !$0.linkedID.isEmpty }?.linkedID
        guard let first = events.first(where: { !$0.uniqueID.isEmpty && $0.uniqueID == linkedID })
            ?? events.first(where: { $0.type == "CHAN_START" }) ?? events.first
        else { return nil }
        let own = events.filter { $0.uniqueID == first.uniqueID && $0.channel == first.channel }
        guard events.contains(where: { $0.type == "LINKEDID_END" }) || own.contains(where: { $0.type == "HANGUP" || $0.type == "CHAN_END" }),
              let start = events.map(\.time).min(), let end = events.map(\.time).max()
        else { return nil }
        let pickup = events.first { $0.type == "ANSWER" && $0.uniqueID != first.uniqueID && !Self.isLocal($0.channel) }
        let ownAnswer = own.first { $0.type == "ANSWER" }
        let lastApplication = own.last { $0.type == "APP_START" }
        let lastPlace = own.last { !$0.exten.isEmpty && $0.exten != "s" } ?? first
        let answer = pickup?.time ?? ownAnswer?.time
        let disposition: String
        if answer != nil {
            disposition = "ANSWERED"
        } else {
            let status = own.compactMap(\.dialStatus).last.map(Self.disposition(_:))
            disposition = status.flatMap { Self.dispositions.contains($0) && $0 != "ANSWERED" ? $0 : nil } ?? "NO ANSWER"
        }
        let callerName = first.callerName.isEmpty || first.callerName == first.callerNumber ? "" : "\"\(first.callerName)\" "
        self.init(
            accountCode: first.accountCode, source: first.callerNumber, destination: lastPlace.exten,
            destinationContext: lastPlace.context, callerID: callerName + "<\(first.callerNumber)>", channel: first.channel,
            destinationChannel: pickup?.channel ?? "", lastApplication: lastApplication?.appName ?? "",
            lastData: lastApplication?.appData ?? "", startText: first.timeText, start: start, answer: answer, end: end,
            duration: Int(end.seconds - start.seconds), billableSeconds: answer.map { Int(end.seconds - $0.seconds) } ?? 0,
            disposition: disposition, dispositionBasis: nil, amaFlags: first.amaFlags
        )
        uniqueID = first.uniqueID.isEmpty ? nil : first.uniqueID
        self.linkedID = linkedID
        origin = "cel"
        // The number a customer dialled (our DID); a call our staff placed has none.
        if case .internalExtension = E164.read(first.callerNumber) { return }
        dialledNumber = [first.dialledNumber, first.exten].first { !$0.isEmpty && E164.normalize($0) != nil }
    }

    private static func isLocal(_ channel: String) -> Bool { channel.lowercased().hasPrefix("local/") }
}
