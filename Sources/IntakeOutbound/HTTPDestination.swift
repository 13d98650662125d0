public import Curl
public import IntakeCore

/// A request an HTTP destination wants sent: a `POST` (or, to change what the receiver has, a `PUT`)
/// with a JSON body.
public struct OutboundRequest: Sendable, Equatable {
    public var method: String
    public var url: String
    public var headers: [HTTPHeader]
    public var body: [UInt8]

    public init(method: String = "POST", url: String, headers: [HTTPHeader], body: [UInt8]) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// A JSON request (`POST` unless told) with the given extra headers.
    static func json(_ url: String, _ body: JSONValue, method: String = "POST", headers: [HTTPHeader] = []) -> OutboundRequest {
        OutboundRequest(method: method, url: url,
                        headers: [HTTPHeader(name: "Content-Type", value: "application/json; charset=utf-8")] + headers,
                        body: JSONWriter.bytes(body))
    }
}

/// What an HTTP destination decides before any I/O.
public enum DeliveryPlan: Sendable, Equatable {
    case send(OutboundRequest)
    case skip(reason: String)
    /// The event cannot be sent as it is (no address to send to): no point retrying.
    case reject(reason: String)
}

/// A destination reached by one HTTP request per event: it plans the request and reads the response;
/// sending, the `Idempotency-Key` header and the transport failures are shared here.
public protocol HTTPDestination: OutboundDestination {
    var client: HTTPClient { get }
    func plan(_ event: OutboundEvent, now: Timestamp) -> DeliveryPlan
    /// `now`: when the request went out, for a `Retry-After` given as a date.
    func interpret(_ response: HTTPResponse, for event: OutboundEvent, now: Timestamp) -> DeliveryResult
}

extension HTTPDestination {
    /// Every request carries `Idempotency-Key: <event id>`, the same on every retry
    /// (draft-ietf-httpapi-idempotency-key-header), so a receiver that saw the event before (we crashed
    /// between its answer and our commit) can answer without acting twice.
    public func deliver(_ event: OutboundEvent, now: Timestamp) -> DeliveryResult {
        switch plan(event, now: now) {
        case .skip(let reason):
            return .skipped(reason: reason)
        case .reject(let reason):
            return .rejected(status: nil, reason: reason)
        case .send(let request):
            let headers = request.headers + [HTTPHeader(name: "Idempotency-Key", value: event.eventID)]
            do {
                let response = try client.request(method: request.method, url: request.url, headers: headers, body: request.body)
                return interpret(response, for: event, now: now)
            } catch {
                return HTTPOutcome.transportFailure(error)
            }
        }
    }
}

/// The shared reading of HTTP statuses and transport errors.
enum HTTPOutcome {
    /// 2xx is delivered. 408 (timeout), 409 (a request with this Idempotency-Key is still in progress),
    /// 425, 429 and 5xx are retried, honouring `Retry-After` (RFC 9110 §10.2.3). Another 4xx
    /// is a permanent refusal. A 3xx is retried: redirects are not followed (a moved endpoint is a
    /// configuration change), and Standard Webhooks counts them as failures.
    static func result(_ response: HTTPResponse, now: Timestamp, remoteID: String? = nil) -> DeliveryResult {
        let status = response.status
        switch status {
        case 200..<300:
            return .delivered(status: status, remoteID: remoteID)
        case 408, 409, 425, 429, 500...:
            return .retry(status: status, reason: reason(response), retryAfter: retryAfter(response, now: now))
        case 400..<500:
            return .rejected(status: status, reason: reason(response))
        default:
            return .retry(status: status, reason: reason(response))
        }
    }

    /// `HTTP 422: {"error": "unknown event"}`: the status and the start of what the receiver said, so
    /// `intake outbox list` shows why an event failed without anyone capturing the traffic.
    static func reason(_ response: HTTPResponse) -> String {
        let excerpt = bodyExcerpt(response.body)
        return "HTTP \(response.status)" + (excerpt.isEmpty ? "" : ": " + excerpt)
    }

    /// The first `limit` characters of a response body on one line (line breaks, tabs and runs of spaces
    /// become one space), with `…` when there was more.
    static func bodyExcerpt(_ body: [UInt8], limit: Int = 200) -> String {
        let text = String(decoding: body.prefix(limit * 4), as: UTF8.self)
        let line = text.split(whereSeparator: { $0.isWhitespace || ($0.asciiValue ?? 0x20) < 0x20 }).joined(separator: " ")
        return line.count > limit || body.count > limit * 4 ? String(line.prefix(limit)) + "…" : line
    }

    /// The wait `Retry-After` asks for, in seconds from `now`: `Retry-After: 120`, or
    /// `Retry-After: Fri, 31 Dec 1999 23:59:59 GMT` (what a 503 during maintenance often carries; a date
    /// already past is 0). Nil when there is none or it cannot be read: our schedule applies then.
    static func retryAfter(_ response: HTTPResponse, now: Timestamp) -> Int64? {
        guard let text = response.value(forHeader: "Retry-After") else { return nil }
        if let seconds = Int64(text) { return seconds >= 0 ? seconds : nil }
        return HTTPDate.parse(text).map { max(0, $0.seconds - now.seconds) }
    }

    /// curl's `CURLE_UNSUPPORTED_PROTOCOL` (1), `CURLE_URL_MALFORMAT` (3) and `CURLE_BAD_FUNCTION_ARGUMENT`
    /// (43, an invalid header we built) will fail the same way every time; anything else (refused,
    /// reset, timed out, TLS) may pass later. The reason is curl's code and message, without the
    /// request's URL: the reason is logged and stored, and a URL can carry a password or be a secret
    /// itself (a hook URL's path).
    static func transportFailure(_ error: CurlError) -> DeliveryResult {
        let reason = "curl error \(error.code): \(error.message)"
        if [1, 3, 43].contains(error.code) {
            return .rejected(status: nil, reason: reason)
        }
        return .retry(status: nil, reason: error.isTimeout ? "timed out" : reason)
    }

    /// The JSON body of a response, nil when it is not JSON.
    static func json(_ response: HTTPResponse) -> JSONValue? {
        try? JSONParser.parse(response.body)
    }
}
