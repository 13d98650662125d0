public import IntakeCore
public import Foundation

/// Structured logs: one JSON object a line on standard error with time, level, component, event and
/// fields (ticket, channel, ...). Never log secrets; message bodies only at debug.
public final class Logger: @unchecked Sendable {
    // @unchecked: `lock` guards `buffer` and serializes writes; the rest is immutable.
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
    private let flushDelay: Double
    private var buffer = ""

    /// With `flushDelay` 0 every line is written at once. Above 0, info and debug lines are collected
    /// and written together that many seconds after the first of them (one write instead of one per
    /// message under load); a warning or an error writes everything collected at once, as `flush()` does.
    public init(level: Level, flushDelay: Double = 0,
                write: @escaping @Sendable (String) -> Void = { line in FileHandle.standardError.write(Data(line.utf8)) }) {
        minimum = level
        self.flushDelay = flushDelay
        self.write = write
    }

    public func isEnabled(_ level: Level) -> Bool { level >= minimum }

    public func log(_ level: Level, _ component: String, _ event: String, _ fields: [(String, JSONValue)] = []) {
        guard level >= minimum else { return }
        // Written straight into bytes (no JSON object built first): `serve` logs every message.
        var out: [UInt8] = []
        out.reserveCapacity(256)
        out.append(contentsOf: "{\"time\":\"".utf8)
        Self.appendTime(Clock.wallSeconds(), to: &out)
        out.append(contentsOf: "\",\"level\":\"".utf8)
        out.append(contentsOf: level.name.utf8)
        out.append(contentsOf: "\",\"component\":".utf8)
        JSONWriter.appendQuoted(component, to: &out)
        out.append(contentsOf: ",\"event\":".utf8)
        JSONWriter.appendQuoted(event, to: &out)
        for (key, value) in fields where !Self.reserved.contains(key) {
            out.append(0x2C)
            JSONWriter.appendQuoted(key, to: &out)
            out.append(0x3A)
            JSONWriter.append(value, to: &out)
        }
        out.append(contentsOf: "}\n".utf8)
        let line = String(decoding: out, as: UTF8.self)
        lock.lock()
        defer { lock.unlock() }
        guard flushDelay > 0 else { return write(line) }
        let isFirst = buffer.isEmpty
        buffer += line
        if level >= .warning {
            flushLocked()
        } else if isFirst {
            DispatchQueue.global().asyncAfter(deadline: .now() + flushDelay) { [self] in flush() }
        }
    }

    /// Writes what is collected (the service calls it when it starts and when it stops).
    public func flush() {
        lock.lock()
        flushLocked()
        lock.unlock()
    }

    /// Writing under the lock keeps the lines in order across concurrent flushes.
    private func flushLocked() {
        guard !buffer.isEmpty else { return }
        write(buffer)
        buffer = ""
    }

    private static let reserved: Set = ["time", "level", "component", "event"]

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    static func time(_ seconds: Double) -> String {
        var out: [UInt8] = []
        appendTime(seconds, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    static func appendTime(_ seconds: Double, to out: inout [UInt8]) {
        let whole = seconds.rounded(.down)
        let ms = min(999, max(0, Int((seconds - whole) * 1000)))
        out.append(contentsOf: Timestamp(seconds: Int64(whole)).iso8601.utf8.dropLast())
        out.append(contentsOf: [0x2E, UInt8(0x30 + ms / 100), UInt8(0x30 + ms / 10 % 10), UInt8(0x30 + ms % 10), 0x5A])
    }

    public func debug(_ component: String, _ event: String, _ fields: [(String, JSONValue)] = []) { log(.debug, component, event, fields) }
    public func info(_ component: String, _ event: String, _ fields: [(String, JSONValue)] = []) { log(.info, component, event, fields) }
    public func warning(_ component: String, _ event: String, _ fields: [(String, JSONValue)] = []) { log(.warning, component, event, fields) }
    public func error(_ component: String, _ event: String, _ fields: [(String, JSONValue)] = []) { log(.error, component, event, fields) }
}
