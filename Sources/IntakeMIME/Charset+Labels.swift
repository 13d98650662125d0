/// Charset labels and how they are matched. Mailers spell one charset many ways (`cp-850`, `CP_1252`,
/// `windows1251`, `ISO_8859-15`, `UTF8`), so labels are compared as Unicode Technical Standard #22 §1.4
/// ("Charset Alias Matching") says, as ICU does: case, punctuation and spaces ignored, and leading zeros
/// of a number dropped. No two labels here share a key.
extension Charset {
    /// The decoders with a table or a reader here; the rest are Foundation's (`foundationEncodings`).
    static let ownDecoders: [(Decoder, [String])] = [
        (.utf8, ["utf-8", "unicode-1-1-utf-8", "x-unicode20utf8", "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us",
                 "ibm367", "cp367", "csascii", "default", "x-unknown", "unknown-8bit", "8bit"]),
        (.table(windows1252), ["iso-8859-1", "iso_8859-1:1987", "latin1", "l1", "cp819", "ibm819", "iso-ir-100",
                               "windows-1252", "cp1252", "x-cp1252", "ms-ansi", "ansi", "win-1252"]),
        (.table(iso8859_15), ["iso-8859-15", "latin-9", "l9"]),
        (.table(iso8859_2), ["iso-8859-2", "latin2", "l2"]),
        (.table(windows1250), ["windows-1250", "cp1250", "x-cp1250", "win-1250"]),
        (.table(windows1251), ["windows-1251", "cp1251", "x-cp1251", "win-1251"]),
        (.table(koi8r), ["koi8-r", "koi8", "cskoi8r"]),
        (.utf16(bigEndian: nil), ["utf-16"]),
        (.utf16(bigEndian: true), ["utf-16be", "unicodefffe"]),
        // Windows calls UTF-16LE "Unicode": .NET and Delphi mailers write `charset=unicode` (WHATWG's labels).
        (.utf16(bigEndian: false), ["utf-16le", "unicode", "ucs-2", "csunicode", "iso-10646-ucs-2", "unicodefeff"]),
        (.eucJP, ["euc-jp", "x-euc-jp", "x-euc", "cseucpkdfmtjapanese"]),
    ]

    static let decodersByLabel: [String: Decoder] = {
        var table: [String: Decoder] = [:]
        for (decoder, labels) in ownDecoders {
            for label in labels { table[aliasKey(label)] = decoder }
        }
        for (label, encoding) in foundationEncodings { table[aliasKey(label)] = .foundation(encoding) }
        return table
    }()

    /// A label's key for matching (UTS #22 §1.4): its ASCII letters lowercased and its digits, everything
    /// else dropped, and a `0` dropped where it starts a number (`cp-0850` is `cp850`; `iso-8859-10` keeps
    /// its zero).
    static func aliasKey(_ label: String) -> String {
        var key = ""
        var previous: Character?
        for c in label.lowercased() where c.isASCII && (c.isLetter || c.isNumber) {
            if c == "0", !(previous?.isNumber ?? false) { continue }
            key.append(c)
            previous = c
        }
        return key
    }
}
