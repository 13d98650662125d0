import IntakeCore

/// Slash commands (Slack "Implementing slash commands"): a form POST with `command`, `text`, `user_id`,
/// `user_name`, `channel_id`, `team_id`, `trigger_id` and `response_url`. Our command is
/// `/soporte [critica|alta|media|baja] texto`. `text` is escaped as message text is (`&amp;`, `&lt;`,
/// `&gt;`; mentions as `<@U123|name>` when the app asks for them), so the escapes are undone as in events.
extension SlackAdapter {
    func normalizeSlashCommand(_ form: [(name: String, value: String)]) throws(AdapterError) -> [InboundMessage] {
        func field(_ name: String) -> String? {
            FormURLEncoded.value(name, in: form).flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let command = field("command") else { throw failure("neither JSON nor a slash-command form (no `command`)") }
        guard let userID = field("user_id") else { throw failure("slash command without `user_id`") }
        let channelID = field("channel_id")
        let triggerID = field("trigger_id")
        let (priority, text) = Self.splitPriority(SlackText.unescape(FormURLEncoded.value("text", in: form) ?? ""))

        var metadata = JSONObject()
        metadata["command"] = .string(command)
        if let url = field("response_url") { metadata["response_url"] = .string(url) }
        if let team = field("team_id") { metadata["team_id"] = .string(team) }
        return [
            InboundMessage(
                channel: .slack,
                externalID: triggerID,
                sender: .init(id: userID, name: field("user_name")),
                conversation: channelID,
                threadKey: "\(channelID ?? userID):command:\(triggerID ?? "")",
                text: text,
                hints: .init(priority: priority),
                metadata: metadata,
                warnings: triggerID == nil ? ["slash command without trigger_id: retries cannot be recognised"] : []
            )
        ]
    }

    /// A leading priority word (`critica`, `alta`, `media`, `baja`, English too) becomes the hint; the
    /// rest is the text, unless the word begins a noun phrase (`alta de usuario`). The word may be in brackets (`[alta]`) and followed by the punctuation people type
    /// after it (`Baja: consulta`, `alta - no entran llamadas`, `crítica, se cayó todo`).
    static func splitPriority(_ raw: String) -> (Priority?, String?) {
        let trimmed = raw.trimmingWhitespace()
        var rest = Substring(trimmed)
        let bracketed = rest.hasPrefix("[")
        if bracketed { rest = rest.dropFirst() }
        let word = rest.prefix { $0.isLetter || $0.isNumber }
        rest = rest[word.endIndex...]
        if bracketed {
            guard rest.hasPrefix("]") else { return (nil, trimmed.isEmpty ? nil : trimmed) }
            rest = rest.dropFirst()
        }
        func isSeparator(_ c: Character) -> Bool { c.isWhitespace || ":,-—.".contains(c) }
        // The word must end there: `altamente` or `alta/media` is text, not a priority.
        guard let priority = Priority(word: String(word)), rest.first.map(isSeparator) ?? true else {
            return (nil, trimmed.isEmpty ? nil : trimmed)
        }
        let text = rest.drop(while: isSeparator).trimmingWhitespace()
        // Set off by a space only, the word may be the request's first noun: `alta de usuario` (a new
        // user), `baja del interno 2045` (removing one), `media hora sin servicio`. A priority is followed
        // by what happens, which may start with an article (`alta el discador no marca`), never with `de`.
        // Brackets or punctuation make it a priority.
        if !bracketed, rest.first?.isWhitespace == true, rest.drop(while: \.isWhitespace).first.map(isSeparator) != true,
           continuesNounPhrase(text) {
            return (nil, trimmed)
        }
        return (priority, text.isEmpty ? nil : text)
    }

    /// Words that continue a noun phrase after `alta`, `baja` or `media` (`de`, `del`, `hora`, ...) and
    /// never start a description of a problem.
    private static let nounPhraseContinuations: Set<String> = ["de", "del", "al", "y", "hora", "horas", "of"]

    private static func continuesNounPhrase(_ text: String) -> Bool {
        let next = text.prefix { $0.isLetter }
        return !next.isEmpty && nounPhraseContinuations.contains(next.lowercased())
    }
}
