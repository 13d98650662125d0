/// A WhatsApp business-scoped user ID (BSUID, Meta 2026): how a customer who adopted a WhatsApp username is
/// known when the webhook leaves their phone number out (`from: ""`, `from_user_id`). The user's ISO 3166
/// country code, a dot, and an opaque id (`US.13491208655302741918`; a parent one, `US.ENT.1181...`). It is
/// no phone number: it is stored and sent back as received (`recipient`, not `to`, when we answer).
public enum WhatsAppUserID {
    public static func isUserID(_ id: String) -> Bool {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, let country = parts.first, country.count == 2, country.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            return false
        }
        return parts.dropFirst().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}
