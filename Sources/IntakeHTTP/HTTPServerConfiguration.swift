/// How the server listens, how many connections it keeps, and how long it waits for each phase of a
/// request. Times are seconds.
public struct HTTPServerConfiguration: Sendable, Equatable {
    /// Dotted IPv4 address to bind (`0.0.0.0` for all interfaces, or `localhost`).
    public var host: String
    /// 0 lets the kernel pick a free port; `HTTPServer.port` tells which.
    public var port: UInt16
    public var limits: HTTPLimits
    /// Connections served at once; one more is answered 503 and closed.
    public var maxConnections: Int
    /// From a request's first byte (or from accept, for a connection's first request) to the end of its
    /// header block: a deadline for the whole block, so trickling one byte at a time does not extend it.
    /// Past it the client gets 408.
    public var headerTimeout: Double
    /// From the end of the headers to the end of the body; past it, 408.
    public var bodyTimeout: Double
    /// How long a keep-alive connection may sit between requests before it is closed quietly.
    public var idleTimeout: Double
    /// How long a response may wait for a client that does not read it before the connection is dropped.
    public var writeTimeout: Double
    /// After a response that closes the connection, how long to keep reading (and discarding) what the
    /// client still sends, so that it can read the response instead of getting a reset.
    public var lingerTimeout: Double
    /// The listen backlog: connections the kernel queues before `accept`.
    public var backlog: Int32
    /// Event loop threads; 0 means one per online processor.
    public var eventLoops: Int

    public init(
        host: String = "127.0.0.1",
        port: UInt16 = 8080,
        limits: HTTPLimits = HTTPLimits(),
        maxConnections: Int = 512,
        headerTimeout: Double = 10,
        bodyTimeout: Double = 30,
        idleTimeout: Double = 30,
        writeTimeout: Double = 30,
        lingerTimeout: Double = 2,
        backlog: Int32 = 1024,
        eventLoops: Int = 0
    ) {
        self.host = host
        self.port = port
        self.limits = limits
        self.maxConnections = maxConnections
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.writeTimeout = writeTimeout
        self.lingerTimeout = lingerTimeout
        self.backlog = backlog
        self.eventLoops = eventLoops
    }
}
