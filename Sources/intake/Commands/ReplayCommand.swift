import IntakeChannels
import IntakeCore
import IntakeDesk

/// `intake replay`: runs every stored raw payload through the adapters and pipeline again into a new
/// store, so a rule change can be checked against everything that ever arrived.
enum ReplayCommand: Command {
    static let name = "replay"
    static let abstract = "Replay stored raw payloads through the current rules into another store."
    static let help = """
        Usage: intake replay --into PATH [--channel C] [--json]

        Reads every raw payload kept in the desk store, normalizes it again with the current adapters and
        runs it through the current pipeline into the store at PATH (a new file, or one that is not the
        source store), each at the time it first arrived: dedupe and reopen windows and deadlines count as
        they did then. Prints one line per message like `ingest`. What came with no payload is not
        replayed: statuses set with `intake ticket --status` or by the desk's callback.

          --into PATH     the store to replay into
          --channel C     only this channel's payloads
          --json          JSON lines
        \(StoreOptions.help)
        """
    static let spec = Arguments.Spec(valueOptions: StoreOptions.valueOptions.union(["into", "channel"]), flags: ["json"], maxPositionals: 0)

    static func run(_ args: Arguments) throws -> Int32 {
        guard let into = args.value("into") else { throw UsageError("--into PATH is required") }
        let channel = try args.value("channel").map { _ in try Runtime.channel(args) }
        let loaded = try Runtime.config(args)
        guard !Runtime.isSameFile(into, loaded.config.storePath) else { throw UsageError("--into must not be the source store") }
        let source = try Runtime.existingStore(loaded)
        var targetConfig = loaded
        targetConfig.config.storePath = into
        let target = try Runtime.store(targetConfig)
        let pipeline = Runtime.pipeline(loaded)
        let payloads = try source.read { try $0.rawPayloads(channel: channel) }
        try target.expectMessages(payloads.count)
        var out = ""
        for p in payloads {
            let adapter = ChannelAdapters.adapter(for: p.channel, config: loaded.config)
            var payload = IngestPayload(channel: p.channel, raw: p.body, contentType: p.contentType, source: p.source, messages: [])
            do {
                payload.messages = try adapter.normalize(RawPayload(bytes: p.body, contentType: p.contentType, source: p.source))
            } catch {
                payload.error = "\(error)"
            }
            // At its arrival time, not today's: a repeat a day later is no duplicate within the window, a
            // reply after the reopen window opens a new ticket, and deadlines count from when it came.
            let results = try target.write { try pipeline.ingest(payload, records: $0, now: p.receivedAt) }
            for r in results {
                out += ResultLine.text(r, json: args.has("json"))
            }
        }
        writeOut(out)
        printError("replayed \(payloads.count) payload\(payloads.count == 1 ? "" : "s") into \(into)")
        return ExitStatus.ok
    }
}
