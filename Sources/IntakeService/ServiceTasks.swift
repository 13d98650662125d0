/// The background tasks `serve` runs for the enabled channels.
enum ServiceTasks {
    static func standard(context: IntakeContext, health: HealthReporter) -> [any BackgroundTask] {
        OutboxWorker.standard(context: context)
    }

    static func names(context: IntakeContext) -> [String] {
        []
    }
}
