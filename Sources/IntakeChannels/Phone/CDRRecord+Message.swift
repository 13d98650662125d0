public import IntakeCore

extension CDRRecord {
    /// Which way the call went: a customer number calling in is inbound, an extension calling a number is
    /// outbound, extension to extension is internal.
    public func direction(defaultCountry: String = "54", localArea: String? = nil) -> CallDirection {
        CallDirection.between(callerParty(defaultCountry, localArea), CallParty(destination, defaultCountry: defaultCountry, localArea: localArea))
    }

    /// The record as a phone-channel message.
    ///
    /// Inbound calls are what the pipeline tickets: `NO ANSWER`, `BUSY`, `FAILED`, `CONGESTION`, and
    /// `ANSWERED` calls no person took (no billable second, no destination channel, voicemail: see
    /// `wasTalkedTo`) are missed calls; the rest are answered calls. Outbound and extension-to-extension calls become `.call` messages with metadata
    /// `internal: true`: staff calling is no customer request, so the pipeline opens no ticket for them;
    /// an answered one to a number with an open ticket is our answer on it (`AnsweredCall`).
    public func message(timeZone: LocalTimeZone = .argentina, defaultCountry: String = "54", localArea: String? = nil) -> InboundMessage {
        let clid = CallerID(callerID)
        let caller = callerParty(defaultCountry, localArea)
        let callee = CallParty(destination, defaultCountry: defaultCountry, localArea: localArea)
        let direction = CallDirection.between(caller, callee)
        let isInbound = direction == .inbound
        let isMissed = isInbound && !wasTalkedTo && !receivedFax

        var message = InboundMessage(
            channel: .phone,
            externalID: uniqueID ?? fallbackExternalID,
            sender: InboundMessage.Sender(id: caller.id, name: clid.name),
            conversation: (isInbound ? dialledNumber.flatMap { CallParty($0, defaultCountry: defaultCountry, localArea: localArea).e164 } : nil)
                ?? callee.e164 ?? Self.nonEmpty(destination),
            threadKey: isInbound ? caller.e164 : callee.e164,
            sentAt: start,
            kind: isMissed ? .missedCall : .call
        )
        if isMissed {
            message.text = CallText.missed(name: clid.name, caller: caller.id, at: start, timeZone: timeZone)
        } else if isInbound, receivedFax {
            message.text = CallText.fax(name: clid.name, caller: caller.id, seconds: billableSeconds)
        } else if isInbound {
            message.text = CallText.answered(name: clid.name, caller: caller.id, seconds: billableSeconds)
        } else {
            message.text = CallText.placed(direction: direction, caller: caller.id, callee: callee.id, seconds: billableSeconds)
        }
        if let basis = dispositionBasis {
            message.warnings.append("no disposition in the CDR: \(disposition) inferred from \(basis)")
        }
        if case .unknown(let raw) = caller {
            message.warnings.append("caller number withheld or not a phone number: \(raw.isEmpty ? "(empty)" : raw)")
        }
        message.metadata = metadata(direction: direction)
        return message
    }

    /// `cdr-` and the first 32 hex digits of SHA-256(src|start|channel), for files written without
    /// `loguniqueid=yes`: the same row always gets the same id, so a re-read is a duplicate.
    public var fallbackExternalID: String {
        "cdr-" + String(SHA256.hex(Array("\(source)|\(startText)|\(channel)".utf8)).prefix(32))
    }

    /// `src`, or the number in `clid` when `src` is empty or unreadable; a device of the PBX itself
    /// (`callerIsLocalEndpoint`) is an extension: staff calling out or each other, not a customer.
    private func callerParty(_ defaultCountry: String, _ localArea: String?) -> CallParty {
        let party = CallParty(source, defaultCountry: defaultCountry, localArea: localArea)
        let written = source.trimmingWhitespace()
        if callerIsLocalEndpoint(written) { return .internalExtension(channelEndpoint ?? (written.isEmpty ? channel : written)) }
        if case .unknown = party, let number = CallerID(callerID).number {
            let fromCallerID = CallParty(number, defaultCountry: defaultCountry, localArea: localArea)
            if case .unknown = fromCallerID { return party }
            return fromCallerID
        }
        return party
    }

    private func metadata(direction: CallDirection) -> JSONObject {
        var m = JSONObject()
        m["source"] = .string(origin)
        m["direction"] = .string(direction.rawValue)
        m["internal"] = .bool(direction != .inbound)
        m["disposition"] = .string(disposition)
        if let dispositionBasis { m["disposition_inferred_from"] = .string(dispositionBasis) }
        m["duration"] = .int(duration)
        m["billsec"] = .int(billableSeconds)
        m["dcontext"] = .string(destinationContext)
        m["channel"] = .string(channel)
        m["dstchannel"] = .string(destinationChannel)
        m["lastapp"] = .string(lastApplication)
        m["lastdata"] = .string(lastData)
        m["userfield"] = .optional(userField)
        m["answered_at"] = .optional(answer?.iso8601)
        m["ended_at"] = .optional(end?.iso8601)
        if !accountCode.isEmpty { m["accountcode"] = .string(accountCode) }
        if let linkedID { m["linkedid"] = .string(linkedID) }
        if let dialledNumber { m["did"] = .string(dialledNumber) }
        if legs > 1 { m["legs"] = .int(legs) }
        if wentToVoicemail { m["voicemail"] = true }
        return m
    }
}
