import IntakeCore
import IntakeService

/// `intake config check`: validates the configuration without starting anything.
enum ConfigCommand: Command {
    static let name = "config"
    static let abstract = "Check the gateway configuration."
    static let help = """
        Usage: intake config check [--config FILE]

        Reads the configuration and the customer directory it names, and reports the first problem (the
        file, the key and what is wrong) with exit status 1; then the warnings a running service would
        log: channels refusing requests because a secret is missing.
        """
    static let spec = Arguments.Spec(valueOptions: ["config"])

    static func run(_ args: Arguments) throws -> Int32 {
        guard args.positionals == ["check"] else { throw UsageError("the only subcommand is `check`") }
        let loaded: LoadedConfig
        do {
            loaded = try LoadedConfig.load(path: args.value("config"))
        } catch {
            printError("intake config: \(error)")
            return ExitStatus.failure
        }
        for warning in ServiceWarnings.check(loaded.config) { printError("warning: \(warning)") }
        let problems = loaded.directory.problems()
        for p in problems { printError("\(loaded.directoryFile ?? "directory"): \(p)") }
        guard problems.isEmpty else { return ExitStatus.failure }
        print("\(loaded.file ?? "embedded defaults"): ok (\(loaded.directory.customers.count) customers, store \(loaded.config.storePath), listen \(loaded.config.listen))")
        return ExitStatus.ok
    }
}
