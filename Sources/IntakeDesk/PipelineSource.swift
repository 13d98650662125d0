import Foundation

/// The pipeline a long-running process ingests with, replaceable while it runs: `serve` swaps in one
/// built from the re-read customer directory on SIGHUP, and every part that ingests (the commit queue,
/// the mail poller, the CDR watcher) takes the current one for each payload or batch it handles. A
/// payload prepared just before a swap is committed by the new pipeline: its route, made from the old
/// directory, stands, as it would had it arrived a moment earlier.
public final class PipelineSource: @unchecked Sendable {
    // @unchecked: `box` is only read and written under `lock`.
    private let lock = NSLock()
    private var box: Box

    /// The pipeline behind one reference: a reader takes the reference under the lock and uses the
    /// pipeline in place, instead of copying its dozens of fields (directory, rules, indexes) per payload.
    private final class Box: Sendable {
        let pipeline: IngestPipeline

        init(_ pipeline: IngestPipeline) {
            self.pipeline = pipeline
        }
    }

    public init(_ pipeline: IngestPipeline) {
        box = Box(pipeline)
    }

    /// Lent, not copied: `pipelines.current.prepare(...)` reads one reference under the lock. (The lock
    /// is taken by hand: Foundation's generic `withLock` is not specialized across modules, and looked up
    /// its type metadata at every call.)
    public var current: IngestPipeline {
        _read {
            lock.lock()
            let box = self.box
            lock.unlock()
            yield box.pipeline
        }
    }

    public func replace(with pipeline: IngestPipeline) {
        let fresh = Box(pipeline)
        lock.lock()
        box = fresh
        lock.unlock()
    }
}
