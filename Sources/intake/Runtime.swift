import Foundation
import IntakeChannels
import IntakeCore
import IntakeDesk
import IntakeService

/// What store commands share: the configuration, the store and the pipeline.
enum Runtime {
    static func config(_ args: Arguments) throws -> LoadedConfig {
        do {
            return try LoadedConfig.load(path: args.value("config"), storeOverride: args.value("store"))
        } catch {
            throw CommandFailure("configuration: \(error)")
        }
    }

    static func store(_ loaded: LoadedConfig) throws -> DeskStore {
        do {
            return try DeskStore(path: loaded.config.storePath, synchronous: loaded.config.storeSynchronous)
        } catch {
            throw CommandFailure("cannot open the desk store \(loaded.config.storePath): \(error)")
        }
    }

    static func pipeline(_ loaded: LoadedConfig) -> IngestPipeline {
        IngestPipeline(settings: PipelineSettings(config: loaded.config, directory: loaded.directory))
    }

    static func channel(_ args: Arguments) throws(UsageError) -> Channel {
        guard let name = args.value("channel") else { throw UsageError("--channel is required (slack, whatsapp, email or phone)") }
        guard let channel = Channel(rawValue: name.lowercased()) else {
            throw UsageError("unknown channel `\(name)` (slack, whatsapp, email or phone)")
        }
        return channel
    }

    /// Reads a file, or standard input for `-`.
    static func read(_ path: String) throws -> [UInt8] {
        if path == "-" { return [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("\(path): cannot read the file") }
        return [UInt8](data)
    }
}
