extension QuoteStripper {
    /// Whether a legal or environmental disclaimer starts at line `index`: what corporate mail servers in
    /// Argentina and Chile (and everywhere) append under every mail ("AVISO DE CONFIDENCIALIDAD: Este
    /// mensaje ... Si usted ha recibido este mensaje por error ...", "Antes de imprimir este correo ...").
    /// It is nobody's request, and its words are no signal: "por error" made every such mail an incident
    /// of high priority. It must start a paragraph after something of the sender's own (the line before
    /// is blank, and some line before that is not), and either open with a disclaimer's heading or open
    /// as one does and say, within its first three lines, what one says (confidential, the intended
    /// recipient).
    static func isDisclaimer(_ lines: [Substring], at index: Int, lower: String) -> Bool {
        guard index >= 2, lines[index - 1].trimmingSpacesSubstring().isEmpty, let first = lower.first(where: \.isLetter) else { return false }
        // Cheap tests first: this runs for every line of every mail until the note ends.
        guard disclaimerInitials.contains(first) else { return false }
        let line = String(lower.drop { !$0.isLetter })
        let isHeading = disclaimerHeadings.contains { line.hasPrefix($0) }
        guard isHeading || disclaimerOpenings.contains(where: { line.hasPrefix($0) }) else { return false }
        guard lines[..<(index - 1)].contains(where: { !$0.trimmingSpacesSubstring().isEmpty }) else { return false }
        if isHeading { return true }
        let paragraph = lines[index..<min(lines.count, index + 3)].joined(separator: " ").lowercased()
        return disclaimerWords.contains { paragraph.contains($0) }
    }

    /// The first letters of `disclaimerHeadings` and `disclaimerOpenings`.
    static let disclaimerInitials = Set((disclaimerHeadings + disclaimerOpenings).compactMap(\.first))

    /// Headings that say what follows is a disclaimer.
    static let disclaimerHeadings = [
        "aviso de confidencialidad", "aviso legal", "nota de confidencialidad", "confidencialidad:", "cláusula de confidencialidad",
        "clausula de confidencialidad", "advertencia legal", "declaración de confidencialidad", "aviso de privacidad",
        "confidentiality notice", "confidentiality note", "confidentiality:", "disclaimer", "legal notice", "aviso de confidencialidade",
        "antes de imprimir", "no imprima este", "piense en el medio ambiente", "cuidemos el medio ambiente",
        "please consider the environment", "think before you print", "antes de imprimir este e-mail",
    ]

    /// How a disclaimer's first sentence opens, in Spanish, English and Portuguese.
    static let disclaimerOpenings = [
        "este mensaje", "este correo", "este e-mail", "este email", "este mail", "el presente", "la presente",
        "la información contenida", "la informacion contenida", "la información de este", "la informacion de este",
        "si usted no es", "si ha recibido", "si usted ha recibido", "si recibió", "si recibio",
        "this e-mail", "this email", "this message", "this communication", "the information contained", "the information in this",
        "if you are not the intended", "if you have received", "esta mensagem", "as informações contidas", "as informacoes contidas",
    ]

    /// What a disclaimer says.
    static let disclaimerWords = [
        "confidencial", "destinatario", "privilegiad", "confidential", "intended recipient", "privileged", "destinatário",
    ]
}
