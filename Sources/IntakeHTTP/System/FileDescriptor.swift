import Glibc

/// An open file descriptor. It has no `deinit`: whoever creates one closes it (swift-system's rule), so
/// a descriptor can be handed between threads without a hidden close.
struct FileDescriptor: Sendable, Hashable {
    let rawValue: CInt

    /// Writes all of `bytes`, looping over partial writes.
    func writeAll(_ bytes: [UInt8]) throws(Errno) {
        var offset = 0
        while offset < bytes.count {
            let written = try Errno.retrying("write") {
                bytes.withUnsafeBytes { Glibc.write(rawValue, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
            }
            offset += written
        }
    }

    /// Closes the descriptor. `EINTR` is not retried: on Linux the descriptor is released anyway and a
    /// retry could close a descriptor another thread has just been given.
    func close() {
        _ = Glibc.close(rawValue)
    }

    /// A pipe whose read end becomes readable, and stays readable, once one byte is written: how the
    /// server tells its acceptor thread to stop.
    static func pipe() throws(Errno) -> (read: FileDescriptor, write: FileDescriptor) {
        var fds: [CInt] = [0, 0]
        _ = try Errno.retrying("pipe") { fds.withUnsafeMutableBufferPointer { Glibc.pipe($0.baseAddress) } }
        let ends = (read: FileDescriptor(rawValue: fds[0]), write: FileDescriptor(rawValue: fds[1]))
        ends.read.setCloseOnExec()
        ends.write.setCloseOnExec()
        return ends
    }

    /// `FD_CLOEXEC`, so a process the service starts does not inherit the descriptor. (Glibc's `pipe2`
    /// and `accept4`, which set it atomically, are not visible to Swift without `_GNU_SOURCE`.)
    func setCloseOnExec() {
        _ = fcntl(rawValue, F_SETFD, FD_CLOEXEC)
    }
}
