import Foundation
import IntakeChannels
import IntakeCore
import IntakeDesk

/// Normalize + pipeline + commit of chat-sized Slack events, in the transactions `ingest` makes (up to
/// 2,000 payloads), measured at several store sizes to show how the per-message cost grows.
///
/// Each size has its own store, filled before anything is measured, and the measured transactions go to
/// the stores in turn, one after the other, in one stream whose next transaction is prepared while the
/// last one commits (as `ingest` does): this VM's speed moves by a third between minutes, and measured one
/// size after the other, the sizes were compared across those moves more than across their own cost.
enum IngestBench {
    static let batch = IngestCommand.groupFiles

    /// One store size under measurement and what its turns added up to.
    private final class Level {
        let stored: Int
        let store: DeskStore
        /// Where this store's own range of event numbers starts (no two stores share an event), and the
        /// next number to use.
        let firstEvent: Int
        var next: Int
        var costs: [Double] = []
        var seconds = 0.0
        var messages = 0
        var commitSeconds = 0.0
        var commitCPU = 0.0

        init(stored: Int, store: DeskStore, first: Int) {
            self.stored = stored
            self.store = store
            firstEvent = first
            next = first
        }
    }

    static func run(_ options: BenchOptions, into table: inout BenchTable, defaultStored: [Int] = [10_000, 100_000], defaultMessages: Int = 20_000) throws {
        let messages = options.messages ?? defaultMessages
        let duplicates = options.duplicates
        let dir = NSTemporaryDirectory() + "intake-bench-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pipeline = IngestPipeline(settings: PipelineSettings(config: GatewayConfig(), directory: CustomerDirectory(customers: [
            Customer(id: "acme", name: "ACME", slackChannel: "C0ACMEPRIV"),
        ])))
        let adapter = SlackAdapter()
        var levels: [Level] = []
        for (i, stored) in Set(options.stored ?? defaultStored).sorted().enumerated() {
            let store = try DeskStore(path: dir + "/desk-\(stored).sqlite")
            // As `serve` does (`IngestQueue`): a process that ingests for long keeps the message keys.
            try store.expectMessages()
            let level = Level(stored: stored, store: store, first: i * 100_000_000)
            // Filled (not measured) with tickets received a day ago: a store's history is older than the
            // deduplication window, so the window holds what the measured messages add, not every
            // ticket of the prefill (a million, in memory, unlike any store in service).
            var count = 0
            while count < stored {
                let n = min(batch * 4, stored - count)
                _ = try ingest((0..<n).map { body(level.next + $0) }, adapter: adapter, pipeline: pipeline, store: store, ago: 86_400)
                level.next += n
                count += n
            }
            // What the prefill left in the WAL is copied back now, outside the measurement: a store at
            // this size in service has not just taken all of it in one go.
            try store.checkpoint()
            levels.append(level)
        }
        try measure(messages, duplicates: duplicates, at: levels, adapter: adapter, pipeline: pipeline)
        for level in levels {
            let n = Double(max(1, level.messages))
            table.add("ingest @\(level.stored) stored", "\(fmt(Double(level.messages) / level.seconds)) msg/s",
                      "p50 \(fmt(percentile(level.costs, 50) * 1e6)) µs, p99 \(fmt(percentile(level.costs, 99) * 1e6)) µs per message, of which commit \(fmt(level.commitSeconds / n * 1e6)) µs (writer CPU \(fmt(level.commitCPU / n * 1e6)) µs) (\(level.messages) msgs, \(fmt(duplicates))% dup, WAL, synchronous=normal)")
        }
        for level in levels {
            // After the measurement: the second connection's close copies the WAL back and truncates it.
            table.add("keys @\(level.stored + level.messages) stored", "\(fmt(try keysReadingSeconds(path: level.store.path) * 1000)) ms",
                      "a restarted `serve` reading its message keys and refs before its first request")
        }
        // How flat the cost is: the largest store against the smallest, measured in alternation.
        if let small = levels.first, let large = levels.last, levels.count > 1 {
            let rate = { (l: Level) in Double(l.messages) / l.seconds }
            let cpu = { (l: Level) in l.commitCPU / Double(max(1, l.messages)) }
            table.add("ingest @\(large.stored) / @\(small.stored)", "\(fmt(rate(large) / rate(small), 2))x msg/s",
                      "writer CPU \(fmt(cpu(large) * 1e6)) vs \(fmt(cpu(small) * 1e6)) µs per message (\(fmt(cpu(large) / cpu(small), 2))x)")
        }
    }

    /// `count` messages into each level's store, `duplicates` percent of them redeliveries of events it
    /// has stored: transactions of `batch` payloads, one level's after another's.
    private static func measure(_ count: Int, duplicates: Double, at levels: [Level], adapter: SlackAdapter, pipeline: IngestPipeline) throws {
        var perLevel: [[[UInt8]]] = []
        for level in levels {
            var bodies: [[UInt8]] = []
            var distinct = 0
            let first = level.next
            let stored = first - level.firstEvent
            for i in 0..<count {
                if duplicates > 0, Double(i % 100) < duplicates, stored > 0 {
                    bodies.append(body(first - 1 - (i % min(stored, 1000))))
                } else {
                    bodies.append(body(first + distinct))
                    distinct += 1
                }
            }
            level.next += distinct
            perLevel.append(bodies)
        }
        let starts = Array(stride(from: 0, to: count, by: batch))
        let chunkLevels = starts.flatMap { _ in levels }
        let chunkBodies = starts.flatMap { start in perLevel.map { Array($0[start..<min(count, start + batch)]) } }
        var lastCommitEnd = monotonicSeconds()
        try OverlappedChunks.run(groups: chunkBodies.count, size: { chunkBodies[$0].count }, prepare: { c, k, prepared in
            let raw = chunkBodies[c][k]
            let s = monotonicSeconds()
            let messages = (try? adapter.normalize(RawPayload(bytes: raw, source: "bench"))) ?? []
            let p = pipeline.prepare(IngestPayload(channel: .slack, raw: raw, source: "bench", messages: messages))
            prepared.set(k, p, seconds: monotonicSeconds() - s)
        }, commit: { c, prepared in
            let level = chunkLevels[c]
            let t0 = monotonicSeconds()
            let cpu0 = threadCPUSeconds()
            try level.store.write { records in
                let now = Timestamp.now()
                for p in prepared.payloads { _ = try pipeline.commit(p, records: records, now: now) }
            }
            let end = monotonicSeconds()
            let n = Double(prepared.seconds.count)
            // The chunk's share of the stream's time: from the previous commit's end to its own.
            level.seconds += end - lastCommitEnd
            lastCommitEnd = end
            level.messages += prepared.seconds.count
            level.commitSeconds += end - t0
            level.commitCPU += threadCPUSeconds() - cpu0
            level.costs.append(contentsOf: prepared.seconds.map { $0 + (end - t0) / n })
        })
    }

    /// How long a second connection to the store at `path` takes to read its keys, as `serve` does
    /// before its first request.
    static func keysReadingSeconds(path: String) throws -> Double {
        let reopened = try DeskStore(path: path)
        let start = monotonicSeconds()
        try reopened.expectMessages()
        return monotonicSeconds() - start
    }

    /// Ingests in the transactions `ingest` makes (`IngestCommand.groups`): each chunk is normalized and prepared (`OverlappedChunks`)
    /// while the one before it is committed by the single writer, as `ingest` does. Returns each message's cost (its own normalize + prepare time plus its share of the commit)
    /// and the mean commit share, in wall-clock and in the writer thread's CPU time.
    static func ingest(_ bodies: [[UInt8]], adapter: SlackAdapter, pipeline: IngestPipeline, store: DeskStore,
                       ago: Int64 = 0) throws -> ([Double], Double, Double) {
        var costs: [Double] = []
        var commitTotal = 0.0
        var commitCPU = 0.0
        costs.reserveCapacity(bodies.count)
        let chunks = IngestCommand.groups(bodies) { $0.count }
        try OverlappedChunks.run(groups: chunks.count, size: { chunks[$0].count }, prepare: { c, k, prepared in
            // The monotonic clock is read in user space (vDSO); the thread's CPU clock is a system call,
            // ~1.3 µs each here, twice per message on the preparing core: the measurement cost 7 % of it.
            let s = monotonicSeconds()
            let messages = (try? adapter.normalize(RawPayload(bytes: chunks[c][k], source: "bench"))) ?? []
            let p = pipeline.prepare(IngestPayload(channel: .slack, raw: chunks[c][k], source: "bench", messages: messages))
            prepared.set(k, p, seconds: monotonicSeconds() - s)
        }, commit: { _, prepared in
            let t0 = monotonicSeconds()
            let cpu0 = threadCPUSeconds()
            try store.write { records in
                let now = Timestamp.now().adding(seconds: -ago)
                for p in prepared.payloads { _ = try pipeline.commit(p, records: records, now: now) }
            }
            let count = Double(prepared.seconds.count)
            let commitShare = (monotonicSeconds() - t0) / count
            commitCPU += threadCPUSeconds() - cpu0
            commitTotal += commitShare * count
            costs.append(contentsOf: prepared.seconds.map { $0 + commitShare })
        })
        let n = Double(max(1, bodies.count))
        return (costs, commitTotal / n, commitCPU / n)
    }

    /// A chat-sized Slack event (~300 bytes of text), distinct per `n`. As Slack sends them: the event id
    /// looks random (so its unique index takes inserts all over, not only at its end) and `ts` grows.
    static func body(_ n: Int) -> [UInt8] {
        let text = "caso \(n): la consola de agentes no carga desde las 9, probamos reiniciar el navegador y el softphone pero el error \(1000 + n % 9000) sigue apareciendo en todas las posiciones del piso 3; necesitamos ayuda urgente para la campaña"
        return Array("""
            {"token":"x","team_id":"T0NEOTEL","api_app_id":"A01","type":"event_callback","event_id":"\(eventID(n))","event_time":1764000000,"event":{"type":"message","channel":"C0ACMEPRIV","user":"U0JUANP","text":"\(text)","ts":"\(1_764_000_000 + n / 1_000_000).\(String(format: "%06d", n % 1_000_000))","channel_type":"group"}}
            """.utf8)
    }

    /// `Ev` and thirteen base-36 digits of a bijective hash of `n` (36^13 > 2^64): distinct per `n`, in no order.
    static func eventID(_ n: Int) -> String {
        var x = UInt64(n) &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 29
        let digits = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
        var out: [UInt8] = [0x45, 0x76]
        for _ in 0..<13 {
            out.append(digits[Int(x % 36)])
            x /= 36
        }
        return String(decoding: out, as: UTF8.self)
    }
}
