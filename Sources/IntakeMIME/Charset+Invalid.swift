/// Text that is not valid in its Foundation charset: a Shift_JIS or Big5 body with one stray byte, a
/// Windows-1255 one with a byte the code page leaves undefined. Foundation decodes all or nothing, and
/// reading the whole text as UTF-8/Windows-1252 for one bad byte turned every character into mojibake.
///
/// Bytes that are valid UTF-8 were mislabelled and are read as UTF-8. Otherwise the valid runs are decoded
/// and each invalid byte becomes U+FFFD, as the WHATWG Encoding Standard's decoders do; when more than one
/// byte in a hundred (and more than 32) is invalid the label is wrong rather than the text, which gets the
/// UTF-8/Windows-1252 fallback, as an unknown charset does. Stateful charsets (ISO-2022, UTF-7) cannot be
/// cut anywhere: they are decoded line by line (they return to ASCII before each line end, RFC 1468), an
/// invalid line getting the UTF-8/Windows-1252 fallback.
extension Charset {
    static func decodeInvalid(_ bytes: [UInt8], encoding: UInt, label: String, warnings: inout [String]) -> String {
        if let text = mislabelledUTF8(bytes) {
            warnings.append("text declared as \(label) is valid UTF-8, read as UTF-8")
            return text
        }
        var ignored: [String] = []
        guard statefulEncodings.contains(encoding) else {
            if let text = decodeReplacingInvalid(bytes[...], encoding: encoding, limit: max(32, bytes.count / 100)) {
                warnings.append("bytes not valid in the charset \(label) replaced by U+FFFD")
                return text
            }
            warnings.append("text not valid in its charset \(label), read as UTF-8 or Windows-1252")
            return decodeUTF8(bytes, label: label, warnings: &ignored)
        }
        warnings.append("lines not valid in the charset \(label) read as UTF-8 or Windows-1252")
        return bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            decodeWithFoundation(line, encoding: encoding) ?? decodeUTF8(line, label: label, warnings: &ignored)
        }.joined(separator: "\n")
    }

    /// ISO-2022-JP, ISO-2022-JP-2, ISO-2022-KR and UTF-7: escape sequences or shifts change what later
    /// bytes mean.
    static let statefulEncodings: Set<UInt> = [0x0820, 0x0821, 0x0840, 0x0400_0100]

    /// Decodes runs of bytes, a run halving after it fails and doubling after it succeeds, so that text
    /// with one bad byte costs a few calls near it and text with many costs a few per character. A run
    /// is tried ending at its last four bytes, as a character (at most four bytes) may straddle its end;
    /// once runs are down to four bytes, a byte that starts no character of one to four bytes is invalid.
    /// Nil after more than `limit` invalid bytes.
    static func decodeReplacingInvalid(_ bytes: ArraySlice<UInt8>, encoding: UInt, limit: Int) -> String? {
        var out = ""
        var invalid = 0
        var i = bytes.startIndex
        var runLength = 1024
        while i < bytes.endIndex {
            let end = min(i + runLength, bytes.endIndex)
            let cuts = runLength <= 4 ? Array((i + 1)...(i + 4)) : [end, end - 1, end - 2, end - 3]
            var decoded: (text: String, end: Int)?
            for cut in cuts where cut > i && cut <= bytes.endIndex {
                if let text = decodeWithFoundation(bytes[i..<cut], encoding: encoding), !text.isEmpty {
                    decoded = (text, cut)
                    break
                }
            }
            if let decoded {
                out += decoded.text
                i = decoded.end
                runLength = min(runLength * 2, 4096)
            } else if runLength <= 4 {
                invalid += 1
                if invalid > limit { return nil }
                out += "\u{FFFD}"
                i += 1
            } else {
                runLength /= 2
            }
        }
        return out
    }
}
