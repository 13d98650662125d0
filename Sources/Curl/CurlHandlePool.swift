import Foundation

/// Idle easy handles kept between requests, so a request reuses the connection (and the TLS session)
/// an earlier one left open instead of connecting and shaking hands again: curl keeps a connection cache
/// per easy handle, and `curl_easy_reset` leaves it alone. The outbox sends event after event to the same
/// few hosts (the desk, Slack's and Meta's APIs); a fresh handle per event meant a new TCP connection
/// (and a full TLS handshake) for each one.
///
/// A handle serves one transfer at a time: `take` hands it to one caller, `giveBack` returns it. At most
/// `capacity` idle handles are kept (with their connections); more callers at once get fresh ones.
/// `@unchecked Sendable`: `idle` is only touched under `lock`, and a handle is used by one thread at a time.
final class CurlHandlePool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [CurlEasy] = []
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// An idle handle with its options cleared (connections kept), or a new one.
    func take() throws(CurlError) -> CurlEasy {
        guard let handle = lock.withLock({ idle.popLast() }) else { return try CurlEasy() }
        try handle.reset()
        return handle
    }

    /// Keeps `handle` for the next request, unless `capacity` handles are already idle.
    func giveBack(_ handle: CurlEasy) {
        lock.withLock {
            if idle.count < capacity { idle.append(handle) }
        }
    }
}
