import Glibc

/// An IPv4 TCP socket: the listening socket (blocking `accept`) and each accepted connection (read and
/// written without blocking by its event loop). Like
/// `FileDescriptor` it has no `deinit`; its owner calls `close()`.
struct Socket: Sendable, Hashable {
    let descriptor: FileDescriptor

    var rawValue: CInt { descriptor.rawValue }

    /// Binds `host:port` (dotted IPv4, or `localhost`; port 0 picks a free port) with `SO_REUSEADDR`, so
    /// a restarted server can bind while old connections sit in TIME_WAIT, and listens.
    static func listen(host: String, port: UInt16, backlog: CInt) throws(Errno) -> Socket {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        let literal = host == "localhost" ? "127.0.0.1" : host
        guard inet_pton(AF_INET, literal, &address.sin_addr) == 1 else {
            throw Errno(code: EINVAL, operation: "parse listen address '\(host)' (an IPv4 address is expected)")
        }
        let fd = try Errno.retrying("socket") {
            Glibc.socket(AF_INET, CInt(SOCK_STREAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue), 0)
        }
        let socket = Socket(descriptor: FileDescriptor(rawValue: fd))
        do {
            try socket.setOption(SOL_SOCKET, SO_REUSEADDR, 1, name: "SO_REUSEADDR")
            _ = try Errno.retrying("bind \(host):\(port)") {
                withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
            }
            _ = try Errno.retrying("listen \(host):\(port)") { Glibc.listen(fd, backlog) }
        } catch {
            socket.close()
            throw error
        }
        return socket
    }

    /// The port the socket is bound to (the one the kernel chose when asked for port 0).
    func localPort() throws(Errno) -> UInt16 {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = try Errno.retrying("getsockname") {
            withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.getsockname(rawValue, $0, &length) }
            }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    /// Accepts one connection and names its peer as `a.b.c.d:port`.
    func accept() throws(Errno) -> (socket: Socket, remote: String) {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let fd = try Errno.retrying("accept") {
            withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.accept(rawValue, $0, &length) }
            }
        }
        let connection = Socket(descriptor: FileDescriptor(rawValue: fd))
        connection.descriptor.setCloseOnExec()
        var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        inet_ntop(AF_INET, &address.sin_addr, &text, socklen_t(text.count))
        let host = String(decoding: text.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (connection, "\(host):\(UInt16(bigEndian: address.sin_port))")
    }

    func setOption(_ level: CInt, _ option: CInt, _ value: CInt, name: String) throws(Errno) {
        var value = value
        _ = try Errno.retrying("setsockopt \(name)") {
            Glibc.setsockopt(rawValue, level, option, &value, socklen_t(MemoryLayout<CInt>.size))
        }
    }

    /// What a non-blocking `recv` or `send` did.
    enum Transfer: Equatable {
        /// This many bytes (0 from `recv`: the peer closed its side).
        case done(Int)
        /// Nothing now (`EAGAIN`): wait for the next readiness event.
        case wouldBlock
        /// The connection failed (reset, broken pipe...).
        case failed
    }

    /// Receives up to `buffer.count` bytes without blocking (`MSG_DONTWAIT`, so the socket itself stays
    /// in blocking mode and needs no `fcntl`).
    func receiveNow(into buffer: UnsafeMutableRawBufferPointer) -> Transfer {
        Self.transfer { Glibc.recv(rawValue, buffer.baseAddress, buffer.count, CInt(MSG_DONTWAIT)) }
    }

    /// Sends what the kernel takes now. `MSG_NOSIGNAL` turns a write to a closed peer into `EPIPE`
    /// instead of a SIGPIPE that would kill the process.
    func sendNow(_ bytes: UnsafeRawBufferPointer) -> Transfer {
        Self.transfer {
            Glibc.send(rawValue, bytes.baseAddress, bytes.count, CInt(MSG_DONTWAIT) | CInt(MSG_NOSIGNAL))
        }
    }

    @inline(never)
    private static func transfer(_ call: () -> Int) -> Transfer {
        while true {
            let result = call()
            if result >= 0 { return .done(result) }
            let code = errno
            if code == EINTR { continue }
            return code == EAGAIN || code == EWOULDBLOCK ? .wouldBlock : .failed
        }
    }

    /// Half-closes: the peer reads the end of our response and then end of file, while we can still read
    /// (and discard) what it is sending.
    func shutdownWrite() {
        _ = Glibc.shutdown(rawValue, CInt(SHUT_WR))
    }

    func close() {
        descriptor.close()
    }
}
