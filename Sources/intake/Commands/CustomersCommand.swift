import IntakeCore

/// `intake customers check`: validates the customer directory.
enum CustomersCommand: Command {
    static let name = "customers"
    static let abstract = "Check the customer directory."
    static let help = """
        Usage: intake customers check [--config FILE]

        Loads the directory the configuration names and reports, each on its own line, a number or domain
        claimed by two customers, a number that does not normalize to E.164, or a duplicate id. Exit
        status 1 when there is any.
        """
    static let spec = Arguments.Spec(valueOptions: StoreOptions.valueOptions)

    static func run(_ args: Arguments) throws -> Int32 {
        guard args.positionals == ["check"] else { throw UsageError("the only subcommand is `check`") }
        let loaded = try Runtime.config(args)
        let problems = loaded.directory.problems()
        for p in problems { printError("\(loaded.directoryFile ?? "directory"): \(p)") }
        if problems.isEmpty {
            print("\(loaded.directoryFile ?? "(no directory)"): \(loaded.directory.customers.count) customers, no problems")
            return ExitStatus.ok
        }
        return ExitStatus.failure
    }
}
