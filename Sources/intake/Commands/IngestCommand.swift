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
        files in transactions of up to 500 files, each with its raw payloads. Prints one line per message: outcome, ticket, reason
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
        var batch: [IngestPayload] = []
        func flush() throws {
            guard !batch.isEmpty else { return }
            let results = try store.write { records in
                let now = Timestamp.now()
                return try batch.flatMap { try pipeline.ingest($0, records: records, now: now) }
            }
            batch.removeAll(keepingCapacity: true)
            var out = ""
            for r in results {
                if args.has("json") {
                    out += JSONWriter.string(r.json) + "\n"
                } else {
                    out += "\(r.outcome.rawValue)\t\(r.ticketNumber ?? "-")\t\(r.channel.rawValue) \(r.externalID ?? "-")\t\(r.reason)\n"
                }
            }
            writeOut(out)
        }
        for path in args.positionals {
            let bytes: [UInt8]
            do {
                bytes = try Runtime.read(path)
            } catch {
                printError("intake ingest: \(error)")
                status = ExitStatus.failure
                continue
            }
            var payload = IngestPayload(channel: channel, raw: bytes, source: path, messages: [])
            do {
                payload.messages = try adapter.normalize(RawPayload(bytes: bytes, source: path))
            } catch {
                printError("intake ingest: \(path): \(error)")
                payload.error = "\(error)"
                status = ExitStatus.failure
            }
            batch.append(payload)
            // Files commit in groups: one transaction per group, whole or not at all.
            if batch.count >= batchSize { try flush() }
        }
        try flush()
        return status
    }
}
