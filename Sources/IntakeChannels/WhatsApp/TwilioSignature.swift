public import IntakeCore

/// Twilio's request signing (docs "Webhooks security"): `X-Twilio-Signature` is the Base64 HMAC-SHA1,
/// keyed with the account auth token, of the full URL Twilio called (scheme, host, path, query) followed
/// by every POST parameter's name and value, sorted by name in byte order (case-sensitive), with no
/// separators. Repeated names are ordered by value too, as Twilio's helper libraries do.
public enum TwilioSignature {
    public static func verify(authToken: String, url: String, parameters: [(name: String, value: String)], signature: String?) throws(SignatureError) {
        guard let signature, !signature.isEmpty else { throw .missing("X-Twilio-Signature") }
        guard let given = Base64.decode(signature), given.count == SHA1.digestSize else {
            throw .malformed("X-Twilio-Signature (want Base64 of 20 bytes)")
        }
        guard ConstantTime.equals(HMAC.sha1(key: Array(authToken.utf8), message: signedData(url: url, parameters: parameters)), given) else {
            throw .mismatch
        }
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
