import Foundation

/// Charsets without a table here, decoded by Foundation (ICU on Linux): the East Asian multi-byte ones
/// (Shift_JIS, ISO-2022-JP, GBK, Big5, EUC-KR and Outlook's `ks_c_5601-1987`), UTF-7, and the other
/// ISO-8859, Windows and DOS code pages. Values are CoreFoundation's `CFStringEncoding` constants; a label
/// that names a superset's subset (`gb2312`, `gbk`, `euc-kr`) is read with the superset, as browsers do: the
/// WHATWG Encoding Standard decodes every GBK label with the GB18030 decoder, so a four-byte GB18030
/// character (an emoji, a rare name) under `charset=gb2312` is read rather than failing the whole text.
extension Charset {
    static let foundationEncodings: [String: UInt] = {
        var table: [String: UInt] = [:]
        let groups: [(UInt, [String])] = [
            (0x0A01, ["shift-jis", "sjis", "x-sjis", "ms-kanji", "csshiftjis"]),
            (0x0420, ["windows-31j", "cp932", "ms932"]),
            (0x0820, ["iso-2022-jp", "csiso2022jp"]),
            (0x0821, ["iso-2022-jp-2"]),
            (0x0632, ["gb18030", "gb2312", "csgb2312", "euc-cn", "gbk", "x-gbk", "cp936", "ms936", "windows-936"]),
            (0x0A03, ["big5", "big-5", "cn-big5", "csbig5", "x-x-big5"]),
            (0x0A06, ["big5-hkscs"]),
            (0x0422, ["euc-kr", "ks-c-5601-1987", "ks-c-5601", "ksc5601", "korean", "cp949", "windows-949", "csksc56011987"]),
            (0x0840, ["iso-2022-kr"]),
            (0x0A08, ["koi8-u"]),
            (0x0203, ["iso-8859-3"]), (0x0204, ["iso-8859-4"]), (0x0205, ["iso-8859-5"]), (0x0206, ["iso-8859-6"]),
            (0x0207, ["iso-8859-7"]), (0x0208, ["iso-8859-8", "iso-8859-8-i"]), (0x0209, ["iso-8859-9", "latin5"]),
            (0x020A, ["iso-8859-10"]), (0x020B, ["iso-8859-11", "tis-620"]), (0x020D, ["iso-8859-13"]),
            (0x020E, ["iso-8859-14"]), (0x0210, ["iso-8859-16"]),
            (0x0503, ["windows-1253", "cp1253"]), (0x0504, ["windows-1254", "cp1254"]), (0x0505, ["windows-1255", "cp1255"]),
            (0x0506, ["windows-1256", "cp1256"]), (0x0507, ["windows-1257", "cp1257"]), (0x0508, ["windows-1258", "cp1258"]),
            (0x041D, ["windows-874", "cp874"]),
            (0x0400, ["ibm437", "cp437"]), (0x0410, ["ibm850", "cp850"]), (0x041B, ["ibm866", "cp866"]),
            (0x0400_0100, ["utf-7", "unicode-1-1-utf-7", "csunicode11utf7"]),
            (0x0000, ["macintosh", "mac", "x-mac-roman", "macroman", "csmacintosh"]),
        ]
        for (encoding, labels) in groups {
            for label in labels { table[label] = encoding }
        }
        return table
    }()

    /// The text, or nil when the bytes are not valid in that encoding.
    static func decodeWithFoundation<C: Collection>(_ bytes: C, encoding: UInt) -> String? where C.Element == UInt8 {
        String(data: Data(bytes), encoding: String.Encoding(rawValue: 0x8000_0000 | encoding))
    }
}
