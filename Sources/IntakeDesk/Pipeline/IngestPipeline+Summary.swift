import IntakeCore

/// The subject of a chat or call ticket: the first line of its text, cut at 80 characters.
extension IngestPipeline {
    /// The first line of a text, cut at 80 characters: a subject for chat and call tickets.
    static func summary(of text: String?) -> String? {
        guard let text else { return nil }
        if let summary = text.utf8.withContiguousStorageIfAvailable(plainSummary) ?? nil { return summary }
        return characterSummary(of: text)
    }

    /// `summary(of:)` by `Character`s: for any line.
    static func characterSummary(of text: String) -> String? {
        let end = lineEnd(text)
        let line = text[..<end].trimmingWhitespace()
        guard !line.isEmpty else { return nil }
        // Up to 80 bytes is up to 80 characters: only a longer line needs its characters counted.
        guard line.utf8.count > 80 else { return line }
        if let cut = line.utf8.withContiguousStorageIfAvailable(singleScalarCut) ?? nil {
            return cut.map { String(line[..<line.utf8.index(line.utf8.startIndex, offsetBy: $0)]) + "…" } ?? line
        }
        guard let cut = line.index(line.startIndex, offsetBy: 79, limitedBy: line.endIndex), cut < line.endIndex,
              line.index(after: cut) < line.endIndex
        else { return line }
        return String(line[..<cut]) + "…"
    }

    /// `summary(of:)` straight from the bytes, for the usual chat line: its first and last characters
    /// ASCII or Latin letters (so not whitespace beyond ASCII's), every character one scalar below
    /// U+0300 (see `singleScalarCut`). Nil sends any other line to the general path, which
    /// walks `Character`s; this one was 2.5 µs of a webhook's prepare.
    static func plainSummary(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) }
        func isLatinLead(_ b: UInt8) -> Bool { (0xC3...0xCB).contains(b) }
        let lineEnd = bytes.firstIndex { $0 == 0x0A || $0 == 0x0D } ?? bytes.count
        var start = 0
        var end = lineEnd
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        guard start < end, bytes[start] < 0x80 && !isSpace(bytes[start]) || isLatinLead(bytes[start]) else { return nil }
        let last = bytes[end - 1]
        guard last < 0x80 || (0x80...0xBF).contains(last) && end - start >= 2 && isLatinLead(bytes[end - 2]) else { return nil }
        let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
        guard let cut = singleScalarCut(line) else { return nil }
        return cut.map { String(decoding: UnsafeBufferPointer(rebasing: line[..<$0]), as: UTF8.self) + "…" }
            ?? String(decoding: line, as: UTF8.self)
    }

    /// Where the first line of `text` ends (its first CR or LF), found over the contiguous bytes.
    static func lineEnd(_ text: String) -> String.Index {
        let offset = text.utf8.withContiguousStorageIfAvailable { bytes in bytes.firstIndex { $0 == 0x0A || $0 == 0x0D } }
            ?? text.utf8.firstIndex { $0 == 0x0A || $0 == 0x0D }.map { text.utf8.distance(from: text.utf8.startIndex, to: $0) }
        return offset.map { text.utf8.index(text.utf8.startIndex, offsetBy: $0) } ?? text.utf8.endIndex
    }

    /// Counting `Character`s means finding grapheme cluster boundaries, costly per message. In text
    /// made only of ASCII (no CR or LF: the line ends before them) and of U+0080–U+02FF (Latin letters
    /// with their accents precomposed, as Spanish is typed; no combining mark starts below U+0300), each
    /// scalar is one character, so the bytes can be counted instead. Returns nil when the line has any
    /// other scalar before its 81st character (the caller counts characters), `.some(nil)` when it has
    /// at most 80 characters, or the offset where the 80th character starts (the cut before it).
    static func singleScalarCut(_ line: UnsafeBufferPointer<UInt8>) -> Int?? {
        var characters = 0
        var cut: Int?
        for (offset, byte) in line.enumerated() {
            if byte < 0x80 || (0xC2...0xCB).contains(byte) {
                if characters == 79 { cut = offset }
                characters += 1
                if characters > 80 { return .some(cut) }
            } else if byte > 0xBF {
                return nil
            }
        }
        return .some(nil)
    }
}
