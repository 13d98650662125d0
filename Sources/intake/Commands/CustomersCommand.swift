import Foundation
import IntakeCore

/// `intake customers check`: validates the customer directory.
enum CustomersCommand: Command {
    static let name = "customers"
    static let abstract = "Check the customer directory."
    static let help = """
        Usage: intake customers check [--config FILE]

        Loads the directory the configuration names and reports, each on its own line, a number or domain
        claimed by two customers, a number that does not normalize to E.164 (and why: no area code, a
        local number, Chile's numbering before 2013, ...), or a duplicate id. Exit
        status 1 when there is any, or when there is no directory to check.
        """
    static let spec = Arguments.Spec(valueOptions: StoreOptions.valueOptions)

    static func run(_ args: Arguments) throws -> Int32 {
        guard args.positionals == ["check"] else { throw UsageError("the only subcommand is `check`") }
        let loaded = try Runtime.config(args)
        // The loader runs without the default directory (a fresh checkout); a check of nothing is a
        // wrong working directory or --config, not a directory without problems.
        guard let file = loaded.directoryFile else {
            guard let path = loaded.config.directoryPath else { throw CommandFailure("the configuration names no customer directory") }
            let base = loaded.file.map { ($0 as NSString).deletingLastPathComponent } ?? "config"
            let named = path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
            throw CommandFailure("no customer directory: \(named) does not exist")
        }
        let problems = loaded.directory.problems()
        for p in problems { printError("\(file): \(p)") }
        if problems.isEmpty {
            print("\(file): \(loaded.directory.customers.count) customers, no problems")
            return ExitStatus.ok
        }
        return ExitStatus.failure
    }
}
