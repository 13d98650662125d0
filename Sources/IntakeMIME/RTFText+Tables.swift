/// The words and numbers `RTFText` needs to know.
extension RTFText {
    /// Destinations whose contents are no text of the body, skipped when they open a group (the `\*` ones
    /// are skipped anyway): tables, document information, pictures and objects' data, headers and
    /// footers, and a field's instruction (`HYPERLINK "..."`; its result, the text shown, is kept).
    static let skipped: Set<String> = [
        "colortbl", "stylesheet", "info", "pict", "nonshppict", "objdata", "header", "headerl", "headerr", "headerf",
        "footer", "footerl", "footerr", "footerf", "fldinst", "xe", "tc", "txe", "listtable", "listoverridetable",
        "revtbl", "rsidtbl", "generator", "xmlnstbl", "themedata", "colorschememapping", "latentstyles", "datastore",
        "filetbl", "pntxta", "pntxtb", "private", "template", "userprops", "bkmkstart", "bkmkend",
    ]

    /// Control words that stand for a character.
    static let symbols: [String: String] = [
        "emdash": "\u{2014}", "endash": "\u{2013}", "bullet": "\u{2022}", "lquote": "\u{2018}", "rquote": "\u{2019}",
        "ldblquote": "\u{201C}", "rdblquote": "\u{201D}", "emspace": " ", "enspace": " ", "qmspace": " ",
    ]

    /// The Windows code page of an `\fcharset` (RTF 1.9.1, the font table); ANSI (0), default (1) and
    /// symbol (2) fonts use the document's `\ansicpg`.
    static let charsetCodePages: [Int: String] = [
        77: "macintosh", 128: "cp932", 129: "cp949", 134: "cp936", 136: "big5", 161: "cp1253", 162: "cp1254",
        163: "cp1258", 177: "cp1255", 178: "cp1256", 186: "cp1257", 204: "cp1251", 222: "cp874", 238: "cp1250",
        254: "cp437", 255: "cp850",
    ]

    /// The charset label of a Windows code page number (`\ansicpg1252`, `\cpg65001`).
    static func codePage(_ number: Int) -> String {
        switch number {
        case 65001: "utf-8"
        case 10000: "macintosh"
        case 950: "big5"
        case 20866: "koi8-r"
        case 28591: "iso-8859-1"
        case 28592: "iso-8859-2"
        case 28605: "iso-8859-15"
        default: "cp\(number)"
        }
    }
}
