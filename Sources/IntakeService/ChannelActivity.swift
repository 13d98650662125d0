public import IntakeCore
import Foundation

/// When each channel last brought a message into the store: webhooks are pushed to us, so unlike the
/// pollers they have no interval to be late by; /healthz shows their last success and its age so a
/// silent channel is visible at a glance.
public final class ChannelActivity: @unchecked Sendable {
    // @unchecked: `last` is guarded by `lock`.
    private let lock = NSLock()
    private var last: [Channel: Timestamp] = [:]

    public init() {}

    public func record(_ channel: Channel, at time: Timestamp = Timestamp.now()) {
        lock.lock()
        last[channel] = time
        lock.unlock()
    }

    public func lastSuccess(_ channel: Channel) -> Timestamp? {
        lock.lock()
        defer { lock.unlock() }
        return last[channel]
    }
}
