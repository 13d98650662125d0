import IntakeCore

extension CDRRecord {
    /// Adds another record of the same call (the same `uniqueid`) to this one.
    ///
    /// Since Asterisk 12 a call writes one CDR for each party its first channel met, all with that
    /// channel's `uniqueid` and told apart by `sequence` (Asterisk's "CDR specification": uniqueid,
    /// linkedid and sequence together identify a record): a queue that rang three agents leaves three rows,
    /// `NO ANSWER` for the two who did not pick up and `ANSWERED` for the one who did; a transfer leaves a
    /// row per leg. They are one call from one customer, and `uniqueid` is the call's id: read one by one,
    /// the first row would be a missed call and the answered one a redelivery of it. So the legs become
    /// one record: answered when any leg was (its billable seconds added up, its destination channel
    /// kept), from the earliest start to the latest end, the first leg's numbers and disposition otherwise.
    mutating func absorb(_ leg: CDRRecord) {
        if leg.start < start {
            start = leg.start
            startText = leg.startText
        }
        answer = [answer, leg.answer].compactMap { $0 }.min()
        end = [end, leg.end].compactMap { $0 }.max()
        duration = max(duration, leg.duration)
        if let end { duration = max(duration, Int(end.seconds - start.seconds)) }
        if leg.wasTalkedTo {
            if !wasTalkedTo {
                disposition = leg.disposition
                destinationChannel = leg.destinationChannel
                lastApplication = leg.lastApplication
                lastData = leg.lastData
                billableSeconds = 0
            }
            billableSeconds += leg.billableSeconds
        }
        userField = userField ?? leg.userField
        linkedID = linkedID ?? leg.linkedID
        sequence = [sequence, leg.sequence].compactMap { $0 }.min()
        dialledNumber = dialledNumber ?? leg.dialledNumber
        legs += 1
    }

    /// Answered by a person: `ANSWERED` with billable seconds, bridged to a destination channel (when the
    /// file names channels at all), and not by voicemail. Asterisk writes `ANSWERED` as soon as anything
    /// answers the caller's channel: an IVR menu the caller hung up in, a queue playing hold music to a
    /// caller who gave up before an agent took the call (no `dstchannel`), voicemail (`lastapp`
    /// `VoiceMail`, billsec the length of the message). For the support line those are missed calls.
    var wasTalkedTo: Bool {
        guard disposition == "ANSWERED", billableSeconds > 0, !wentToVoicemail else { return false }
        return channel.trimmingWhitespace().isEmpty || !destinationChannel.trimmingWhitespace().isEmpty
    }

    /// The call ended in voicemail.
    var wentToVoicemail: Bool { lastApplication.trimmingWhitespace().lowercased() == "voicemail" }
}
