public import IntakeCore
import Foundation

/// Group commit: concurrent callers (webhook handlers, workers) hand in payloads; one writer thread
/// commits everything waiting in one transaction. A caller learns its result only after the transaction
/// holding its payload committed, so an acknowledged webhook is durable, while the cost of a commit (the
/// WAL write) is shared by every payload that arrived meanwhile.
///
/// Two ways in: `submit(_:completion:)` returns at once and the writer calls the completion after the
/// commit (the HTTP event loops use it: no thread waits); `submit(_:)` blocks its caller until then
/// (the mail poller, the CDR watcher, the CLI).
public final class IngestQueue: @unchecked Sendable {
    // @unchecked: `pending` and `stopped` are guarded by `condition`; a `Slot` is handed to the writer
    // under that lock and only the writer touches it afterwards.
    public typealias Completion = @Sendable (Result<[IngestResult], any Error>) -> Void

    private final class Slot: @unchecked Sendable {
        let payload: PreparedPayload
        let completion: Completion

        init(_ payload: PreparedPayload, _ completion: @escaping Completion) {
            self.payload = payload
            self.completion = completion
        }
    }

    /// Carries a blocking caller's result from the writer's completion to the caller.
    private final class Answer: @unchecked Sendable {
        // @unchecked: `result` is written before `done` is signalled and read after it was.
        var result: Result<[IngestResult], any Error> = .success([])
        let done = DispatchSemaphore(value: 0)
    }

    private let store: DeskStore
    private let pipelines: PipelineSource
    private let maxBatch: Int
    private let condition = NSCondition()
    private var pending: [Slot] = []
    /// Committed and answered slots, released by the next `submit` on its own thread: freeing a batch's
    /// payloads, messages and JSON (allocated by the submitting threads) took a tenth of the writer's
    /// time, and the writer is the one thread every request waits for.
    private var answered: [Slot] = []
    private var stopped = false
    /// Signalled by the writer thread when it has committed everything and ended.
    private let writerEnded = DispatchSemaphore(value: 0)
    private let clock: @Sendable () -> Timestamp

    public convenience init(store: DeskStore, pipeline: IngestPipeline, maxBatch: Int = 512, clock: @escaping @Sendable () -> Timestamp = { Timestamp.now() }) {
        self.init(store: store, pipelines: PipelineSource(pipeline), maxBatch: maxBatch, clock: clock)
    }

    public init(store: DeskStore, pipelines: PipelineSource, maxBatch: Int = 512, clock: @escaping @Sendable () -> Timestamp = { Timestamp.now() }) {
        self.store = store
        self.pipelines = pipelines
        self.maxBatch = maxBatch
        self.clock = clock
        // The window of recent fingerprints is read before the first payload arrives: read at the first
        // commit, it held that commit (and every request queued behind it) for as long as the read takes
        // on a large store.
        let since = clock().adding(seconds: -pipelines.current.settings.dedupeWindowSeconds)
        try? store.read { try $0.preloadFingerprints(since: since) }
        try? store.expectMessages()
        let ended = writerEnded
        let thread = Thread { [weak self] in
            self?.runWriter()
            ended.signal()
        }
        thread.name = "intake.ingest-writer"
        thread.start()
    }

    /// Commits `payload` (with the others waiting) and returns its results once durable.
    public func submit(_ payload: IngestPayload) throws -> [IngestResult] {
        let answer = Answer()
        submit(payload) { result in
            answer.result = result
            answer.done.signal()
        }
        answer.done.wait()
        return try answer.result.get()
    }

    /// Queues `payload` and returns at once; `completion` gets its results once durable (or the error),
    /// called by the writer thread right after the commit, outside any lock, so it must be quick: hand the
    /// result on rather than work on that thread. After `stop` it is called at once with
    /// `IngestQueueError.stopped`.
    public func submit(_ payload: IngestPayload, completion: @escaping Completion) {
        // The store-independent stages run here, on the caller's thread, in parallel with the writer.
        let slot = Slot(pipelines.current.prepare(payload), completion)
        var released: [Slot] = []
        // A use after the unlock: the slots are freed here, not inside the lock (where the swap would
        // otherwise be their last use).
        defer { released.removeAll() }
        condition.lock()
        swap(&released, &answered)
        guard !stopped else {
            condition.unlock()
            completion(.failure(IngestQueueError.stopped))
            return
        }
        pending.append(slot)
        // The writer waits only on an empty queue: one signal per batch, not per payload.
        if pending.count == 1 { condition.signal() }
        condition.unlock()
    }

    /// Commits what is already queued, then stops the writer; returns once the last batch is committed
    /// and its completions were called (an empty queue alone did not mean that: the writer takes a batch
    /// out of the queue before it commits it).
    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
        writerEnded.wait()
        writerEnded.signal()
    }

    private func runWriter() {
        var committed: [Slot] = []
        while true {
            condition.lock()
            // The last batch goes to the submitters to free (`answered`), under the lock taken here anyway.
            answered.append(contentsOf: committed)
            committed = []
            while pending.isEmpty && !stopped { condition.wait() }
            if pending.isEmpty && stopped {
                condition.unlock()
                return
            }
            let batch = Array(pending.prefix(maxBatch))
            pending.removeFirst(batch.count)
            condition.unlock()
            commit(batch)
            committed = batch
        }
    }

    private func commit(_ batch: [Slot]) {
        let now = clock()
        var results: [Result<[IngestResult], any Error>]
        do {
            results = try store.write { records in
                try batch.map { .success(try pipelines.current.commit($0.payload, records: records, now: now)) }
            }
        } catch {
            // One payload failed the shared transaction: commit each alone so the others still land.
            results = batch.map { slot in
                Result { try store.write { records in try pipelines.current.commit(slot.payload, records: records, now: now) } }
            }
        }
        for (slot, result) in zip(batch, results) { slot.completion(result) }
    }
}

public enum IngestQueueError: Error, CustomStringConvertible {
    case stopped

    public var description: String { "the store is shutting down" }
}
