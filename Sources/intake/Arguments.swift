/// Command-line arguments of one subcommand: `--name value`, `--name=value`, boolean `--flag`, and
/// positionals (`-` is a positional: standard input; after `--` everything is). Unknown options, `-x`
/// included, and more positionals than the command takes are usage errors: a typo must not be read as a
/// file name or silently ignored.
struct Arguments {
    struct Spec {
        var valueOptions: Set<String> = []
        var flags: Set<String> = []
        var repeatable: Set<String> = []
        /// How many positionals the command takes at most (subcommand words and files included).
        var maxPositionals = Int.max
    }

    private(set) var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []

    init(_ args: [String], spec: Spec) throws(UsageError) {
        var i = 0
        var onlyPositionals = false
        while i < args.count {
            let arg = args[i]
            i += 1
            if onlyPositionals || !arg.hasPrefix("-") || arg == "-" {
                positionals.append(arg)
                continue
            }
            if arg == "-h" { flags.insert("help"); continue }
            guard arg.hasPrefix("--") else { throw UsageError("unknown option \(arg)") }
            if arg == "--" { onlyPositionals = true; continue }
            var name = String(arg.dropFirst(2))
            var inline: String?
            if let eq = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            if name == "help" { flags.insert("help"); continue }
            if spec.flags.contains(name) {
                guard inline == nil else { throw UsageError("--\(name) takes no value") }
                flags.insert(name)
            } else if spec.valueOptions.contains(name) || spec.repeatable.contains(name) {
                let value: String
                if let inline {
                    value = inline
                } else {
                    // `--customer --json` is a forgotten value, not a customer named `--json`
                    // (`--notes=--text` passes such a value on purpose).
                    guard i < args.count, !args[i].hasPrefix("--") else { throw UsageError("--\(name) needs a value") }
                    value = args[i]
                    i += 1
                }
                // An empty value is a shell variable that was not set: `--store ""` would be SQLite's
                // temporary database, and everything ingested into it lost.
                guard !value.isEmpty else { throw UsageError("--\(name) needs a value") }
                if values[name] != nil && !spec.repeatable.contains(name) { throw UsageError("--\(name) given twice") }
                values[name, default: []].append(value)
            } else {
                throw UsageError("unknown option --\(name)")
            }
        }
        if positionals.count > spec.maxPositionals && !flags.contains("help") {
            throw UsageError("unexpected argument `\(positionals[spec.maxPositionals])`")
        }
    }

    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    func has(_ name: String) -> Bool { flags.contains(name) }
    var wantsHelp: Bool { flags.contains("help") }
}

/// A mistake in how a command was called: printed with the command's usage, exit status 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String

    init(_ message: String) {
        description = message
    }
}

/// A failure the user can act on: printed as `intake: message`, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ message: String) {
        description = message
    }
}
