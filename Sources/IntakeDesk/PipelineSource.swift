import Foundation

/// The pipeline a long-running process ingests with, replaceable while it runs: `serve` swaps in one
/// built from the re-read customer directory on SIGHUP, and every part that ingests (the commit queue,
/// the mail poller, the CDR watcher) takes the current one for each payload or batch it handles. A
/// payload prepared just before a swap is committed by the new pipeline: its route, made from the old
/// directory, stands, as it would had it arrived a moment earlier.
public final class PipelineSource: @unchecked Sendable {
    // @unchecked: `pipeline` is only read and written under `lock`.
    private let lock = NSLock()
    private var pipeline: IngestPipeline

    public init(_ pipeline: IngestPipeline) {
        self.pipeline = pipeline
    }

    public var current: IngestPipeline {
        lock.withLock { pipeline }
    }

    public func replace(with pipeline: IngestPipeline) {
        lock.withLock { self.pipeline = pipeline }
    }
}
