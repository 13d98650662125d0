import IntakeChannels
import IntakeCore
import IntakeDesk

/// The service's CDR task: every `phone.cdr_poll_interval` it follows `phone.cdr_path` (see
/// `CDRFollower`), logs each bad row as `FILE: line N: reason` and counts rows in
/// `intake_cdr_rows_total{result="ok"|"bad"}`. It commits through `DeskStore.write` itself, not the
/// group-commit queue, because each chunk's position must be in the same transaction as its messages.
public struct CDRWatcher: BackgroundTask {
    public let name = "cdr"
    public let interval: Double
    public let follower: CDRFollower
    private let context: IntakeContext

    public init(
        context: IntakeContext, path: String, chunkBytes: Int = CDRImporter.defaultChunkBytes,
        settleSeconds: Int64 = CDRImporter.defaultSettleSeconds
    ) {
        let phone = context.config.phone
        let reader = CDRReader(timeZone: phone.cdrTimeZone, defaultCountry: phone.defaultCountry, localArea: phone.localAreaCode)
        let importer = CDRImporter(
            store: context.store, pipelines: context.pipelines, reader: reader, chunkBytes: chunkBytes, settleSeconds: settleSeconds)
        self.context = context
        interval = phone.cdrPollIntervalSeconds
        follower = CDRFollower(path: path, importer: importer)
    }

    public func tick() throws {
        try follower.poll(record)
    }

    private func record(_ event: CDRFollower.Event) {
        let logger = context.logger
        let metrics = context.metrics
        switch event {
        case .chunk(let chunk):
            metrics.increment(MetricNames.cdrRows, [("result", "ok")], by: Double(chunk.rowCount))
            metrics.increment(MetricNames.cdrRows, [("result", "bad")], by: Double(chunk.errors.count))
            for error in chunk.errors {
                logger.warning(name, "row.bad", [
                    ("file", .string(chunk.path)), ("line", .int(error.line)), ("reason", .string(error.reason)),
                    ("error", .string("\(chunk.path): \(error)")),
                ])
            }
            context.record(chunk.results)
        case .rotated(let oldInode, let newInode, let finished):
            logger.info(name, "file.rotated", [
                ("file", .string(follower.path)), ("old_inode", .string(String(oldInode))), ("new_inode", .string(String(newInode))),
                ("finished", .optional(finished)),
            ])
        case .truncated(let size, let savedOffset):
            logger.warning(name, "file.truncated", [
                ("file", .string(follower.path)), ("size", .int(size)), ("saved_offset", .int(savedOffset)),
            ])
        case .replaced(let savedOffset):
            logger.warning(name, "file.replaced", [("file", .string(follower.path)), ("saved_offset", .int(savedOffset))])
        }
    }
}
