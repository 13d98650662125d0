extension CDRRecord {
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

    /// The caller is a device of the PBX itself, named rather than numbered (`telefon-42`, `recepcion`):
    /// its `src` is the endpoint its channel started on. A caller from a trunk has the trunk's endpoint
    /// on its channel and its own number (or `anonymous`) as `src`, never the same.
    func callerIsLocalEndpoint(_ caller: String) -> Bool {
        guard let endpoint = channelEndpoint, !caller.isEmpty else { return false }
        return endpoint.caseInsensitiveCompare(caller) == .orderedSame
    }
}
