public import IntakeCore
import Foundation

/// Group commit: concurrent callers (webhook connections) hand in payloads and block until theirs is
/// committed; one writer thread commits everything waiting in one transaction. A caller is answered
/// only after the transaction holding its payload committed, so an acknowledged webhook is durable,
/// while the cost of a commit (the WAL write) is shared by every request that arrived meanwhile.
public final class IngestQueue: @unchecked Sendable {
    // @unchecked: `pending` and `stopped` are guarded by `condition`; `Slot` hands one result across
    // threads under its own semaphore.
    private final class Slot: @unchecked Sendable {
        let payload: PreparedPayload
        var result: Result<[IngestResult], any Error> = .success([])
        let done = DispatchSemaphore(value: 0)

        init(_ payload: PreparedPayload) {
            self.payload = payload
        }
    }

    private let store: DeskStore
    private let pipeline: IngestPipeline
    private let maxBatch: Int
    private let condition = NSCondition()
    private var pending: [Slot] = []
    private var stopped = false
    private var thread: Thread?
    private let clock: @Sendable () -> Timestamp

    public init(store: DeskStore, pipeline: IngestPipeline, maxBatch: Int = 512, clock: @escaping @Sendable () -> Timestamp = { Timestamp.now() }) {
        self.store = store
        self.pipeline = pipeline
        self.maxBatch = maxBatch
        self.clock = clock
        let thread = Thread { [weak self] in self?.runWriter() }
        thread.name = "intake.ingest-writer"
        self.thread = thread
        thread.start()
    }

    /// Commits `payload` (with the others waiting) and returns its results once durable.
    public func submit(_ payload: IngestPayload) throws -> [IngestResult] {
        // The store-independent stages run here, on the caller's thread, in parallel with the writer.
        let slot = Slot(pipeline.prepare(payload))
        condition.lock()
        guard !stopped else {
            condition.unlock()
            throw IngestQueueError.stopped
        }
        pending.append(slot)
        condition.signal()
        condition.unlock()
        slot.done.wait()
        return try slot.result.get()
    }

    /// Commits what is already queued, then stops the writer.
    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
        while true {
            condition.lock()
            let empty = pending.isEmpty
            condition.unlock()
            if empty { break }
            usleep(1000)
        }
    }

    private func runWriter() {
        while true {
            condition.lock()
            while pending.isEmpty && !stopped { condition.wait() }
            if pending.isEmpty && stopped {
                condition.unlock()
                return
            }
            let batch = Array(pending.prefix(maxBatch))
            pending.removeFirst(batch.count)
            condition.unlock()
            commit(batch)
        }
    }

    private func commit(_ batch: [Slot]) {
        let now = clock()
        do {
            let results = try store.write { records in
                try batch.map { try pipeline.commit($0.payload, records: records, now: now) }
            }
            for (slot, r) in zip(batch, results) { slot.result = .success(r) }
        } catch {
            // One payload failed the shared transaction: commit each alone so the others still land.
            for slot in batch {
                slot.result = Result { try store.write { records in try pipeline.commit(slot.payload, records: records, now: now) } }
            }
        }
        for slot in batch { slot.done.signal() }
    }
}

public enum IngestQueueError: Error, CustomStringConvertible {
    case stopped

    public var description: String { "the store is shutting down" }
}
