/// The background tasks `serve` runs for the enabled channels.
enum ServiceTasks {
    static func standard(context: IntakeContext, health: HealthReporter) -> [any BackgroundTask] {
        var tasks: [any BackgroundTask] = OutboxWorker.standard(context: context)
        if let path = context.config.phone.cdrPath { tasks.append(CDRWatcher(context: context, path: path)) }
        if context.config.email.enabled {
            do {
                tasks.append(try MailPollTask(context: context))
            } catch {
                context.logger.error("mail", "poller.refused", [("error", .string("\(error)"))])
            }
        }
        return tasks
    }
}
