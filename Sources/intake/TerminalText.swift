/// Text that came from outside (a subject, a message, an id a platform sent) as the CLI prints it. A
/// control character would break a tab-separated record (a subject decoded from
/// `=?UTF-8?Q?uno=09dos=0Atres?=`) or drive the engineer's terminal (`ESC [2J` clears it), so each
/// becomes a space.

/// `text` as one field of a tab-separated line: tabs and newlines become spaces too, so every record
/// stays one line with the same columns.
func oneLine(_ text: String) -> String {
    replacingControls(in: text, keeping: [])
}

/// `text` as lines of a multi-line view (`ticket`): newlines and tabs stay, other controls go.
func printable(_ text: String) -> String {
    replacingControls(in: text, keeping: ["\n", "\t"])
}

private func replacingControls(in text: String, keeping kept: Set<Unicode.Scalar>) -> String {
    // Unicode's control characters (general category Cc) are U+0000–U+001F and U+007F–U+009F, fixed by
    // the standard; checked by value, not through the property tables, which were 5 % of `ingest`
    // printing a line per message. In UTF-8 each starts with a byte below 0x20, 0x7F or 0xC2 (C1).
    guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }) else { return text }
    let isReplaced = { (s: Unicode.Scalar) in (s.value < 0x20 || (0x7F...0x9F).contains(s.value)) && !kept.contains(s) }
    guard text.unicodeScalars.contains(where: isReplaced) else { return text }
    return String(String.UnicodeScalarView(text.unicodeScalars.map { isReplaced($0) ? " " : $0 }))
}
