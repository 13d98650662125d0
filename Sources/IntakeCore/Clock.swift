public import Foundation

/// The wall clock, in one place, so rules that depend on time take a `Timestamp` and tests pass their own.
public enum Clock {
    public static func wallSeconds() -> Double { Date().timeIntervalSince1970 }
}
