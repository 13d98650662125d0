/// The background tasks `serve` runs for the enabled channels.
enum ServiceTasks {
    static func standard(context: IntakeContext, health: HealthReporter) -> [any BackgroundTask] {
        [context.config.phone.cdrPath.map { CDRWatcher(context: context, path: $0) as any BackgroundTask }].compactMap { $0 }
    }

    static func names(context: IntakeContext) -> [String] {
        [context.config.phone.cdrPath.map { _ in "cdr" }].compactMap { $0 }
    }
}
