/// Splits CSV bytes into rows of fields (RFC 4180): `,` (or the file's own separator) separates fields,
/// a field may be wrapped in `"` with `""` for a quote inside, and quoted fields may hold commas and newlines. Rows end at LF or
/// CRLF outside quotes. Tolerant where RFC 4180 is strict: a quote inside an unquoted field, or text after
/// a closing quote, is kept literally.
struct CSVRowScanner {
    enum Outcome: Equatable {
        /// An empty line.
        case blank
        case fields([String])
        /// A quote was opened and not closed within `maximumRowBytes` (or before the end of the input);
        /// the row is given up up to its first newline, so the rows after it are still read.
        case unterminatedQuote
    }

    struct Row: Equatable {
        /// Offsets in the scanned bytes: the row's first byte and the byte just past its newline.
        var start: Int
        var end: Int
        /// Newlines consumed, including those inside quoted fields.
        var lineBreaks: Int
        var outcome: Outcome
    }

    private static let quote = UInt8(ascii: "\"")
    static let comma = UInt8(ascii: ",")
    /// The separators other than the comma that CSV files are written with: spreadsheets in locales whose
    /// decimal mark is the comma (Argentina's, Chile's) save with `;`, and "text" exports use tabs.
    static let otherSeparators: [UInt8] = [UInt8(ascii: ";"), UInt8(ascii: "\t")]
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    let bytes: [UInt8]
    let maximumRowBytes: Int
    let separator: UInt8
    var position = 0

    init(bytes: [UInt8], maximumRowBytes: Int, separator: UInt8 = CSVRowScanner.comma) {
        self.bytes = bytes
        self.maximumRowBytes = maximumRowBytes
        self.separator = separator
    }

    /// The separator of the first non-blank line from `start`: the one of `,` `;` tab that occurs most
    /// often outside quotes, the comma when none does more than it; nil while that line's end has not
    /// arrived (`isEndOfInput` ends it). Only that physical line is looked at, so the answer does not
    /// depend on how much of the file came with it.
    static func separator(ofFirstLineIn bytes: [UInt8], from start: Int = 0, isEndOfInput: Bool) -> UInt8? {
        var i = start
        while i < bytes.count, bytes[i] == lineFeed || bytes[i] == carriageReturn { i += 1 }
        guard let end = bytes[i...].firstIndex(of: lineFeed) ?? (isEndOfInput ? bytes.count : nil) else { return nil }
        var counts: [UInt8: Int] = [:]
        var inQuotes = false
        for b in bytes[i..<end] {
            if b == quote {
                inQuotes.toggle()
            } else if !inQuotes {
                counts[b, default: 0] += 1
            }
        }
        let commas = counts[comma] ?? 0
        let best = otherSeparators.max { (counts[$0] ?? 0) < (counts[$1] ?? 0) } ?? comma
        return (counts[best] ?? 0) > commas ? best : comma
    }

    /// The next complete row, or nil when the rest of the bytes is empty or an incomplete row.
    mutating func next(isEndOfInput: Bool) -> Row? {
        let start = position
        guard start < bytes.count else { return nil }
        var fields: [String] = []
        var field: [UInt8] = []
        var isQuoted = false
        var inQuotes = false
        var lineBreaks = 0
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == Self.quote {
                    if i + 1 < bytes.count, bytes[i + 1] == Self.quote {
                        field.append(Self.quote)
                        i += 2
                        continue
                    }
                    if i + 1 == bytes.count, !isEndOfInput { return nil }
                    inQuotes = false
                } else {
                    if b == Self.lineFeed { lineBreaks += 1 }
                    field.append(b)
                    if i - start >= maximumRowBytes { return giveUp(from: start) }
                }
                i += 1
                continue
            }
            switch b {
            case separator:
                fields.append(Self.decode(field))
                field = []
                isQuoted = false
            case Self.quote where field.isEmpty && !isQuoted:
                inQuotes = true
                isQuoted = true
            case Self.carriageReturn where i + 1 < bytes.count && bytes[i + 1] == Self.lineFeed:
                break
            case Self.carriageReturn where i + 1 == bytes.count && !isEndOfInput:
                return nil
            case Self.lineFeed:
                fields.append(Self.decode(field))
                position = i + 1
                let blank = fields == [""] && !isQuoted
                return Row(start: start, end: position, lineBreaks: lineBreaks + 1, outcome: blank ? .blank : .fields(fields))
            default:
                field.append(b)
            }
            i += 1
        }
        guard isEndOfInput else { return nil }
        if inQuotes { return giveUp(from: start) }
        fields.append(Self.decode(field))
        position = bytes.count
        let blank = fields == [""] && !isQuoted
        return Row(start: start, end: position, lineBreaks: lineBreaks, outcome: blank ? .blank : .fields(fields))
    }

    /// Skips a row with an unclosed quote up to its first newline (or everything, when there is none).
    private mutating func giveUp(from start: Int) -> Row {
        if let newline = bytes[start...].firstIndex(of: Self.lineFeed) {
            position = newline + 1
            return Row(start: start, end: position, lineBreaks: 1, outcome: .unterminatedQuote)
        }
        position = bytes.count
        return Row(start: start, end: position, lineBreaks: 0, outcome: .unterminatedQuote)
    }

    /// UTF-8 when the bytes are valid UTF-8; otherwise ISO-8859-1, which older PBXs write caller names in.
    static func decode(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }
}
