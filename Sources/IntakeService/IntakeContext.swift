public import IntakeChannels
public import IntakeCore
public import IntakeDesk
import Foundation

/// What the running service's parts share: the configuration, the store, the group-commit queue, the
/// adapters, logs and metrics. Built once by `GatewayService`.
public final class IntakeContext: Sendable {
    public let config: GatewayConfig
    public let store: DeskStore
    /// The pipeline of the configuration and customer directory in force (`reload(directory:)`).
    public let pipelines: PipelineSource
    public var pipeline: IngestPipeline { pipelines.current }
    public let queue: IngestQueue
    public let logger: Logger
    public let metrics: Metrics
    public let startedAt: Timestamp
    /// Each channel's last message committed, for /healthz.
    public let activity = ChannelActivity()
    /// The adapters, configured once (they are values without state).
    private let adapters: [Channel: any ChannelAdapter]

    public init(config: GatewayConfig, directory: CustomerDirectory, store: DeskStore, logger: Logger, metrics: Metrics) {
        self.config = config
        self.store = store
        self.logger = logger
        self.metrics = metrics
        pipelines = PipelineSource(IngestPipeline(settings: PipelineSettings(config: config, directory: directory)))
        startedAt = Timestamp.now()
        adapters = Dictionary(uniqueKeysWithValues: Channel.allCases.map { ($0, ChannelAdapters.adapter(for: $0, config: config)) })
        MetricNames.describe(metrics)
        queue = IngestQueue(store: store, pipelines: pipelines)
    }

    /// Puts a re-read customer directory in force for every message from now on (`serve` on SIGHUP);
    /// the rest of the configuration stays as it started.
    public func reload(directory: CustomerDirectory) {
        pipelines.replace(with: IngestPipeline(settings: PipelineSettings(config: config, directory: directory)))
    }

    /// Commits a payload and its messages (group commit) and returns once durable. Metrics and logs are
    /// written here, on the caller's thread, not by the single writer.
    public func ingest(_ channel: Channel, raw: [UInt8], contentType: String?, source: String, messages: [InboundMessage], error: String? = nil) throws -> [IngestResult] {
        let results = try queue.submit(IngestPayload(channel: channel, raw: raw, contentType: contentType, source: source, messages: messages, error: error))
        record(results)
        return results
    }

    /// Queues a payload and its messages for the group commit and returns at once; `completion` runs on
    /// the writer thread right after the commit. Nothing is recorded here: the caller calls `record` on
    /// its own thread (a webhook does it on its event loop), so the single writer spends its time on SQL.
    public func submit(_ channel: Channel, raw: [UInt8], contentType: String?, source: String, messages: [InboundMessage], error: String? = nil,
                       completion: @escaping IngestQueue.Completion) {
        queue.submit(IngestPayload(channel: channel, raw: raw, contentType: contentType, source: source, messages: messages, error: error), completion: completion)
    }

    /// Counts and logs what the pipeline did with each message.
    public func record(_ results: [IngestResult]) {
        let now = Timestamp.now()
        for r in results {
            activity.record(r.channel, at: now)
            metrics.increment(MetricNames.messages, [("channel", r.channel.rawValue), ("outcome", r.outcome.rawValue)])
            logger.info("pipeline", "message." + r.outcome.rawValue, [
                ("channel", .string(r.channel.rawValue)), ("external_id", .optional(r.externalID)),
                ("ticket", .optional(r.ticketNumber)), ("reason", .string(r.reason)),
            ])
        }
    }

    public func adapter(for channel: Channel) -> any ChannelAdapter {
        // The table holds every case of `Channel` (built from `allCases`).
        adapters[channel]!
    }
}
