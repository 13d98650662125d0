import Foundation
import IntakeChannels
import IntakeCore
import IntakeDesk
import IntakeService

/// `intake cdr import|watch`: Asterisk CDR files (`Master.csv`) through the pipeline.
enum CDRCommand: Command {
    static let name = "cdr"
    static let abstract = "Import an Asterisk CDR file (Master.csv), or follow one as the service does."
    static let help = """
        Usage: intake cdr import FILE [--json]
               intake cdr watch FILE [--once] [--json]

        import  reads the whole file, a 1 MiB chunk at a time, and commits each chunk's calls through the
                pipeline in one transaction (missed calls become tickets or follow-ups on the caller's
                open ticket; answered calls are recorded on it). Rows already imported (same uniqueid) are
                duplicates. Each bad row is reported on standard error as `FILE: line N: reason` and the
                exit status is 1; the good rows are still committed.
        watch   follows FILE like `serve` does with phone.cdr_path: from the position saved in the store,
                through rotations and truncations, every phone.cdr_poll_interval seconds until interrupted
                (with --once, one round, and a FILE that does not exist is an error; without it, the
                file is waited for). Safe to interrupt: every chunk commits with its position. The
                last call in a file written less than 2 seconds ago waits for the next round, since
                more of its rows (a queue's other agents) may still be coming.

        A CEL file (cel_custom's Master.csv, a cel table export) is read as its calls, one per linkedid:
        import reports the calls that have not ended in it; watch holds their events, with its position,
        until the call's LINKEDID_END or its last channel's hangup.

        Prints one line per call: outcome, ticket, external id, reason (with --json, JSON lines).

          --once          watch: one round, then exit
          --json          JSON lines instead of text
        \(StoreOptions.help)
        """
    static let spec = Arguments.Spec(valueOptions: StoreOptions.valueOptions, flags: ["json", "once"])

    static func run(_ args: Arguments) throws -> Int32 {
        guard args.positionals.count == 2, let action = args.positionals.first, ["import", "watch"].contains(action) else {
            throw UsageError("give `import FILE` or `watch FILE`")
        }
        let path = args.positionals[1]
        guard action == "watch" || !args.has("once") else { throw UsageError("--once is for `watch`") }
        let loaded = try Runtime.config(args)
        let phone = loaded.config.phone
        let reader = CDRReader(timeZone: phone.cdrTimeZone, defaultCountry: phone.defaultCountry, localArea: phone.localAreaCode)
        let importer = CDRImporter(store: try Runtime.store(loaded), pipeline: Runtime.pipeline(loaded), reader: reader)
        var hasBadRows = false
        let printChunk = { (chunk: CDRImporter.Chunk) in
            for error in chunk.errors { printError("\(chunk.path): \(error)") }
            hasBadRows = hasBadRows || !chunk.errors.isEmpty
            writeOut(lines(chunk.results, json: args.has("json")))
        }
        if action == "import" {
            guard let file = try CDRFile.open(path) else { throw CommandFailure("\(path): no such file") }
            defer { file.close() }
            try importer.importRows(of: file, from: .init(inode: file.inode, offset: 0, line: 1), trackingPath: nil, isFinished: true, onChunk: printChunk)
            return hasBadRows ? ExitStatus.failure : ExitStatus.ok
        }
        // The follower waits quietly for a file that is not there (between a rotation's rename and the
        // next call); by hand, a wrong path must not look like a file with nothing new.
        if !FileManager.default.fileExists(atPath: path) {
            if args.has("once") { throw CommandFailure("\(path): no such file") }
            printError("\(path): no such file yet, waiting for it")
        }
        let follower = CDRFollower(path: path, importer: importer)
        repeat {
            try follower.poll { event in
                switch event {
                case .chunk(let chunk): printChunk(chunk)
                case .rotated(_, _, let finished): printError("\(path): rotated" + (finished.map { "; finished \($0)" } ?? "") + ", reading the new file from its start")
                case .truncated(let size, let offset): printError("\(path): truncated to \(size) bytes (was read to \(offset)), reading from the start")
                case .replaced: printError("\(path): replaced by another file with the same inode, reading from the start")
                }
            }
            if !args.has("once") { Thread.sleep(forTimeInterval: phone.cdrPollIntervalSeconds) }
        } while !args.has("once")
        return hasBadRows ? ExitStatus.failure : ExitStatus.ok
    }

    private static func lines(_ results: [IngestResult], json: Bool) -> String {
        results.map { ResultLine.text($0, json: json) }.joined()
    }
}
