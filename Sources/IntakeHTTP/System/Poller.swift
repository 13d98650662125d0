import Glibc

/// `poll(2)` over a few descriptors with a timeout: how the acceptor thread waits for a connection or
/// the server's stop signal, whichever comes first (the event loops use `EventPoll`).
enum Poller {
    struct Events: OptionSet, Sendable {
        let rawValue: Int16
        static let readable = Events(rawValue: Int16(POLLIN))
        static let writable = Events(rawValue: Int16(POLLOUT))
        /// Hang-up or error: a read will tell which (0 or an errno).
        static let closed = Events(rawValue: Int16(POLLHUP | POLLERR | POLLNVAL))
    }

    /// Waits until one of `descriptors` is ready or `timeout` seconds pass (nil: no timeout); returns the
    /// events of each descriptor, all empty on timeout. An `EINTR` is retried with the time that is left.
    static func wait(_ descriptors: [(FileDescriptor, Events)], timeout: Double?) throws(Errno) -> [Events] {
        var fds = descriptors.map { pollfd(fd: $0.0.rawValue, events: $0.1.rawValue, revents: 0) }
        let deadline = timeout.map { MonotonicClock.now() + max(0, $0) }
        while true {
            let milliseconds: CInt
            if let deadline {
                let left = max(0, deadline - MonotonicClock.now())
                milliseconds = CInt(min((left * 1000).rounded(.up), Double(CInt.max)))
            } else {
                milliseconds = -1
            }
            let count = fds.withUnsafeMutableBufferPointer {
                Glibc.poll($0.baseAddress, nfds_t($0.count), milliseconds)
            }
            if count >= 0 { return fds.map { Events(rawValue: $0.revents) } }
            let code = errno
            if code != EINTR { throw Errno(code: code, operation: "poll") }
        }
    }
}

/// Seconds on the monotonic clock: deadlines must not move when the wall clock is set.
enum MonotonicClock {
    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
