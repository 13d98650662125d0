import Dispatch
import IntakeChannels
import IntakeCore
import IntakeDesk

/// `intake ingest`: raw payloads through the whole pipeline into the desk store.
enum IngestCommand: Command {
    /// Files committed per transaction.
    static let batchSize = 500

    static let name = "ingest"
    static let abstract = "Run payloads through the pipeline into the desk store."
    static let help = """
        Usage: intake ingest --channel slack|whatsapp|email|phone [--json] FILE...

        Normalizes each file, routes, deduplicates, threads and classifies its messages, and commits the
        files in transactions of up to 500 files, each with its raw payloads (files are read and
        normalized on every core while the previous group commits; the commit is one writer). Prints one line per message: outcome, ticket, reason
        (with --json, one JSON object per line). A file that cannot be read or normalized is reported on
        standard error (exit status 1); the others are still ingested.

          --channel C     the channel the files come from
          --json          JSON lines instead of text
        \(StoreOptions.help)
        """
    static let spec = Arguments.Spec(valueOptions: StoreOptions.valueOptions.union(["channel"]), flags: ["json"])

    static func run(_ args: Arguments) throws -> Int32 {
        let channel = try Runtime.channel(args)
        guard !args.positionals.isEmpty else { throw UsageError("give at least one FILE (or - for standard input)") }
        let loaded = try Runtime.config(args)
        let store = try Runtime.store(loaded)
        let pipeline = Runtime.pipeline(loaded)
        let adapter = ChannelAdapters.adapter(for: channel, config: loaded.config)
        var status = ExitStatus.ok
        let paths = args.positionals
        let groups = stride(from: 0, to: paths.count, by: batchSize).map { Array(paths[$0..<min($0 + batchSize, paths.count)]) }
        // Files commit in groups: read, normalized and prepared on every core while the group before
        // is committed, then one transaction per group, whole or not at all. A file that is not what
        // the channel expects is kept raw.
        try OverlappedChunks.run(groups: groups.count, size: { groups[$0].count }, prepare: { g, k, chunk in
            let path = groups[g][k]
            guard let bytes = try? Runtime.read(path) else {
                chunk.set(k, nil, failure: "\(path): cannot read the file")
                return
            }
            var payload = IngestPayload(channel: channel, raw: bytes, source: path, messages: [])
            var failure: String?
            do {
                payload.messages = try adapter.normalize(RawPayload(bytes: bytes, source: path))
            } catch {
                payload.error = "\(error)"
                failure = "\(path): \(error)"
            }
            chunk.set(k, pipeline.prepare(payload), failure: failure)
        }, commit: { _, chunk in
            for problem in chunk.problems.compactMap({ $0 }) {
                printError("intake ingest: \(problem)")
                status = ExitStatus.failure
            }
            let results = try store.write { records in
                let now = Timestamp.now()
                return try chunk.payloads.flatMap { try pipeline.commit($0, records: records, now: now) }
            }
            var out = ""
            for r in results {
                if args.has("json") {
                    out += r.jsonText + "\n"
                } else {
                    out += "\(r.outcome.rawValue)\t\(r.ticketNumber ?? "-")\t\(r.channel.rawValue) \(r.externalID ?? "-")\t\(r.reason)\n"
                }
            }
            writeOut(out)
        })
        return status
    }
}
