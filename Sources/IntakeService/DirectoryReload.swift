import IntakeCore

/// What SIGHUP asks of `serve`: read the customer directory again and put it in force, without a restart
/// (a restart refuses webhooks for as long as it takes, and reads every stored message key again).
/// `systemctl reload intake` sends it once `intake customers check` has passed. A directory that does not
/// load, or has any of the problems `customers check` reports, is refused whole: the one in force stays,
/// and the log says why. Only the directory is re-read; the rest of the configuration takes effect at the
/// next start.
struct DirectoryReload {
    enum Outcome: Equatable {
        case reloaded(customers: Int, file: String?)
        case refused([String])
    }

    let loaded: LoadedConfig
    let context: IntakeContext

    func run() -> Outcome {
        let fresh: LoadedConfig
        do {
            fresh = try LoadedConfig.load(path: loaded.file)
        } catch {
            return .refused([error.description])
        }
        let problems = fresh.directory.problems()
        guard problems.isEmpty else { return .refused(problems) }
        context.reload(directory: fresh.directory)
        return .reloaded(customers: fresh.directory.customers.count, file: fresh.directoryFile)
    }
}
