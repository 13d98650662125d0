internal import CEventPoll
import Glibc

/// An `epoll(7)` instance: how an event loop thread waits on all its connections at once. Each
/// registration carries a 64-bit token (the connection's descriptor) that comes back with its events.
/// The calls and `struct epoll_event` come from `<sys/epoll.h>` through the `CEventPoll` C target
/// (Swift's Glibc module leaves that header out); the flag values are the kernel ABI's
/// (`include/uapi/linux/eventpoll.h`).
struct EventPoll: Sendable {
    let descriptor: FileDescriptor

    static let readable: UInt32 = 0x001  // EPOLLIN
    static let writable: UInt32 = 0x004  // EPOLLOUT
    /// Peer half-closed (EPOLLRDHUP), hang-up (EPOLLHUP) or error (EPOLLERR): a read or write tells which.
    static let closed: UInt32 = 0x2000 | 0x010 | 0x008
    /// EPOLLET, edge-triggered: one event per change of state, so a registration is made once per
    /// connection and never modified (no `epoll_ctl` per request); the loop remembers what it has not
    /// consumed yet.
    static let edgeTriggered: UInt32 = 1 << 31

    static func create() throws(Errno) -> EventPoll {
        let fd = try Errno.retrying("epoll_create1") { epoll_create1(CInt(O_CLOEXEC)) }
        return EventPoll(descriptor: FileDescriptor(rawValue: fd))
    }

    func add(_ fd: FileDescriptor, events: UInt32, token: UInt64) throws(Errno) {
        var event = epoll_event()
        event.events = events
        event.data.u64 = token
        _ = try Errno.retrying("epoll_ctl add") { epoll_ctl(descriptor.rawValue, EPOLL_CTL_ADD, fd.rawValue, &event) }
    }

    /// Waits up to `milliseconds` (-1: no limit) and fills `events`; returns how many are ready (0 on
    /// timeout or when a signal interrupted the wait: the caller's loop just goes round again).
    func wait(into events: Events, milliseconds: CInt) -> Int {
        max(0, Int(epoll_wait(descriptor.rawValue, events.storage, CInt(events.capacity), milliseconds)))
    }

    /// A buffer of `struct epoll_event` for `wait`.
    final class Events {
        let capacity: Int
        fileprivate let storage: UnsafeMutablePointer<epoll_event>

        init(capacity: Int) {
            self.capacity = capacity
            storage = .allocate(capacity: capacity)
            storage.initialize(repeating: epoll_event(), count: capacity)
        }

        deinit { storage.deallocate() }

        func events(at index: Int) -> UInt32 { storage[index].events }

        func token(at index: Int) -> UInt64 { storage[index].data.u64 }
    }
}

/// An `eventfd(2)` counter: written by any thread to wake an event loop blocked in `epoll_wait`.
struct WakeSignal: Sendable {
    let descriptor: FileDescriptor

    static func create() throws(Errno) -> WakeSignal {
        let fd = try Errno.retrying("eventfd") { eventfd(0, CInt(EFD_CLOEXEC) | CInt(EFD_NONBLOCK)) }
        return WakeSignal(descriptor: FileDescriptor(rawValue: fd))
    }

    func signal() {
        var one: UInt64 = 1
        _ = Glibc.write(descriptor.rawValue, &one, MemoryLayout<UInt64>.size)
    }

    /// Resets the counter, so the (level-triggered) registration stops reporting it.
    func drain() {
        var value: UInt64 = 0
        _ = Glibc.read(descriptor.rawValue, &value, MemoryLayout<UInt64>.size)
    }
}
