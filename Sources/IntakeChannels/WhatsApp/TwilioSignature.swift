public import IntakeCore

/// Twilio's request signing (docs "Webhooks security"): `X-Twilio-Signature` is the Base64 HMAC-SHA1,
/// keyed with the account auth token, of the full URL Twilio called (scheme, host, path, query) followed
/// by every POST parameter's name and value, sorted by name in byte order (case-sensitive), with no
/// separators. Repeated names are ordered by value too, as Twilio's helper libraries do. The URL is tried
/// as configured and with its scheme's default port added or removed (`https://a.example/x` and
/// `https://a.example:443/x`): Twilio signs the URL as it was entered in its console, which the gateway's
/// configured public URL may spell the other way; Twilio's own libraries accept both.
public enum TwilioSignature {
    public static func verify(authToken: String, url: String, parameters: [(name: String, value: String)], signature: String?) throws(SignatureError) {
        guard let signature, !signature.isEmpty else { throw .missing("X-Twilio-Signature") }
        guard let given = Base64.decode(signature), given.count == SHA1.digestSize else {
            throw .malformed("X-Twilio-Signature (want Base64 of 20 bytes)")
        }
        let key = Array(authToken.utf8)
        // Every variant is computed (no early exit), so the time taken does not tell which one matched.
        let matches = urlVariants(url).map { ConstantTime.equals(HMAC.sha1(key: key, message: signedData(url: $0, parameters: parameters)), given) }
        guard matches.contains(true) else { throw .mismatch }
    }

    /// `url` as given, then with its scheme's default port (443, 80) removed if it has it, or added if
    /// it has no port at all.
    static func urlVariants(_ url: String) -> [String] {
        let lower = url.lowercased()
        let (scheme, port) = lower.hasPrefix("https://") ? ("https://", ":443") : lower.hasPrefix("http://") ? ("http://", ":80") : ("", "")
        guard !scheme.isEmpty else { return [url] }
        let rest = url.dropFirst(scheme.count)
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let tail = rest[authorityEnd...]
        let head = url.prefix(scheme.count)
        // The host may be an IPv6 literal (`[::1]:443`): only a colon after its closing bracket is a port.
        let hostEnd = authority.lastIndex(of: "]") ?? authority.startIndex
        if let colon = authority[hostEnd...].lastIndex(of: ":") {
            guard authority[colon...] == port else { return [url] }
            return [url, String(head + authority[..<colon] + tail)]
        }
        return [url, String(head + authority) + port + String(tail)]
    }

    /// The bytes Twilio signs.
    static func signedData(url: String, parameters: [(name: String, value: String)]) -> [UInt8] {
        let sorted = parameters.map { (Array($0.name.utf8), Array($0.value.utf8)) }.sorted { a, b in
            a.0 == b.0 ? a.1.lexicographicallyPrecedes(b.1) : a.0.lexicographicallyPrecedes(b.0)
        }
        var data = Array(url.utf8)
        for (name, value) in sorted { data += name + value }
        return data
    }
}
