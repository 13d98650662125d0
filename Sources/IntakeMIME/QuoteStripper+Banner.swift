extension QuoteStripper {
    /// The number of lines (the paragraph and the blank lines after it) of the warning a mail gateway puts
    /// at the top of mail from outside the company (Microsoft 365's external-sender tag, a security
    /// gateway's "CAUTION: This email originated from outside of the organization", "PRECAUCIÓN: Este
    /// correo se originó fuera de la organización"), or 0. Only the customer's company wrote it, into
    /// every mail: left in, it leads the ticket's text and makes two copies of one request look different.
    static func leadingBanner(_ lines: ArraySlice<Substring>) -> Int {
        guard let start = lines.firstIndex(where: { !$0.trimmingSpacesSubstring().isEmpty }) else { return 0 }
        let end = lines[start...].firstIndex { $0.trimmingSpacesSubstring().isEmpty } ?? lines.endIndex
        guard end - start <= 4 else { return 0 }
        let first = String(lines[start].trimmingSpacesSubstring().lowercased().drop { !$0.isLetter && $0 != "[" })
        guard bannerOpenings.contains(where: { first.hasPrefix($0) }) else { return 0 }
        let paragraph = lines[start..<end].joined(separator: " ").lowercased()
        guard bannerWords.contains(where: { paragraph.contains($0) }) else { return 0 }
        var after = end
        while after < lines.endIndex, lines[after].trimmingSpacesSubstring().isEmpty { after += 1 }
        // A banner with nothing after it is all there is: keep it.
        return after == lines.endIndex ? 0 : after - lines.startIndex
    }

    static let bannerOpenings = [
        "caution", "precaución", "precaucion", "atención", "atencion", "warning", "advertencia", "external", "[external]",
        "[externo]", "[ext]", "correo externo", "mensaje externo", "email externo", "this email originated", "this message originated",
        "este correo se originó", "este correo se origino", "este correo electrónico se originó", "este mensaje se originó",
        "este mensaje proviene", "este correo proviene", "you don't often get email from",
    ]

    static let bannerWords = [
        "outside", "fuera de", "external", "externo", "externa", "originated", "se originó", "se origino", "proviene de",
        "learn why this is important",
    ]
}
