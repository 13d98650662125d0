public import IntakeHTTP
import IntakeChannels
import IntakeCore
import IntakeDesk

/// Routes requests to their handlers. Every webhook is verified first (fail closed when its secret is
/// missing), normalized, and answered only after its raw payload is committed (group commit).
public struct WebhookResponder: HTTPResponder {
    let context: IntakeContext
    let health: HealthReporter

    public init(context: IntakeContext, health: HealthReporter) {
        self.context = context
        self.health = health
    }

    /// The route label for metrics: the path for known routes, `other` for the rest (bounded cardinality).
    public static func route(of request: HTTPRequest) -> String {
        let known = ["/webhooks/slack/events", "/webhooks/slack/commands", "/webhooks/whatsapp", "/webhooks/twilio", "/webhooks/cti", "/calls", "/healthz", "/metrics"]
        return known.contains(request.path) ? request.path : "other"
    }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        switch (request.method, request.path) {
        case ("GET", "/healthz"), ("HEAD", "/healthz"): return health.response()
        case ("GET", "/metrics"):
            health.refreshGauges()
            return HTTPResponse(status: 200, headers: [("Content-Type", "text/plain; version=0.0.4; charset=utf-8")], body: Array(context.metrics.render().utf8))
        case ("POST", "/webhooks/slack/events"): return SlackWebhook(context: context).events(request)
        case ("POST", "/webhooks/slack/commands"): return SlackWebhook(context: context).command(request)
        case ("GET", "/webhooks/whatsapp"): return WhatsAppWebhook(context: context).verify(request)
        case ("POST", "/webhooks/whatsapp"): return WhatsAppWebhook(context: context).cloud(request)
        case ("POST", "/webhooks/twilio"): return WhatsAppWebhook(context: context).twilio(request)
        case ("POST", "/webhooks/cti"): return PhoneWebhook(context: context).cti(request)
        case ("POST", "/calls"): return PhoneWebhook(context: context).callLog(request)
        case (_, "/healthz"), (_, "/metrics"), (_, "/webhooks/slack/events"), (_, "/webhooks/slack/commands"), (_, "/webhooks/whatsapp"),
            (_, "/webhooks/twilio"), (_, "/webhooks/cti"), (_, "/calls"):
            return .error(405, "method \(request.method) not allowed on \(request.path)")
        default:
            return .error(404, "no route \(request.path)")
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

    /// Normalizes and commits; 400 (with the raw payload kept) when the adapter refuses it, 503 when the
    /// store cannot commit (the platform will retry).
    func ingest(_ channel: Channel, _ request: HTTPRequest, adapter: any ChannelAdapter, source: String) -> Result<[IngestResult], HTTPResponseError> {
        let contentType = request.header("Content-Type")
        let messages: [InboundMessage]
        do {
            messages = try adapter.normalize(RawPayload(bytes: request.body, contentType: contentType, source: source))
        } catch {
            _ = try? context.ingest(channel, raw: request.body, contentType: contentType, source: source, messages: [], error: "\(error)")
            return .failure(HTTPResponseError(.error(400, "\(error)")))
        }
        return commit(channel, request, messages: messages, source: source)
    }

    func commit(_ channel: Channel, _ request: HTTPRequest, messages: [InboundMessage], source: String) -> Result<[IngestResult], HTTPResponseError> {
        do {
            return .success(try context.ingest(channel, raw: request.body, contentType: request.header("Content-Type"), source: source, messages: messages))
        } catch {
            context.logger.error("store", "commit.failed", [("channel", .string(channel.rawValue)), ("error", .string("\(error)"))])
            return .failure(HTTPResponseError(.error(503, "the desk store could not commit the payload; retry later")))
        }
    }

    static func ok(_ results: [IngestResult]) -> HTTPResponse {
        .json(200, ["ok": true, "results": .array(results.map(\.json))])
    }
}

/// An HTTP response carried as an error through `Result`.
struct HTTPResponseError: Error {
    let response: HTTPResponse

    init(_ response: HTTPResponse) {
        self.response = response
    }
}
