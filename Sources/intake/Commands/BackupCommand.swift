import Foundation
import IntakeDesk

/// `intake backup FILE`: a consistent copy of the desk store, taken while `serve` runs.
enum BackupCommand: Command {
    static let name = "backup"
    static let abstract = "Copy the desk store to a new file, consistent, while the gateway runs."
    static let help = """
        Usage: intake backup FILE

        Copies the desk store (tickets, messages, raw payloads, attachments, outbox) into FILE as it
        was at one moment, while `intake serve` goes on writing: SQLite's VACUUM INTO, on a snapshot
        that never waits for the writer nor holds it up. The copy is compact, checked (quick_check)
        under a temporary name beside FILE, and only then named FILE. FILE must not exist: a backup
        never replaces a file. To restore, stop `serve` and put the copy where the store's path points
        (it is an ordinary store file).
        \(StoreOptions.help)
        """
    static let spec = Arguments.Spec(valueOptions: StoreOptions.valueOptions, maxPositionals: 1)

    static func run(_ args: Arguments) throws -> Int32 {
        guard let destination = args.positionals.first else { throw UsageError("give the backup's file: intake backup FILE") }
        let loaded = try Runtime.config(args)
        let path = loaded.config.storePath
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure("no desk store at \(path) (`intake serve` or `intake ingest` creates it; --store names another)")
        }
        let started = Date()
        let summary: DeskBackup.Summary
        do {
            summary = try DeskBackup.copy(store: path, to: destination)
        } catch let failure as DeskBackup.Failure {
            throw CommandFailure(failure.description)
        }
        let megabytes = String(format: "%.1f", Double(summary.bytes) / 1_048_576)
        let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
        writeOut("backup \(destination): \(summary.tickets) tickets, \(summary.messages) messages, \(megabytes) MiB in \(seconds) s\n")
        return ExitStatus.ok
    }
}
