public import IntakeCore
public import Foundation

/// Structured logs: one JSON object a line on standard error with time, level, component, event and
/// fields (ticket, channel, ...). Never log secrets; message bodies only at debug.
public final class Logger: @unchecked Sendable {
    // @unchecked: `lock` serializes writes; `minimum` is immutable.
    public enum Level: Int, Sendable, Comparable {
        case debug, info, warning, error

        public init?(_ name: String) {
            switch name.lowercased() {
            case "debug": self = .debug
            case "info": self = .info
            case "warning", "warn": self = .warning
            case "error": self = .error
            default: return nil
            }
        }

        var name: String {
            switch self {
            case .debug: "debug"
            case .info: "info"
            case .warning: "warning"
            case .error: "error"
            }
        }

        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    public let minimum: Level
    private let lock = NSLock()
    private let write: @Sendable (String) -> Void

    public init(level: Level, write: @escaping @Sendable (String) -> Void = { line in FileHandle.standardError.write(Data(line.utf8)) }) {
        minimum = level
        self.write = write
    }

    public func isEnabled(_ level: Level) -> Bool { level >= minimum }

    public func log(_ level: Level, _ component: String, _ event: String, _ fields: [(String, JSONValue)] = []) {
        guard level >= minimum else { return }
        var o = JSONObject()
        let now = Clock.wallSeconds()
        let ms = Int((now - now.rounded(.down)) * 1000)
        let stamp = Timestamp(seconds: Int64(now)).iso8601
        o["time"] = .string(String(stamp.dropLast()) + "." + String(format: "%03d", ms) + "Z")
        o["level"] = .string(level.name)
        o["component"] = .string(component)
        o["event"] = .string(event)
        for (k, v) in fields { o[k] = v }
        let line = JSONWriter.string(.object(o)) + "\n"
        lock.lock()
        write(line)
        lock.unlock()
    }

    public func debug(_ component: String, _ event: String, _ fields: [(String, JSONValue)] = []) { log(.debug, component, event, fields) }
    public func info(_ component: String, _ event: String, _ fields: [(String, JSONValue)] = []) { log(.info, component, event, fields) }
    public func warning(_ component: String, _ event: String, _ fields: [(String, JSONValue)] = []) { log(.warning, component, event, fields) }
    public func error(_ component: String, _ event: String, _ fields: [(String, JSONValue)] = []) { log(.error, component, event, fields) }
}
