internal import Foundation

/// The system's zoneinfo files (`$TZDIR`, else `/usr/share/zoneinfo`), where every named time zone of the
/// configuration is read (a customer's `time_zone`, the PBX's `phone.cdr_time_zone`): the tzdata package
/// keeps them current when a country moves its change of offset. (Foundation's `TimeZone` reads the ICU
/// data built into the toolchain instead, and knows only what that build knew.)
public enum SystemZoneInfo {
    /// The TZif bytes of zone `name` under this process's `TZDIR`.
    public static func bytes(named name: String) -> [UInt8]? {
        bytes(named: name, environment: ProcessInfo.processInfo.environment)
    }

    /// The TZif bytes of zone `name` (`America/Santiago`); nil for no such zone, or a name that is a
    /// path rather than a zone (`/etc/passwd`, `../x`).
    public static func bytes(named name: String, environment: [String: String]) -> [UInt8]? {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.isEmpty, !name.hasPrefix("/"), parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else { return nil }
        let directory = environment["TZDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/share/zoneinfo"
        return FileManager.default.contents(atPath: directory + "/" + name).map { [UInt8]($0) }
    }
}
