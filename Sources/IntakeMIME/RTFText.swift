import IntakeCore

/// The text of an RTF document (Microsoft's RTF 1.9.1 specification), as Outlook keeps a message body in
/// a winmail.dat: groups `{ }`, control words `\word-12 ` and symbols `\'e9`. Destinations that hold no
/// text (the font and colour tables, `\*` groups, pictures, field instructions: `RTFText.skipped`) are
/// left out; `\par` and `\line` are line ends; `\'hh` bytes are decoded in the code page of their font's
/// `\fcharset`, else of `\ansicpg`; `\uN` is a Unicode character whose `\ucN` fallback characters are
/// skipped.
///
/// RTF that Outlook made from an HTML body (`\fromhtml1`, MS-OXRTFEX) carries that HTML: the `\*\htmltag`
/// groups are its markup and `\htmlrtf` … `\htmlrtf0` encloses RTF-only formatting. Such a document is
/// returned as HTML, for the caller to take the visible text from.
enum RTFText {
    enum Document: Equatable {
        case text(String)
        case html(String)
    }

    /// What a group changes and `}` restores.
    struct GroupState {
        var isSkipped = false
        var isFontTable = false
        var isHidden = false
        var isHTMLRTF = false
        var font: Int?
        var unicodeFallback = 1
    }

    struct Reader {
        let b: [UInt8]
        var i = 0
        var state = GroupState()
        var stack: [GroupState] = []
        var isAtGroupStart = false
        var isStarred = false
        var isHTML = false
        var ansiCodePage = "cp1252"
        var defaultFont: Int?
        var fonts: [Int: String] = [:]
        var tableFont: Int?
        var fallbackToSkip = 0
        var highSurrogate: UInt32?
        var out: [UInt8] = []
        var pending: [UInt8] = []

        init(_ bytes: [UInt8]) { b = bytes }

        var isWriting: Bool { !state.isSkipped && !state.isFontTable && !state.isHidden && !(isHTML && state.isHTMLRTF) }

        mutating func read() -> Document {
            while i < b.count {
                let c = b[i]
                i += 1
                switch c {
                case UInt8(ascii: "{"):
                    flush()
                    stack.append(state)
                    if stack.count > 1000 { return document() }
                    isAtGroupStart = true
                    fallbackToSkip = 0
                    continue
                case UInt8(ascii: "}"):
                    flush()
                    if let outer = stack.popLast() { state = outer }
                    fallbackToSkip = 0
                case UInt8(ascii: "\\"):
                    control()
                case 0x0D, 0x0A, 0x00:
                    continue
                default:
                    character(c)
                }
                isAtGroupStart = false
            }
            return document()
        }

        func document() -> Document {
            var copy = self
            copy.flush()
            let text = String(decoding: copy.out, as: UTF8.self)
            return isHTML ? .html(text) : .text(text)
        }

        /// A byte of text: ASCII as is, anything else in the code page of the current font.
        mutating func character(_ c: UInt8) {
            if fallbackToSkip > 0 {
                fallbackToSkip -= 1
                return
            }
            guard isWriting else { return }
            if c < 0x80 {
                flush()
                out.append(c)
            } else {
                pending.append(c)
            }
        }

        /// What follows a backslash: a control symbol or a control word with its optional number.
        mutating func control() {
            guard i < b.count else { return }
            let c = b[i]
            guard RTFText.isLetter(c) else {
                i += 1
                symbol(c)
                return
            }
            let start = i
            while i < b.count, RTFText.isLetter(b[i]), i - start < 32 { i += 1 }
            let word = String(decoding: b[start..<i], as: UTF8.self)
            var number: Int?
            let negative = i < b.count && b[i] == UInt8(ascii: "-")
            if negative { i += 1 }
            var digits = 0
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39, digits < 10 {
                number = (number ?? 0) * 10 + Int(b[i] - 0x30)
                digits += 1
                i += 1
            }
            if negative { number = number.map { -$0 } }
            if i < b.count, b[i] == 0x20 { i += 1 }
            controlWord(word, number)
        }

        mutating func symbol(_ c: UInt8) {
            switch c {
            case UInt8(ascii: "'"):
                guard i + 1 < b.count, let high = Hex.value(b[i]), let low = Hex.value(b[i + 1]) else { return }
                i += 2
                if fallbackToSkip > 0 {
                    fallbackToSkip -= 1
                } else if isWriting {
                    pending.append(high << 4 | low)
                }
            case UInt8(ascii: "*"):
                isStarred = true
                return
            case UInt8(ascii: "~"):
                emit(" ")
            case UInt8(ascii: "_"):
                emit("-")
            case UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                character(c)
            case 0x0D, 0x0A:
                emit("\n")
            default:
                break
            }
            isStarred = false
        }

        mutating func controlWord(_ word: String, _ number: Int?) {
            defer { isStarred = false }
            if word == "fonttbl" {
                state.isFontTable = true
                return
            }
            if isStarred || (isAtGroupStart && RTFText.skipped.contains(word)) {
                if !(isHTML && word == "htmltag") { state.isSkipped = true }
                return
            }
            if state.isFontTable {
                fontTableWord(word, number)
                return
            }
            switch word {
            case "par", "line", "sect", "page", "row":
                emit("\n")
            case "tab", "cell":
                emit("\t")
            case "u":
                guard let number else { return }
                unicode(UInt32(truncatingIfNeeded: number < 0 ? number + 65536 : number))
                fallbackToSkip = state.unicodeFallback
            case "uc":
                state.unicodeFallback = max(0, min(number ?? 1, 8))
            case "f":
                flush()
                state.font = number
            case "deff":
                defaultFont = number
            case "ansicpg":
                if let number { ansiCodePage = RTFText.codePage(number) }
            case "mac":
                ansiCodePage = "macintosh"
            case "pc":
                ansiCodePage = "cp437"
            case "pca":
                ansiCodePage = "cp850"
            case "fromhtml":
                isHTML = number != 0
            case "htmlrtf":
                flush()
                state.isHTMLRTF = number != 0
            case "v":
                flush()
                state.isHidden = number != 0
            case "bin":
                i = min(b.count, i + max(0, number ?? 0))
            default:
                if let text = RTFText.symbols[word] { emit(text) }
            }
        }

        /// A font's number and character set, inside `\fonttbl`.
        mutating func fontTableWord(_ word: String, _ number: Int?) {
            switch word {
            case "f":
                tableFont = number
            case "fcharset":
                if let font = tableFont, let number, let page = RTFText.charsetCodePages[number] { fonts[font] = page }
            case "cpg":
                if let font = tableFont, let number { fonts[font] = RTFText.codePage(number) }
            default:
                break
            }
        }

        mutating func unicode(_ value: UInt32) {
            guard isWriting else { return }
            if (0xD800...0xDBFF).contains(value) {
                highSurrogate = value
                return
            }
            var scalar = value
            if (0xDC00...0xDFFF).contains(value) {
                guard let high = highSurrogate else { return }
                scalar = 0x10000 + ((high - 0xD800) << 10) + (value - 0xDC00)
            }
            highSurrogate = nil
            flush()
            Charset.appendUTF8(scalar, to: &out)
        }

        mutating func emit(_ text: String) {
            guard isWriting else { return }
            flush()
            out.append(contentsOf: text.utf8)
        }

        /// Decodes the `\'hh` bytes collected so far in the current font's code page: a double-byte code
        /// page (932, 936, 949, 950) writes one character as two of them.
        mutating func flush() {
            guard !pending.isEmpty else { return }
            var ignored: [String] = []
            let page = (state.font ?? defaultFont).flatMap { fonts[$0] } ?? ansiCodePage
            out.append(contentsOf: Charset.decode(pending, label: page, warnings: &ignored).utf8)
            pending.removeAll(keepingCapacity: true)
        }
    }

    /// The document's text or, for RTF made from HTML, its HTML.
    static func read(_ rtf: [UInt8]) -> Document {
        var reader = Reader(rtf)
        return reader.read()
    }

    /// What a reader sees: the text, or the visible text of the encapsulated HTML (`isHTML`); nil when blank.
    static func visibleText(_ rtf: [UInt8]) -> (text: String, isHTML: Bool)? {
        let (text, isHTML): (String, Bool)
        switch read(rtf) {
        case .text(let plain): (text, isHTML) = (plain, false)
        case .html(let html): (text, isHTML) = (HTMLText.text(html), true)
        }
        return text.allSatisfy(\.isWhitespace) ? nil : (text, isHTML)
    }

    static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
}
