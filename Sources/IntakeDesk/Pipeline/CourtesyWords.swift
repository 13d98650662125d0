/// Greetings, thanks and sign-offs in Spanish, Portuguese and English, folded as `TextFolding` folds
/// them (lowercase, no accents), with the little words they are made of. A message of these words
/// alone ("Hola, buenos días", "Muchas gracias a todos") says nothing of its own: two people of one
/// customer who both open a WhatsApp chat with it are not repeating one request, so it gets no
/// content fingerprint (`Fingerprint`), and the second chat is not taken for a duplicate of the first.
enum CourtesyWords {
    static let words: Set<String> = [
        // Spanish
        "hola", "holaa", "buenas", "buenos", "buen", "buena", "dia", "dias", "tarde", "tardes", "noche", "noches",
        "como", "estan", "estas", "esta", "va", "todo", "bien", "que", "tal", "gracias", "muchas", "mil",
        "muchisimas", "saludos", "saludo", "cordiales", "cordial", "atentamente", "chau", "chao", "adios",
        "hasta", "luego", "pronto", "manana", "dale", "perfecto", "genial", "excelente", "listo", "vale",
        "si", "ok", "okay", "oka", "okey", "nada", "todos", "todas", "equipo", "gente", "amigos", "abrazo",
        "quedo", "atento", "atenta", "igualmente", "disculpen", "disculpa", "perdon",
        // Portuguese
        "ola", "oi", "bom", "boa", "noite", "obrigado", "obrigada", "valeu", "tudo", "bem", "vai", "abraco",
        "abracos", "att", "atenciosamente", "ate", "logo", "tchau", "pessoal",
        // English
        "hi", "hello", "hey", "good", "morning", "afternoon", "evening", "thanks", "thank", "you", "much",
        "regards", "best", "kind", "cheers", "great", "bye", "everyone", "all", "team", "there", "how", "are",
        "dear",
        // The little words greetings are made of
        "a", "al", "de", "del", "el", "la", "los", "las", "lo", "y", "e", "o", "por", "para", "con", "su", "sus",
        "les", "nos", "os", "um", "uma", "the", "to", "and", "for", "so", "very",
    ]

    /// The words of an opening line that only announces the request to come: "Buenos días, tengo una
    /// consulta", "Hola, necesito ayuda con un problema", "Hi, I have a question". Two people of one
    /// customer who open with it are no more repeating one request than with a greeting alone. Not
    /// courtesy for `ClosingThanks`: "tengo una consulta" after a resolution is a new request.
    static let announcements: Set<String> = [
        "tengo", "tenemos", "un", "una", "unos", "consulta", "consultas", "consultita", "pregunta", "preguntas", "duda",
        "dudas", "problema", "problemas", "inconveniente", "inconvenientes", "tema", "necesito", "necesitamos", "ayuda",
        "les", "te", "escribo", "escribimos", "queria", "quisiera", "hacer", "hacerles", "consultarles", "consultar",
        "me", "pueden", "podrian", "ayudar", "ayudarme", "ayudarnos", "por", "favor", "urgente",
        "i", "we", "have", "need", "help", "question", "questions", "problem", "issue", "an", "quick", "please",
    ]

    /// Whether every word of `folded` (`TextFolding.foldedWords`: words separated by one space) is one of
    /// `words` or `announcements`. Stops at the first other word, which for a real request comes early.
    static func only(_ folded: [UInt8]) -> Bool {
        everyWord(of: folded) { words.contains($0) || announcements.contains($0) }
    }

    /// Whether `accepts` holds for every word of `folded`, stopping at the first word it refuses.
    static func everyWord(of folded: [UInt8], _ accepts: (String) -> Bool) -> Bool {
        var start = folded.startIndex
        while start < folded.endIndex {
            let end = folded[start...].firstIndex(of: 0x20) ?? folded.endIndex
            guard accepts(String(decoding: folded[start..<end], as: UTF8.self)) else { return false }
            start = end + 1
        }
        return true
    }
}
