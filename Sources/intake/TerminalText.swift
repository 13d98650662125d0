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
    let isReplaced = { (s: Unicode.Scalar) in s.properties.generalCategory == .control && !kept.contains(s) }
    guard text.unicodeScalars.contains(where: isReplaced) else { return text }
    return String(String.UnicodeScalarView(text.unicodeScalars.map { isReplaced($0) ? " " : $0 }))
}
