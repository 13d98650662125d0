/// The time zone a PBX writes its local times in (CDR dates, CTI and call-log times without a zone) and
/// in which a call's time is shown to staff: a fixed offset (`phone.cdr_utc_offset`, Argentina's -03:00,
/// which has had no daylight saving since 2009) or an IANA zone (`phone.cdr_time_zone`). A Chilean PBX
/// needs the zone: `America/Santiago` is UTC-3 from September to April and UTC-4 in winter, so any one
/// offset puts half the year's calls, and their SLA deadlines, an hour off.
public struct LocalTimeZone: Sendable, Equatable, CustomStringConvertible {
    /// The rules of the named zone, from the system's zoneinfo; nil for a fixed offset.
    private let zone: ZoneInfo?
    private let fixedOffsetSeconds: Int

    /// Argentina's clock, UTC-3 all year.
    public static let argentina = LocalTimeZone(offsetSeconds: -3 * 3600)

    public init(offsetSeconds: Int) {
        zone = nil
        fixedOffsetSeconds = offsetSeconds
    }

    public init(zone: ZoneInfo) {
        self.zone = zone
        fixedOffsetSeconds = 0
    }

    /// The IANA zone `identifier` from the system's zoneinfo; nil when it has no such zone.
    public init?(identifier: String) {
        guard case .success(let zone) = Self.named(identifier, zoneInfo: SystemZoneInfo.bytes(named:)) else { return nil }
        self = zone
    }

    /// The IANA zone `name` (`America/Santiago`, or `UTC`) from the TZif bytes `zoneInfo` gives for it
    /// (`SystemZoneInfo`), or what is wrong with it, as the configuration states a problem.
    /// Abbreviations (`CLT`, `ART`) are refused: one names a season's offset, not a zone's rules.
    public static func named(_ name: String, zoneInfo: (String) -> [UInt8]?) -> Result<LocalTimeZone, ZoneInfo.Problem> {
        guard name.contains("/") || name == "UTC", let bytes = zoneInfo(name) else {
            return .failure(ZoneInfo.Problem(description: "`\(name)` is no time zone of the system's zoneinfo (like America/Santiago)"))
        }
        do {
            return .success(LocalTimeZone(zone: try ZoneInfo(name: name, tzif: bytes)))
        } catch {
            return .failure(ZoneInfo.Problem(description: "`\(name)`: \(error)"))
        }
    }

    /// `America/Santiago`, or the fixed offset as `-03:00`.
    public var description: String {
        if let zone { return zone.name }
        let minutes = abs(fixedOffsetSeconds) / 60
        let sign = fixedOffsetSeconds < 0 ? "-" : "+"
        func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return sign + twoDigits(minutes / 60) + ":" + twoDigits(minutes % 60)
    }

    /// Seconds east of UTC at the instant `time`.
    public func offsetSeconds(at time: Timestamp) -> Int {
        guard let zone else { return fixedOffsetSeconds }
        return zone.utcOffset(at: time)
    }

    /// The instant a local wall-clock time names, given as if it were UTC (`CDRTime` reads dates that
    /// way). In the hour a clock turned back, which happens twice, the first; in the hour it skipped, which
    /// never happened (a misset clock), the time read with the offset before the change.
    public func instant(ofLocal wall: Timestamp) -> Timestamp {
        guard zone != nil else { return wall.adding(seconds: Int64(-fixedOffsetSeconds)) }
        let before = offsetSeconds(at: wall.adding(seconds: -86_400))
        let after = offsetSeconds(at: wall.adding(seconds: 86_400))
        for offset in [before, after] {
            let instant = wall.adding(seconds: Int64(-offset))
            if offsetSeconds(at: instant) == offset { return instant }
        }
        return wall.adding(seconds: Int64(-before))
    }

    /// The wall-clock time at `time`, written as if it were UTC (for `Timestamp`'s calendar fields).
    public func local(_ time: Timestamp) -> Timestamp {
        time.adding(seconds: Int64(offsetSeconds(at: time)))
    }
}
