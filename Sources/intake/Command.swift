import Foundation
import IntakeCore

/// One `intake` subcommand: its name, what it does in one line, its usage and help, and `run`.
protocol Command {
    static var name: String { get }
    static var abstract: String { get }
    /// Usage and option descriptions, shown by `--help` and after usage errors.
    static var help: String { get }
    static var spec: Arguments.Spec { get }
    /// Runs with parsed arguments; returns the exit status.
    static func run(_ args: Arguments) throws -> Int32
}

enum ExitStatus {
    static let ok: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 2
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Writes a whole string to standard output, unbuffered by Swift's print.
func writeOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// The store options every store command shares.
enum StoreOptions {
    static let valueOptions: Set<String> = ["config", "store"]
    static let help = """
          --config FILE   gateway configuration (default: config/gateway.json, else the embedded defaults)
          --store PATH    desk store file (overrides the configuration's store.path)
        """
}
