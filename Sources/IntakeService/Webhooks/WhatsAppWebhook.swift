import IntakeChannels
import IntakeCore
import IntakeHTTP

/// `GET`/`POST /webhooks/whatsapp` (Meta Cloud API: verify-token handshake, `X-Hub-Signature-256`) and
/// `POST /webhooks/twilio` (`X-Twilio-Signature` over the public URL and the sorted form parameters).
struct WhatsAppWebhook {
    let context: IntakeContext

    private var steps: WebhookSteps { WebhookSteps(context: context) }

    func verify(_ request: HTTPRequest) -> HTTPResponse {
        guard context.config.whatsapp.enabled else { return .error(404, "the WhatsApp channel is disabled") }
        guard let token = context.config.whatsapp.verifyToken else { return steps.notConfigured("whatsapp", "the verify token") }
        do {
            let challenge = try WhatsAppVerification.challenge(query: request.queryItems, verifyToken: token)
            return .text(200, challenge)
        } catch {
            context.metrics.increment(MetricNames.signatureFailures, [("channel", "whatsapp")])
            return .error(403, "\(error)")
        }
    }

    func cloud(_ request: HTTPRequest, _ reply: HTTPReply) {
        if let refused = verifyCloud(request) { return reply.send(refused) }
        steps.ingest(.whatsapp, request, adapter: context.adapter(for: .whatsapp), source: "webhook:whatsapp", reply: reply)
    }

    private func verifyCloud(_ request: HTTPRequest) -> HTTPResponse? {
        guard context.config.whatsapp.enabled else { return .error(404, "the WhatsApp channel is disabled") }
        guard let secret = context.config.whatsapp.appSecret else { return steps.notConfigured("whatsapp", "the app secret") }
        switch steps.single("X-Hub-Signature-256", in: request) {
        case .failure(let e): return e.response
        case .success(let header):
            do {
                try MetaSignature.verify(appSecret: secret, body: request.body, header: header)
            } catch {
                return steps.refuse("whatsapp", error)
            }
        }
        return nil
    }

    func twilio(_ request: HTTPRequest, _ reply: HTTPReply) {
        if let refused = verifyTwilio(request) { return reply.send(refused) }
        steps.ingest(.whatsapp, request, adapter: context.adapter(for: .whatsapp), source: "webhook:twilio", reply: reply) { _ in
            HTTPResponse(status: 200, headers: [("Content-Type", "text/xml; charset=utf-8")], body: Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>".utf8))
        }
    }

    private func verifyTwilio(_ request: HTTPRequest) -> HTTPResponse? {
        guard context.config.twilio.enabled else { return .error(404, "the Twilio channel is disabled") }
        guard let token = context.config.twilio.authToken else { return steps.notConfigured("twilio", "the auth token") }
        var base = context.config.twilio.publicURL ?? "https://\(request.header("Host") ?? "localhost")"
        // `https://intake.example.com/` names the same site as without the slash; the path follows it,
        // unless the configured URL is the whole webhook URL, as it is entered in Twilio's console
        // (`https://intake.example.com/webhooks/twilio`): adding the path again, no signature matched.
        // A query string copied with it is the one the request carries, added from the request.
        if let query = base.firstIndex(of: "?") { base = String(base[..<query]) }
        while base.hasSuffix("/") { base.removeLast() }
        let url = (base.hasSuffix(request.path) ? base : base + request.path) + (request.query.map { "?" + $0 } ?? "")
        switch steps.single("X-Twilio-Signature", in: request) {
        case .failure(let e): return e.response
        case .success(let signature):
            do {
                try TwilioSignature.verify(authToken: token, url: url, parameters: FormURLEncoded.parse(request.body), signature: signature)
            } catch {
                return steps.refuse("twilio", error)
            }
        }
        return nil
    }
}
