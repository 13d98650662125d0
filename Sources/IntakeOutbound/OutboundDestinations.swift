public import IntakeCore
import Curl

/// The HTTP destinations the configuration enables, keyed by the outbox `destination` they serve. The
/// email acknowledgement is not here: it needs the store (daily cap) and an SMTP sender, so the
/// service adds it.
public enum OutboundDestinations {
    public static func standard(config: GatewayConfig) -> [any OutboundDestination] {
        let outbox = config.outbox
        let client = HTTPClient(configuration: HTTPClient.Configuration(
            timeout: outbox.timeoutSeconds, connectTimeout: min(outbox.timeoutSeconds, 10),
            tlsVerification: outbox.verifyPeer ? .verify : .disabledForTesting, userAgent: "intake-outbox",
            maxResponseBytes: 1 << 20), idleHandles: outbox.concurrency)
        var destinations: [any OutboundDestination] = []
        if let url = outbox.deskURL {
            if outbox.deskFormat == "zammad" {
                destinations.append(ZammadDestination(baseURL: url, token: outbox.deskToken ?? "", client: client))
            } else {
                destinations.append(DeskWebhookDestination(url: url, secret: outbox.deskSecret, client: client))
            }
        }
        if let token = config.slack.botToken {
            destinations.append(SlackDestination(
                apiBase: config.slack.apiBase, botToken: token, timeZone: config.phone.cdrTimeZone, client: client))
        }
        if let token = config.whatsapp.accessToken, let phoneNumberID = config.whatsapp.phoneNumberID {
            destinations.append(WhatsAppDestination(
                apiBase: config.whatsapp.apiBase, phoneNumberID: phoneNumberID, accessToken: token,
                windowSeconds: outbox.whatsappWindowSeconds, timeZone: config.phone.cdrTimeZone, client: client))
        }
        return destinations
    }
}
