import IntakeChannels
import IntakeCore
import IntakeDesk
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

    func events(_ request: HTTPRequest, _ reply: HTTPReply) {
        if let refused = verify(request) { return reply.send(refused) }
        if let challenge = SlackAdapter.challenge(in: request.body) {
            return reply.send(.json(200, ["challenge": .string(challenge)]))
        }
        steps.ingest(.slack, request, adapter: context.adapter(for: .slack), source: "webhook:slack/events", reply: reply)
    }

    /// A slash command answers at once with an ephemeral message naming the ticket and its deadline.
    /// The ticket is read on the blocking queue (the read waits on the store's lock), not on the loop.
    func command(_ request: HTTPRequest, _ reply: HTTPReply) {
        if let refused = verify(request) { return reply.send(refused) }
        // Slack checks the command URL's certificate now and then with `ssl_check=1` (and no command):
        // it wants a 200, and there is nothing to store.
        if FormURLEncoded.value("ssl_check", in: FormURLEncoded.parse(request.body)) == "1" { return reply.send(.text(200, "")) }
        let source = "webhook:slack/commands"
        guard let messages = steps.normalize(.slack, request, adapter: context.adapter(for: .slack), source: source, reply: reply) else { return }
        let directory = context.pipeline.settings.directory
        let customer = messages.first.flatMap(directory.route)?.customer
        let locale = customer?.locale ?? "es"
        if let usage = SlashCommandReply.usage(for: messages, locale: locale) {
            return reply.send(.json(200, ["response_type": "ephemeral", "text": .string(usage)]))
        }
        let context = context
        context.submit(.slack, raw: request.body, contentType: request.header("Content-Type"), source: source, messages: messages) { result in
            let results: [IngestResult]
            switch result {
            case .success(let committed): results = committed
            case .failure(let error): return reply.respond { WebhookSteps.commitFailed(context, .slack, error) }
            }
            WebhookResponder.blocking.async {
                let ticket = results.first?.ticketNumber.flatMap { number in try? context.store.read { try $0.ticket(number: number) } }
                reply.respond {
                    context.record(results)
                    let text = SlashCommandReply.text(ticket, locale: locale, timeZone: customer?.timeZone ?? context.config.phone.cdrTimeZone)
                    return .json(200, ["response_type": "ephemeral", "text": .string(text)])
                }
            }
        }
    }
}
