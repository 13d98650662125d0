public import IntakeCore

/// The content fingerprint that finds "the same message again": the ticket text (quoted replies and
/// signatures already removed by the adapter, `>` lines dropped here) folded into words (case, accents,
/// punctuation and whitespace ignored), then hashed. Short texts ("ok", "gracias") are too common to
/// mean a duplicate: they get no fingerprint. One pass over the scalars: it runs for every message.
public enum Fingerprint {
    public static let minimumLength = 12

    public static func of(_ text: String?) -> String? {
        guard let text else { return nil }
        var folded: [UInt8] = []
        folded.reserveCapacity(text.utf8.count)
        var atLineStart = true
        var quoted = false
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                atLineStart = true
                quoted = false
                pendingSpace = !folded.isEmpty
                continue
            }
            if atLineStart {
                atLineStart = false
                quoted = scalar == ">"
            }
            if quoted { continue }
            if let f = TextFolding.fold(scalar) {
                if pendingSpace { folded.append(0x20) }
                pendingSpace = false
                TextFolding.appendUTF8(f, to: &folded)
            } else {
                pendingSpace = !folded.isEmpty
            }
        }
        guard folded.count >= minimumLength else { return nil }
        return Hex.encode(SHA256.hash(folded).prefix(16))
    }
}
