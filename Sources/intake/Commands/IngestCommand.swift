import Dispatch
import IntakeChannels
import IntakeCore
import IntakeDesk

/// `intake ingest`: raw payloads through the whole pipeline into the desk store.
enum IngestCommand: Command {
    /// Files committed per transaction, and the bytes of them: a bigger transaction shares each index
    /// page it touches among more messages (at 100k stored messages, 2,000 chat payloads a commit cost
    /// the writer ~20 % less than 500), while the byte bound keeps a group of large mails in memory small.
    static let groupFiles = 2_000
    static let smallestGroup = 250
    static let groupBytes = 64 << 20

    /// `items` in groups of at most `groupFiles` items and `groupBytes` bytes (a larger item alone).
    /// Groups grow from `smallestGroup` at the start and shrink back towards the end (half the items
    /// before or after, at most): the first group is prepared with nothing to overlap and the last
    /// committed with nothing left to prepare, so those two are kept small.
    static func groups<Item>(_ items: [Item], size: (Item) -> Int) -> [[Item]] {
        var groups: [[Item]] = []
        var start = 0
        while start < items.count {
            let target = min(groupFiles, max(smallestGroup, min(start, items.count - start) / 2))
            var end = start
            var bytes = 0
            while end < items.count, end - start < target {
                let n = size(items[end])
                if end > start && bytes + n > groupBytes { break }
                bytes += n
                end += 1
            }
            groups.append(Array(items[start..<end]))
            start = end
        }
        return groups
    }

    static let name = "ingest"
    static let abstract = "Run payloads through the pipeline into the desk store."
    static let help = """
        Usage: intake ingest --channel slack|whatsapp|email|phone [--json] FILE...

        Normalizes each file, routes, deduplicates, threads and classifies its messages, and commits the
        files in transactions of up to 2,000 files or 64 MiB, each with its raw payloads (files are read and
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
        try store.expectMessages(args.positionals.count)
        let pipeline = Runtime.pipeline(loaded)
        let adapter = ChannelAdapters.adapter(for: channel, config: loaded.config)
        var status = ExitStatus.ok
        let paths = args.positionals
        let groups = groups(paths, size: Runtime.fileSize)
        // Files commit in groups: read, normalized and prepared on every core while the group before
        // is committed, then one transaction per group, whole or not at all. A file that is not what
        // the channel expects is kept raw.
        try OverlappedChunks.run(groups: groups.count, size: { groups[$0].count }, prepare: { g, k, chunk in
            let path = groups[g][k]
            let bytes: [UInt8]
            do {
                bytes = try Runtime.read(path)
            } catch {
                chunk.set(k, nil, failure: "\(path): \(error)")
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
            for r in results { out += ResultLine.text(r, json: args.has("json")) }
            writeOut(out)
        })
        return status
    }
}
