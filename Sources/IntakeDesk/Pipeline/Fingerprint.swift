public import IntakeCore

/// The content fingerprint that finds "the same message again": the ticket text (quoted replies and
/// signatures already removed by the adapter) lowercased, accents folded, punctuation and whitespace
/// collapsed, then hashed. Short texts ("ok", "gracias") are too common to mean a duplicate: no print.
public enum Fingerprint {
    public static let minimumLength = 12

    public static func of(_ text: String?) -> String? {
        guard let text else { return nil }
        var folded = ""
        var lastSpace = true
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.hasPrefix(">") {
            for ch in line.lowercased().folding() {
                if ch.isLetter || ch.isNumber {
                    folded.append(ch)
                    lastSpace = false
                } else if !lastSpace {
                    folded.append(" ")
                    lastSpace = true
                }
            }
            if !lastSpace {
                folded.append(" ")
                lastSpace = true
            }
        }
        let normalized = folded.trimmingWhitespace()
        guard normalized.count >= minimumLength else { return nil }
        return Hex.encode(SHA256.hash(Array(normalized.utf8)).prefix(16))
    }
}
