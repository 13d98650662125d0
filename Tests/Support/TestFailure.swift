/// Why a test helper could not set up: a missing tool (with how to install it), a server that did not
/// start, a command that failed. Thrown, never skipped, so a machine without a server fails loudly.
public struct TestFailure: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
