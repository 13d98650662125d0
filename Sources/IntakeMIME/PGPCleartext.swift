/// Inline PGP signatures (RFC 4880 §7, the Cleartext Signature Framework), as Thunderbird before 78 with
/// Enigmail, Mutt and GPG plugins sign plain-text mail: the text sits between a `-----BEGIN PGP SIGNED
/// MESSAGE-----` line with its armor headers (`Hash: SHA256`) and a `-----BEGIN PGP SIGNATURE-----` …
/// `-----END PGP SIGNATURE-----` block, each line that starts with `-` escaped as `- -` (§7.1). The reader
/// wants the text: the armor goes and the escapes are undone, as an opaque S/MIME signature yields its
/// signed entity. The signature is not checked (that needs the sender's key, the desk's business).
enum PGPCleartext {
    static let begin = "-----BEGIN PGP SIGNED MESSAGE-----"
    static let signatureBegin = "-----BEGIN PGP SIGNATURE-----"
    static let signatureEnd = "-----END PGP SIGNATURE-----"

    /// The text with every signed block replaced by its cleartext; nil when it has none.
    static func unwrap(_ text: String) -> String? {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        guard lines.contains(where: { $0.trimmingTrailingSpaces() == begin }) else { return nil }
        var out: [Substring] = []
        var index = 0
        var found = false
        while index < lines.count {
            guard lines[index].trimmingTrailingSpaces() == begin,
                  let signature = lines[index...].firstIndex(where: { $0.trimmingTrailingSpaces() == signatureBegin })
            else {
                out.append(lines[index])
                index += 1
                continue
            }
            found = true
            var body = index + 1
            while body < signature, !lines[body].trimmingTrailingSpaces().isEmpty { body += 1 }
            for line in lines[min(body + 1, signature)..<signature] {
                out.append(line.hasPrefix("- ") ? line.dropFirst(2) : line)
            }
            let end = lines[signature...].firstIndex { $0.trimmingTrailingSpaces() == signatureEnd } ?? lines.count - 1
            index = end + 1
        }
        return found ? out.joined(separator: "\n") : nil
    }
}
