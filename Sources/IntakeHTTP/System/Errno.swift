import Glibc

/// A failed system call: the `errno` it left and the operation it was doing ("bind 127.0.0.1:8080").
///
/// The system layer (`Errno`, `FileDescriptor`, `Socket`, `Poller`, `EventPoll`) is the only code in intake that
/// reads `errno`, and it reads it right after the call (as swift-system and NIO's `IO.swift` do), before
/// anything else can overwrite it.
public struct Errno: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: CInt
    public let operation: String

    public init(code: CInt, operation: String) {
        self.code = code
        self.operation = operation
    }

    public var description: String {
        "\(operation): \(String(cString: strerror(code))) (errno \(code))"
    }

    /// Runs `call` until it does not fail with `EINTR` (a signal arrived while it blocked) and throws the
    /// `errno` of any other failure. `@inline(never)` keeps ARC traffic from running between the call and
    /// the read of `errno`.
    @inline(never)
    static func retrying<Result: BinaryInteger>(_ operation: @autoclosure () -> String, _ call: () -> Result)
        throws(Errno) -> Result
    {
        while true {
            let result = call()
            if result != -1 { return result }
            let code = errno
            if code == EINTR { continue }
            throw Errno(code: code, operation: operation())
        }
    }
}
