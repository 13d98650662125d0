/// Files uuencoded into a plain-text body, the way attachments went before MIME and still go from Unix
/// scripts (`uuencode informe.csv informe.csv | mailx -s ...`, cron jobs on AIX, Solaris and HP-UX) and
/// from Outlook Express set to send uuencode: a `begin <octal mode> <name>` line, encoded lines, a line
/// with no bytes (`` ` ``) and `end` (POSIX `uuencode`, `UUDecoder`). Each whole block is a file and leaves
/// the text; one that is not whole (no `end`, a line no uuencoder writes) stays text, so prose that merely
/// starts with "begin" is never taken for a file.
enum UUEncodedText {
    struct File: Equatable {
        var filename: String
        var content: [UInt8]
    }

    /// The text (lines ending in `\n`) without its uuencoded blocks, and the files they hold.
    static func extract(_ text: String) -> (text: String, files: [File]) {
        guard text.contains("begin ") else { return (text, []) }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var kept: [Substring] = []
        var files: [File] = []
        var index = 0
        while index < lines.count {
            guard let name = filename(begin: lines[index]), let end = blockEnd(lines, after: index) else {
                kept.append(lines[index])
                index += 1
                continue
            }
            var ignored: [String] = []
            let block = lines[index...end].joined(separator: "\n")
            files.append(File(filename: name, content: UUDecoder.decode(Array(block.utf8)[...], warnings: &ignored)))
            index = end + 1
            if kept.last?.isEmpty == true, index < lines.count, lines[index].isEmpty { index += 1 }
        }
        return files.isEmpty ? (text, []) : (kept.joined(separator: "\n"), files)
    }

    /// The name on a `begin 644 name` line (a mode of 3 or 4 octal digits), or nil.
    static func filename(begin line: Substring) -> String? {
        guard line.hasPrefix("begin ") else { return nil }
        let rest = line.dropFirst(6)
        let mode = rest.prefix { ("0"..."7").contains($0) }
        guard (3...4).contains(mode.count), rest.dropFirst(mode.count).first == " " else { return nil }
        let name = String(rest.dropFirst(mode.count + 1)).trimmingSpaces()
        return name.isEmpty ? nil : name
    }

    /// The index of the `end` line closing the block begun at `begin`, when every line between is one a
    /// uuencoder writes: a length character and at most 15 groups of 4 characters, all from space to
    /// backquote (some encoders add a checksum character).
    static func blockEnd(_ lines: [Substring], after begin: Int) -> Int? {
        for index in (begin + 1)..<lines.count {
            let line = lines[index]
            if String(line).trimmingSpaces() == "end" { return index > begin + 1 ? index : nil }
            guard line.count <= 62, line.unicodeScalars.allSatisfy({ (0x20...0x60).contains($0.value) }) else { return nil }
        }
        return nil
    }
}
