public import IntakeHTTP
import Dispatch
import IntakeChannels
import IntakeCore
import IntakeDesk

/// Routes requests to their handlers. Every webhook is verified first (fail closed when its secret is
/// missing), normalized, and answered only after its raw payload is committed (group commit).
///
/// Handlers run on the server's event loop and must not block it: a commit is queued and answered from
/// its completion, and work that waits on the store's lock (health, metrics gauges, CTI call state, a
/// slash command's ticket) runs on `blocking`, a Dispatch queue, and replies from there.
public struct WebhookResponder: HTTPResponder {
    let context: IntakeContext
    let health: HealthReporter
    static let blocking = DispatchQueue(label: "intake.http.blocking", attributes: .concurrent)

    public init(context: IntakeContext, health: HealthReporter) {
        self.context = context
        self.health = health
    }

    /// The methods each route answers; HEAD wherever GET is (RFC 9110 §9.1: the server sends the
    /// GET answer's head without its body).
    static let allowedMethods: [String: String] = [
        "/healthz": "GET, HEAD", "/metrics": "GET, HEAD", "/webhooks/whatsapp": "GET, HEAD, POST",
        "/webhooks/slack/events": "POST", "/webhooks/slack/commands": "POST", "/webhooks/twilio": "POST",
        "/webhooks/cti": "POST", "/calls": "POST", "/webhooks/desk": "POST",
    ]

    /// The route label for metrics: the path for known routes, `other` for the rest (bounded cardinality).
    public static func route(of request: HTTPRequest) -> String {
        allowedMethods[request.path] == nil ? "other" : request.path
    }

    public func respond(to request: HTTPRequest, reply: HTTPReply) {
        switch (request.method == "HEAD" ? "GET" : request.method, request.path) {
        case ("GET", "/healthz"):
            Self.blocking.async { [health] in reply.send(health.response()) }
        case ("GET", "/metrics"):
            Self.blocking.async { [health, context] in
                health.refreshGauges()
                reply.send(HTTPResponse(status: 200, headers: [("Content-Type", "text/plain; version=0.0.4; charset=utf-8")], body: Array(context.metrics.render().utf8)))
            }
        case ("POST", "/webhooks/slack/events"): SlackWebhook(context: context).events(request, reply)
        case ("POST", "/webhooks/slack/commands"): SlackWebhook(context: context).command(request, reply)
        case ("GET", "/webhooks/whatsapp"): reply.send(WhatsAppWebhook(context: context).verify(request))
        case ("POST", "/webhooks/whatsapp"): WhatsAppWebhook(context: context).cloud(request, reply)
        case ("POST", "/webhooks/twilio"): WhatsAppWebhook(context: context).twilio(request, reply)
        case ("POST", "/webhooks/cti"): PhoneWebhook(context: context).cti(request, reply)
        case ("POST", "/calls"): PhoneWebhook(context: context).callLog(request, reply)
        case ("POST", "/webhooks/desk"): DeskWebhook(context: context).status(request, reply)
        case (_, let path) where Self.allowedMethods[path] != nil:
            // RFC 9110 §15.5.6: a 405 says what the route does allow.
            var refused = HTTPResponse.error(405, "method \(request.method) not allowed on \(path)")
            refused.headers.append(("Allow", Self.allowedMethods[path]!))
            reply.send(refused)
        default:
            reply.send(.error(404, "no route \(request.path)"))
        }
    }
}

/// Shared steps of every webhook handler.
struct WebhookSteps {
    let context: IntakeContext

    /// Refusal of an unsigned or wrongly signed request: 401, counted, logged without secrets.
    func refuse(_ channel: String, _ error: any Error) -> HTTPResponse {
        context.metrics.increment(MetricNames.signatureFailures, [("channel", channel)])
        context.logger.warning("http", "signature.refused", [("channel", .string(channel)), ("reason", .string("\(error)"))])
        return .error(401, "\(error)")
    }

    /// `Authorization: Bearer TOKEN` (or `X-Intake-Token`), compared in constant time: nil when it
    /// matches, else the refusal (403 when no token is configured: fail closed).
    func authorize(_ request: HTTPRequest, token: String?, channel: String, setting: String) -> HTTPResponse? {
        guard let token else { return notConfigured(channel, setting) }
        var given = request.header("X-Intake-Token")
        if let auth = request.header("Authorization"), auth.lowercased().hasPrefix("bearer ") {
            given = String(auth.dropFirst(7)).trimmingWhitespace()
        }
        guard let given, ConstantTime.equals(Array(given.utf8), Array(token.utf8)) else {
            return refuse(channel, TokenRefused())
        }
        return nil
    }

    /// A channel whose secret is missing refuses everything (fail closed).
    func notConfigured(_ channel: String, _ what: String) -> HTTPResponse {
        context.metrics.increment(MetricNames.signatureFailures, [("channel", channel)])
        return .error(403, "\(channel) is not configured: \(what) is missing, so requests are refused")
    }

    /// A header that must appear once: several copies are a 400 (a smuggling or confusion attempt).
    func single(_ name: String, in request: HTTPRequest) -> Result<String?, HTTPResponseError> {
        let values = request.headers(named: name)
        if values.count > 1 { return .failure(HTTPResponseError(.error(400, "header \(name) appears \(values.count) times"))) }
        return .success(values.first)
    }

    /// Normalizes and commits, then answers what `answer` builds from the results (on the loop thread,
    /// where they are also recorded); 400 (once the raw payload is kept) when the adapter refuses it, 503
    /// when the store cannot commit (the platform will retry).
    func ingest(_ channel: Channel, _ request: HTTPRequest, adapter: any ChannelAdapter, source: String, reply: HTTPReply,
                answer: @escaping @Sendable ([IngestResult]) -> HTTPResponse = WebhookSteps.ok) {
        guard let messages = normalize(channel, request, adapter: adapter, source: source, reply: reply) else { return }
        commit(channel, request, messages: messages, source: source, reply: reply, answer: answer)
    }

    /// The adapter's messages, or nil when it refused the payload: then the request is being answered 400.
    func normalize(_ channel: Channel, _ request: HTTPRequest, adapter: any ChannelAdapter, source: String, reply: HTTPReply) -> [InboundMessage]? {
        do {
            return try adapter.normalize(RawPayload(bytes: request.body, contentType: request.header("Content-Type"), source: source))
        } catch {
            refuseMalformed(channel, request, source: source, error: error, reply: reply)
            return nil
        }
    }

    /// Keeps the raw payload of a request that could not be read (for the record), then answers 400.
    func refuseMalformed(_ channel: Channel, _ request: HTTPRequest, source: String, error: any Error, reply: HTTPReply) {
        let context = context
        let response = HTTPResponse.error(400, "\(error)")
        context.submit(channel, raw: request.body, contentType: request.header("Content-Type"), source: source, messages: [], error: "\(error)") { result in
            reply.respond {
                if case .success(let results) = result { context.record(results) }
                return response
            }
        }
    }

    func commit(_ channel: Channel, _ request: HTTPRequest, messages: [InboundMessage], source: String, reply: HTTPReply,
                answer: @escaping @Sendable ([IngestResult]) -> HTTPResponse = WebhookSteps.ok) {
        let context = context
        context.submit(channel, raw: request.body, contentType: request.header("Content-Type"), source: source, messages: messages) { result in
            reply.respond {
                switch result {
                case .success(let results):
                    context.record(results)
                    return answer(results)
                case .failure(let error):
                    return Self.commitFailed(context, channel, error)
                }
            }
        }
    }

    static func commitFailed(_ context: IntakeContext, _ channel: Channel, _ error: any Error) -> HTTPResponse {
        context.logger.error("store", "commit.failed", [("channel", .string(channel.rawValue)), ("error", .string("\(error)"))])
        return .error(503, "the desk store could not commit the payload; retry later")
    }

    /// `{"ok":true,"results":[…]}`, written straight into bytes (the answer to every webhook).
    @Sendable static func ok(_ results: [IngestResult]) -> HTTPResponse {
        var body: [UInt8] = []
        body.reserveCapacity(64 + 160 * results.count)
        body.append(contentsOf: "{\"ok\":true,\"results\":[".utf8)
        for (i, r) in results.enumerated() {
            if i > 0 { body.append(0x2C) }
            r.appendJSON(to: &body)
        }
        body.append(contentsOf: "]}".utf8)
        return HTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: body)
    }
}

/// An HTTP response carried as an error through `Result`.
struct HTTPResponseError: Error {
    let response: HTTPResponse

    init(_ response: HTTPResponse) {
        self.response = response
    }
}

struct TokenRefused: Error, CustomStringConvertible {
    var description: String { "missing or wrong bearer token" }
}
