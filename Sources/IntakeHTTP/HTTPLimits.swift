/// Every size limit of the request parser in one place (as NIO's decoder limits are), so the service
/// config can show and set them. A request over a limit is refused before it is buffered whole.
public struct HTTPLimits: Sendable, Equatable {
    /// The request line (`POST /webhooks/slack/events HTTP/1.1`); longer → 414.
    public var requestLineBytes: Int
    /// One header (or trailer) field line; longer → 431.
    public var fieldBytes: Int
    /// All header field lines together, trailers included; more → 431.
    public var headerBytes: Int
    /// Number of header fields, trailers included; more → 431.
    public var fieldCount: Int
    /// The body: checked against `Content-Length` as soon as the headers end, before any body byte is
    /// read, and against the running total of a chunked body; more → 413.
    public var bodyBytes: Int
    /// One chunk-size line with its extensions; longer → 400.
    public var chunkLineBytes: Int

    /// Defaults sized for webhooks: platform payloads are a few KiB; Slack caps messages near 40 KB.
    public init(
        requestLineBytes: Int = 8 * 1024,
        fieldBytes: Int = 16 * 1024,
        headerBytes: Int = 64 * 1024,
        fieldCount: Int = 100,
        bodyBytes: Int = 1024 * 1024,
        chunkLineBytes: Int = 1024
    ) {
        self.requestLineBytes = requestLineBytes
        self.fieldBytes = fieldBytes
        self.headerBytes = headerBytes
        self.fieldCount = fieldCount
        self.bodyBytes = bodyBytes
        self.chunkLineBytes = chunkLineBytes
    }
}
