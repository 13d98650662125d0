import Glibc

/// An `epoll(7)` instance: how an event loop thread waits on all its connections at once. Each
/// registration carries a 64-bit token (the connection's descriptor) that comes back with its events.
///
/// Swift's Glibc module map does not include `<sys/epoll.h>` or `<sys/eventfd.h>`, and a C target is
/// not worth it for four functions: `LinuxCalls` looks them up in the C library with `dlsym`, and the
/// constants and the `struct epoll_event` layout are the kernel ABI's (`include/uapi/linux/eventpoll.h`).
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
        let fd = try Errno.retrying("epoll_create1") { LinuxCalls.epollCreate1(CInt(O_CLOEXEC)) }
        return EventPoll(descriptor: FileDescriptor(rawValue: fd))
    }

    func add(_ fd: FileDescriptor, events: UInt32, token: UInt64) throws(Errno) {
        var record = [UInt8](repeating: 0, count: Events.stride)
        record.withUnsafeMutableBytes {
            $0.storeBytes(of: events, toByteOffset: 0, as: UInt32.self)
            $0.storeBytes(of: token, toByteOffset: Events.dataOffset, as: UInt64.self)
        }
        _ = try Errno.retrying("epoll_ctl add") {
            record.withUnsafeMutableBytes { LinuxCalls.epollCtl(descriptor.rawValue, 1, fd.rawValue, $0.baseAddress) }
        }
    }

    /// Waits up to `milliseconds` (-1: no limit) and fills `events`; returns how many are ready (0 on
    /// timeout or when a signal interrupted the wait: the caller's loop just goes round again).
    func wait(into events: Events, milliseconds: CInt) -> Int {
        let count = LinuxCalls.epollWait(descriptor.rawValue, events.storage.baseAddress, CInt(events.capacity), milliseconds)
        return max(0, Int(count))
    }

    /// A buffer of `struct epoll_event`: packed (12 bytes) on x86-64, naturally aligned (16) elsewhere.
    final class Events {
        #if arch(x86_64)
        static let stride = 12
        static let dataOffset = 4
        #else
        static let stride = 16
        static let dataOffset = 8
        #endif

        let capacity: Int
        let storage: UnsafeMutableRawBufferPointer

        init(capacity: Int) {
            self.capacity = capacity
            storage = .allocate(byteCount: capacity * Self.stride, alignment: 8)
        }

        deinit { storage.deallocate() }

        func events(at index: Int) -> UInt32 {
            storage.loadUnaligned(fromByteOffset: index * Self.stride, as: UInt32.self)
        }

        func token(at index: Int) -> UInt64 {
            storage.loadUnaligned(fromByteOffset: index * Self.stride + Self.dataOffset, as: UInt64.self)
        }
    }
}

/// An `eventfd(2)` counter: written by any thread to wake an event loop blocked in `epoll_wait`.
struct WakeSignal: Sendable {
    let descriptor: FileDescriptor

    static func create() throws(Errno) -> WakeSignal {
        // EFD_CLOEXEC and EFD_NONBLOCK have the values of O_CLOEXEC and O_NONBLOCK.
        let fd = try Errno.retrying("eventfd") { LinuxCalls.eventfd(0, CInt(O_CLOEXEC) | CInt(O_NONBLOCK)) }
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

/// The C library's epoll and eventfd functions, found once by name (see `EventPoll`). They are part of
/// glibc's stable ABI since 2.9, so a missing one is a broken system, not an input error.
enum LinuxCalls {
    typealias EpollCreate1 = @convention(c) (CInt) -> CInt
    typealias EpollCtl = @convention(c) (CInt, CInt, CInt, UnsafeMutableRawPointer?) -> CInt
    typealias EpollWait = @convention(c) (CInt, UnsafeMutableRawPointer?, CInt, CInt) -> CInt
    typealias EventFD = @convention(c) (CUnsignedInt, CInt) -> CInt

    static let epollCreate1: EpollCreate1 = function("epoll_create1")
    static let epollCtl: EpollCtl = function("epoll_ctl")
    static let epollWait: EpollWait = function("epoll_wait")
    static let eventfd: EventFD = function("eventfd")

    private static func function<F>(_ name: String) -> F {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), name) else {
            fatalError("the C library has no \(name): epoll and eventfd are required (Linux)")
        }
        return unsafeBitCast(symbol, to: F.self)
    }
}
