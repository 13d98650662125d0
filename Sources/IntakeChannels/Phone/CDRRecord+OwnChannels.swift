extension CDRRecord {
    /// The CDR Asterisk (1.8 to 11) writes for the outgoing channel a `Dial()` opened, beside the calling
    /// channel's: `lastapp` `AppDial`, `lastdata` `(Outgoing Line)`.
    var isDialledChannelsOwnRow: Bool { lastApplication.trimmingWhitespace().caseInsensitiveCompare("AppDial") == .orderedSame }

    /// The endpoint (device, peer) of the channel the call started on: `PJSIP/telefon-42-00000064` →
    /// `telefon-42`, `SIP/101-0000000a` → `101`, `IAX2/sede-norte-4711` → `sede-norte`. Asterisk names
    /// a channel `TECH/endpoint-<sequence in hex>`; nil for a channel without that shape (`Local/...;1`,
    /// `DAHDI/1-1`, an empty one).
    var channelEndpoint: String? {
        guard let slash = channel.firstIndex(of: "/") else { return nil }
        let tech = channel[..<slash].uppercased()
        guard ["PJSIP", "SIP", "IAX2"].contains(tech) else { return nil }
        let name = channel[channel.index(after: slash)...]
        guard let dash = name.lastIndex(of: "-"), dash > name.startIndex,
              name[name.index(after: dash)...].allSatisfy(\.isHexDigit), name.index(after: dash) < name.endIndex
        else { return nil }
        return String(name[..<dash])
    }

    /// The caller is a device of the PBX itself, not a customer on a trunk:
    /// - named rather than numbered (`telefon-42`, `recepcion`): its `src` is the endpoint its channel
    ///   started on; a caller from a trunk has the trunk's endpoint on its channel and its own number (or
    ///   `anonymous`) as `src`, never the same;
    /// - an extension's phone presenting its direct number (`PJSIP/8576-…` calling as `4830258576`): the
    ///   endpoint is a short number the `src` ends with, as a DID built on the extension does;
    /// - the PBX's own console (`Console/dsp`).
    func callerIsLocalEndpoint(_ caller: String) -> Bool {
        if channel.lowercased().hasPrefix("console/") { return true }
        guard let endpoint = channelEndpoint, !caller.isEmpty else { return false }
        if endpoint.caseInsensitiveCompare(caller) == .orderedSame { return true }
        let digits = caller.filter(\.isASCIIDigit)
        return (2...6).contains(endpoint.count) && endpoint.allSatisfy(\.isASCIIDigit) && digits.count > endpoint.count
            && digits.hasSuffix(endpoint)
    }
}
