/// The background tasks `serve` runs for the enabled channels.
enum ServiceTasks {
    static func standard(context: IntakeContext, health: HealthReporter) -> [any BackgroundTask] {
        []
    }

    static func names(context: IntakeContext) -> [String] {
        []
    }
}
