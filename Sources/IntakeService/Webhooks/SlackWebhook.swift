import IntakeChannels
import IntakeCore
import IntakeHTTP

/// `POST /webhooks/slack/events` and `/webhooks/slack/commands`: Slack's v0 signature over
/// `v0:{timestamp}:{raw body}` with a 5-minute window; redeliveries (`X-Slack-Retry-Num`) are answered
/// 200 and deduplicated by event_id in the store.
struct SlackWebhook {
    let context: IntakeContext

    private var steps: WebhookSteps { WebhookSteps(context: context) }

    private func verify(_ request: HTTPRequest) -> HTTPResponse? {
        guard context.config.slack.enabled else { return .error(404, "the Slack channel is disabled") }
        guard let secret = context.config.slack.signingSecret else { return steps.notConfigured("slack", "the signing secret") }
        let signature: String?
        let timestamp: String?
        switch (steps.single("X-Slack-Signature", in: request), steps.single("X-Slack-Request-Timestamp", in: request)) {
        case (.success(let s), .success(let t)): (signature, timestamp) = (s, t)
        case (.failure(let e), _), (_, .failure(let e)): return e.response
        }
        do {
            try SlackSignature.verify(secret: secret, timestamp: timestamp, body: request.body, signature: signature, now: Timestamp.now())
        } catch {
            return steps.refuse("slack", error)
        }
        return nil
    }

    func events(_ request: HTTPRequest) -> HTTPResponse {
        if let refused = verify(request) { return refused }
        if let challenge = SlackAdapter.challenge(in: request.body) {
            return .json(200, ["challenge": .string(challenge)])
        }
        switch steps.ingest(.slack, request, adapter: context.adapter(for: .slack), source: "webhook:slack/events") {
        case .success(let results): return WebhookSteps.ok(results)
        case .failure(let e): return e.response
        }
    }

    /// A slash command answers at once with an ephemeral message naming the ticket and its deadline.
    func command(_ request: HTTPRequest) -> HTTPResponse {
        if let refused = verify(request) { return refused }
        switch steps.ingest(.slack, request, adapter: context.adapter(for: .slack), source: "webhook:slack/commands") {
        case .failure(let e): return e.response
        case .success(let results):
            guard let number = results.first?.ticketNumber,
                  let ticket = try? context.store.read({ try $0.ticket(number: number) })
            else {
                return .json(200, ["response_type": "ephemeral", "text": "No pudimos registrar el pedido: escribinos en este canal o a soporte."])
            }
            let text = "Ticket \(ticket.number) registrado — prioridad \(ticket.priority.spanishName), primera respuesta antes de \(ticket.firstResponseDue.iso8601)."
            return .json(200, ["response_type": "ephemeral", "text": .string(text)])
        }
    }
}

extension Priority {
    /// The agreement's Spanish names.
    var spanishName: String {
        switch self {
        case .critical: "crítica"
        case .high: "alta"
        case .medium: "media"
        case .low: "baja"
        }
    }
}
