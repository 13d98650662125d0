import IntakeCore

extension CDRRecord {
    /// What tells the rows of one call: `linkedid`, which every channel of a call shares (FreePBX queues
    /// ring their members through Local channels, whose CDRs have a `uniqueid` of their own, the caller's
    /// number as `src` and the caller's `uniqueid` as `linkedid`), else the `uniqueid`; nil for a file
    /// with neither, whose rows are each a call.
    var callKey: String? { linkedID ?? uniqueID }

    /// Adds another record of the same call (`callKey`) to this one.
    ///
    /// Since Asterisk 12 a call writes one CDR for each party its first channel met, all with that
    /// channel's `uniqueid` and told apart by `sequence` (Asterisk's "CDR specification": uniqueid,
    /// linkedid and sequence together identify a record): a queue that rang three agents leaves three rows,
    /// `NO ANSWER` for the two who did not pick up and `ANSWERED` for the one who did; a transfer leaves a
    /// row per leg. The other channels of the call write theirs with its `linkedid` (a queue's Local
    /// channels, one per member rung). They are one call from one customer: read one by one, the first row
    /// would be a missed call and the answered one a redelivery of it, or a second call. So the legs become
    /// one record: answered when any leg was (its destination channel kept), from the earliest start to the
    /// latest end, with the numbers, disposition and `uniqueid` of the originating channel's row (the one
    /// whose `uniqueid` is the `linkedid`) whichever row came first, else of the first row.
    mutating func absorb(_ leg: CDRRecord) {
        guard leg.isOriginatingChannel, !isOriginatingChannel else { return absorbLeg(leg) }
        let earlier = self
        self = leg
        absorbLeg(earlier)
    }

    /// The row of the channel the call started on.
    private var isOriginatingChannel: Bool { uniqueID != nil && uniqueID == linkedID }

    /// Billable seconds on the first row's channel follow one another (a transfer: one talk after another)
    /// and add up; another channel's (the Local channel that rang the agent who answered) are the same
    /// talk seen from the other end, and the longer one counts.
    private mutating func absorbLeg(_ leg: CDRRecord) {
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
            billableSeconds = leg.channel == channel ? billableSeconds + leg.billableSeconds : max(billableSeconds, leg.billableSeconds)
            // Talk after talk never lasts longer than the call did.
            billableSeconds = min(billableSeconds, duration)
        } else if leg.wentToVoicemail, !wasTalkedTo {
            // A ring group or queue nobody answered sends the caller to voicemail: the `Dial` leg and the
            // `VoiceMail` leg are one missed call, and that the caller left a message is what staff need.
            lastApplication = leg.lastApplication
            lastData = leg.lastData
        }
        userField = userField ?? leg.userField
        linkedID = linkedID ?? leg.linkedID
        sequence = [sequence, leg.sequence].compactMap { $0 }.min()
        dialledNumber = dialledNumber ?? leg.dialledNumber
        legs += leg.legs
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

    /// The PBX took a fax (`ReceiveFAX`, the older `RxFAX`): answered by a machine, on purpose. No one is
    /// to call back, as for a missed call; the fax is what the sender sent.
    var receivedFax: Bool {
        let app = lastApplication.trimmingWhitespace().lowercased()
        return (app == "receivefax" || app == "rxfax") && disposition == "ANSWERED" && billableSeconds > 0
    }

    /// The call ended in voicemail.
    var wentToVoicemail: Bool { lastApplication.trimmingWhitespace().lowercased() == "voicemail" }
}
