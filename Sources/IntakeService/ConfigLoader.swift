public import IntakeCore
public import Foundation

/// Loads `config/gateway.json` (or the embedded defaults when no file is given and none exists), the
/// customer directory it names (relative to the config file), and the secrets from the environment.
public struct LoadedConfig: Sendable {
    public var config: GatewayConfig
    public var directory: CustomerDirectory
    /// The file read, or nil for the embedded defaults.
    public var file: String?
    public var directoryFile: String?

    public static let defaultPath = "config/gateway.json"

    public static func load(path: String?, storeOverride: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> LoadedConfig {
        var config = GatewayConfig()
        var file: String?
        let candidate = path ?? defaultPath
        if path != nil || FileManager.default.fileExists(atPath: candidate) {
            guard let data = FileManager.default.contents(atPath: candidate) else {
                throw ConfigError(file: candidate, key: "", problem: "cannot read the file")
            }
            let json: JSONValue
            do {
                json = try JSONParser.parse([UInt8](data))
            } catch {
                throw ConfigError(file: candidate, key: "", problem: error.description)
            }
            do {
                config = try GatewayConfig(json: json) { SystemZoneInfo.bytes(named: $0, environment: environment) }
            } catch {
                var e = error
                e.file = candidate
                throw e
            }
            file = candidate
        }
        config.applyEnvironment(environment)
        if let storeOverride { config.storePath = storeOverride }

        var directory = CustomerDirectory(customers: [])
        var directoryFile: String?
        if let dir = config.directoryPath {
            let base = file.map { ($0 as NSString).deletingLastPathComponent } ?? "config"
            let resolved = dir.hasPrefix("/") ? dir : (base.isEmpty ? dir : base + "/" + dir)
            if FileManager.default.fileExists(atPath: resolved) {
                guard let data = FileManager.default.contents(atPath: resolved) else {
                    throw ConfigError(file: resolved, key: "", problem: "cannot read the customer directory")
                }
                do {
                    directory = try CustomerDirectory(json: try JSONParser.parse([UInt8](data))) {
                        SystemZoneInfo.bytes(named: $0, environment: environment)
                    }
                } catch let e as ConfigError {
                    var e = e
                    e.file = resolved
                    throw e
                } catch {
                    throw ConfigError(file: resolved, key: "", problem: "\(error)")
                }
                directoryFile = resolved
            } else if file != nil && config.directoryPath != "customers.json" {
                throw ConfigError(file: file, key: "directory", problem: "\(resolved) does not exist")
            }
        }
        return LoadedConfig(config: config, directory: directory, file: file, directoryFile: directoryFile)
    }
}
