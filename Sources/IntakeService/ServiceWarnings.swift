public import IntakeCore

/// What a running service refuses because of its configuration, said once at start and by
/// `intake config check`: a channel whose secret is missing refuses its requests (fail closed).
public enum ServiceWarnings {
    public static func check(_ c: GatewayConfig) -> [String] {
        var warnings: [String] = []
        if c.slack.enabled && c.slack.signingSecret == nil {
            warnings.append("slack: no signing secret (INTAKE_SLACK_SIGNING_SECRET): /webhooks/slack/* refuses every request")
        }
        if c.whatsapp.enabled && c.whatsapp.appSecret == nil {
            warnings.append("whatsapp: no app secret (INTAKE_WHATSAPP_APP_SECRET): POST /webhooks/whatsapp refuses every request")
        }
        if c.whatsapp.enabled && c.whatsapp.verifyToken == nil {
            warnings.append("whatsapp: no verify token (INTAKE_WHATSAPP_VERIFY_TOKEN): GET /webhooks/whatsapp refuses verification")
        }
        if c.twilio.enabled && c.twilio.authToken == nil {
            warnings.append("twilio: no auth token (INTAKE_TWILIO_AUTH_TOKEN): /webhooks/twilio refuses every request")
        }
        if c.twilio.enabled && c.twilio.authToken != nil && c.twilio.publicURL == nil {
            warnings.append("twilio: no public_url: signatures are checked against the request's Host header")
        }
        if c.phone.ctiToken == nil {
            warnings.append("cti: no token (INTAKE_CTI_TOKEN): /webhooks/cti refuses every request")
        }
        if c.phone.callsToken == nil {
            warnings.append("calls: no token (INTAKE_CALLS_TOKEN): POST /calls refuses every request")
        }
        if c.outbox.deskCallbackToken == nil {
            warnings.append("desk: no callback token (INTAKE_DESK_CALLBACK_TOKEN): POST /webhooks/desk refuses every status callback")
        }
        if c.outbox.enabled && c.outbox.deskURL == nil {
            warnings.append("outbox: no desk_url: tickets are not forwarded to an external desk")
        }
        if c.outbox.deskURL != nil && c.outbox.deskFormat == "webhook" && c.outbox.deskSecret == nil {
            warnings.append("outbox: desk webhooks are sent unsigned (no INTAKE_DESK_SECRET)")
        }
        return warnings
    }
}
