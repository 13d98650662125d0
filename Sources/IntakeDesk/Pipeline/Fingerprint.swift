import IntakeCore

/// The content fingerprint that finds "the same message again": the ticket text (quoted replies and
/// signatures already removed by the adapter, `>` lines dropped here) folded into words (case, accents,
/// punctuation and whitespace ignored), then hashed. Short texts ("ok", "gracias"), greetings alone
/// ("Hola, buenos días") and opening lines ("Buenos días, tengo una consulta": `CourtesyWords`) are too
/// common to mean a duplicate: they get no fingerprint.
/// One pass over the bytes: it runs for every message.
public enum Fingerprint {
    public static let minimumLength = 12

    public static func of(_ text: String?) -> String? {
        guard let text else { return nil }
        let folded = TextFolding.foldedWords(text, skippingQuotedLines: true)
        guard folded.count >= minimumLength, !CourtesyWords.only(folded) else { return nil }
        return Hex.encode(SHA256.hash(folded).prefix(16))
    }
}
