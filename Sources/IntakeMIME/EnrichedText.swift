/// The plain text of a `text/enriched` body (RFC 1896), which Eudora, Apple Mail and Emacs send for styled
/// text: formatting commands (`<bold>`, `</color>`) dropped; what a `<param>` holds (a colour, a font
/// name) dropped; `<<` read as `<`. Line breaks follow §2.2: outside `<nofill>`, one line break is a space
/// (the sender's wrapping) and a run of n breaks stands for n − 1; inside `<nofill>` each one counts.
/// Unknown commands are ignored and their text kept, as §4 asks of every reader.
public enum EnrichedText {
    public static func text(_ enriched: String) -> String {
        let scalars = lineFeedScalars(enriched)
        var out = String.UnicodeScalarView()
        var paramDepth = 0
        var nofillDepth = 0
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            i += 1
            if c == "<" {
                if i < scalars.count, scalars[i] == "<" {
                    i += 1
                    if paramDepth == 0 { out.append("<") }
                    continue
                }
                var name = ""
                while i < scalars.count, scalars[i] != ">" {
                    name.unicodeScalars.append(scalars[i])
                    i += 1
                }
                i += 1
                switch name.lowercased() {
                case "param": paramDepth += 1
                case "/param": paramDepth = max(0, paramDepth - 1)
                case "nofill": nofillDepth += 1
                case "/nofill": nofillDepth = max(0, nofillDepth - 1)
                default: break
                }
            } else if paramDepth > 0 {
                continue
            } else if c == "\n", nofillDepth == 0 {
                var breaks = 1
                while i < scalars.count, scalars[i] == "\n" {
                    breaks += 1
                    i += 1
                }
                if breaks == 1 {
                    out.append(" ")
                } else {
                    out.append(contentsOf: repeatElement("\n", count: breaks - 1))
                }
            } else {
                out.append(c)
            }
        }
        return String(out)
    }

    /// The scalars with CRLF and lone CR as LF: §2.2 counts line breaks, whatever the sender's line ends.
    static func lineFeedScalars(_ text: String) -> [Unicode.Scalar] {
        let scalars = Array(text.unicodeScalars)
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(scalars.count)
        for (index, scalar) in scalars.enumerated() {
            if scalar != "\r" {
                out.append(scalar)
            } else if index + 1 == scalars.count || scalars[index + 1] != "\n" {
                out.append("\n")
            }
        }
        return out
    }
}
