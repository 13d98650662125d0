import Foundation
import IntakeCore
import IntakeService

/// Every subcommand, in the order `intake --help` lists them (an immutable table; `nonisolated(unsafe)`
/// only because metatypes of a protocol are not `Sendable`).
nonisolated(unsafe) let commands: [any Command.Type] = [
    ServeCommand.self, NormalizeCommand.self, IngestCommand.self, TicketsCommand.self, TicketCommand.self,
    ExplainCommand.self, SLACommand.self, CustomersCommand.self, ReplayCommand.self, ConfigCommand.self,
    OutboxCommand.self, BackupCommand.self, CDRCommand.self, CallCommand.self, MailCommand.self, BenchCommand.self,
]

func topLevelHelp() -> String {
    var text = """
        intake — the multi-channel support intake gateway (Slack, WhatsApp, email, phone → one desk).

        Usage: intake COMMAND [OPTIONS]

        Commands:

        """
    for c in commands { text += "  " + c.name.padding(toLength: 12, withPad: " ", startingAt: 0) + c.abstract + "\n" }
    text += "\nRun `intake COMMAND --help` (or `intake help COMMAND`) for a command's options.\n"
        + "Exit status: 0 ok, 1 failure, 2 usage error."
    return text
}

/// The `Usage:` lines that open a command's help: after a usage error they are enough to see the mistake,
/// where the whole help would bury the one line that names it.
func usage(of command: any Command.Type) -> String {
    command.help.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }.joined(separator: "\n")
}

func main(_ arguments: [String]) -> Int32 {
    var argv = arguments
    guard let first = argv.first else {
        printError(topLevelHelp())
        return ExitStatus.usage
    }
    if first == "--help" || first == "-h" || (first == "help" && argv.count == 1) {
        print(topLevelHelp())
        return ExitStatus.ok
    }
    argv.removeFirst()
    // `intake help ticket` is `intake ticket --help`.
    if first == "help" { return main(Array(argv.prefix(1)) + ["--help"]) }
    guard let command = commands.first(where: { $0.name == first }) else {
        printError("intake: unknown command `\(first)`\nRun `intake --help` for the commands.")
        return ExitStatus.usage
    }
    do {
        let args = try Arguments(argv, spec: command.spec)
        if args.wantsHelp {
            print("\(command.abstract)\n\n\(command.help)")
            return ExitStatus.ok
        }
        return try command.run(args)
    } catch let e as UsageError {
        printError("intake \(command.name): \(e.description)\n\(usage(of: command))\n"
            + "Run `intake \(command.name) --help` for the options.")
        return ExitStatus.usage
    } catch {
        printError("intake \(command.name): \(plainDescription(of: error))")
        return ExitStatus.failure
    }
}

MemoryPolicy.apply()
exit(main(Array(CommandLine.arguments.dropFirst())))
