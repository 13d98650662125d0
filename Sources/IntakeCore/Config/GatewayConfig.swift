/// Everything `config/gateway.json` configures. Every key has a default, so an empty object (or no file
/// at all: the embedded default) is a valid configuration. Secrets come from the environment
/// (`INTAKE_*`) first, then from the file.
public struct GatewayConfig: Sendable {
    public var listenHost = "127.0.0.1"
    public var listenPort = 8080
    public var storePath = "data/desk.sqlite"
    /// `normal` survives a process crash (kill -9); `full` also survives power loss, at a cost per commit.
    public var storeSynchronous = "normal"
    public var directoryPath: String? = "customers.json"
    public var ticketPrefix = "INT"
    public var ticketStart = 1000
    public var sla = SLAPolicy.agreement
    public var dedupeWindowSeconds: Int64 = 600
    public var reopenWindowSeconds: Int64 = 7 * 86_400
    public var classification = ClassificationRules.standard
    public var logLevel = "info"
    public var http = HTTP()
    public var slack = Slack()
    public var whatsapp = WhatsApp()
    public var twilio = Twilio()
    public var email = Email()
    public var phone = Phone()
    public var outbox = Outbox()
    public var health = Health()

    public struct HTTP: Sendable {
        public var maxHeaderBytes = 16_384
        public var maxBodyBytes = 1_048_576
        public var maxConnections = 512
        public var headerTimeoutSeconds = 10.0
        public var bodyTimeoutSeconds = 30.0
        public var idleTimeoutSeconds = 60.0
    }

    public struct Slack: Sendable {
        public var enabled = true
        public var signingSecret: String?
        public var botToken: String?
        public var botUserID: String?
        public var apiBase = "https://slack.com/api"
        /// Who writes for us in the customers' channels: the workspaces of our staff (in a Slack Connect
        /// channel the customer writes from its own) and single user ids. Their messages answer a
        /// ticket; they never open one. Empty: everyone but our bot is the customer.
        public var staffTeamIDs: [String] = []
        public var staffUserIDs: [String] = []
        /// Bots of the customers' own (`bot_id`s: a monitoring tool posting alerts in the customer's
        /// channel) whose messages are requests; every other bot's are ignored.
        public var customerBotIDs: [String] = []
        /// Requests signed more than this far from now are refused (replay).
        public var maxClockSkewSeconds: Int64 = 300
    }

    public struct WhatsApp: Sendable {
        public var enabled = true
        public var appSecret: String?
        public var verifyToken: String?
        public var accessToken: String?
        public var apiBase = "https://graph.facebook.com/v21.0"
        public var phoneNumberID: String?
    }

    public struct Twilio: Sendable {
        public var enabled = true
        public var authToken: String?
        /// The public URL Twilio posts to: the signature covers it, not our loopback address.
        public var publicURL: String?
    }

    public struct Email: Sendable {
        public var enabled = false
        public var imapURL: String?
        public var username: String?
        public var password: String?
        public var folder = "INBOX"
        public var pollIntervalSeconds = 60.0
        public var batchSize = 50
        /// keep, seen or move.
        public var policy = "seen"
        public var processedFolder = "Processed"
        public var quarantineFolder = "Quarantine"
        /// Larger mails (by the server's `RFC822.SIZE`) are quarantined without being fetched. Providers
        /// deliver more: Exchange Online 36 MB by default (up to 150 MB), Gmail 50 MB, sizes that count the
        /// base64 of attachments; a deployment whose customers send so much raises it.
        public var maxMessageBytes = 25 << 20
        /// none, starttls or tls (imaps/smtps).
        public var tls = "starttls"
        public var verifyPeer = true
        public var smtpURL: String?
        public var smtpUsername: String?
        public var smtpPassword: String?
        public var fromAddress = "soporte@example.com"
        public var ownAddresses: [String] = []
        /// Our staff's mail domains: a mail from one (or from one of our own addresses) is our answer to
        /// the customer it is addressed to, never a request. Not derived from `ownAddresses`: a support
        /// mailbox can live on a domain customers share.
        public var staffDomains: [String] = []
        public var acknowledge = true
        public var ackDailyCapPerAddress = 5
        public var attachmentCapBytes = 10 * 1_048_576
    }

    public struct Phone: Sendable {
        public var cdrPath: String?
        public var cdrPollIntervalSeconds = 5.0
        /// The PBX writes local times (`cdr_utc_offset` or `cdr_time_zone`); Argentina is UTC-3.
        public var cdrTimeZone = LocalTimeZone.argentina
        public var missedCallPriority = Priority.high
        public var ctiToken: String?
        public var callsToken: String?
        public var defaultCountry = "54"
        /// The Argentine area code of the PBX's lines (`11`, `341`, `2965`): the local numbers its trunk
        /// writes without one (`4555-1234`, `15 5276-9999`) are that area's.
        public var localAreaCode: String?
    }

    public struct Outbox: Sendable {
        public var enabled = true
        public var deskURL: String?
        /// webhook (Standard-Webhooks style, signed) or zammad.
        public var deskFormat = "webhook"
        public var deskSecret: String?
        public var deskToken: String?
        /// The bearer token the desk sends with its status callbacks (`POST /webhooks/desk`).
        public var deskCallbackToken: String?
        public var scheduleSeconds: [Int64] = [10, 30, 60, 300, 900, 3600, 3 * 3600, 6 * 3600]
        public var maxAttempts = 12
        public var maxAgeSeconds: Int64 = 3 * 86_400
        public var pollIntervalSeconds = 1.0
        public var timeoutSeconds = 10.0
        /// Deliveries in flight at once, each to a different ticket (a ticket's events stay in order).
        public var concurrency = 8
        public var whatsappWindowSeconds: Int64 = 24 * 3600
        public var verifyPeer = true
    }

    public struct Health: Sendable {
        /// A poller that has not succeeded for this many intervals makes /healthz answer 503.
        public var unhealthyAfterIntervals = 3.0
    }

    public init() {}

    /// The listen address as `HOST:PORT`.
    public var listen: String { "\(listenHost):\(listenPort)" }

    /// Sets `listenHost`/`listenPort` from `HOST:PORT`.
    public mutating func setListen(_ text: String) throws(ConfigError) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw ConfigError(key: "listen", problem: "`\(text)` is not HOST:PORT")
        }
        let host = String(text[..<colon])
        listenHost = host.isEmpty ? "0.0.0.0" : host
        listenPort = port
    }

    /// Fills secrets from the environment: `INTAKE_SLACK_SIGNING_SECRET`, `INTAKE_WHATSAPP_APP_SECRET`,
    /// `INTAKE_WHATSAPP_VERIFY_TOKEN`, `INTAKE_TWILIO_AUTH_TOKEN`, `INTAKE_CTI_TOKEN`, and the others below.
    public mutating func applyEnvironment(_ env: [String: String]) {
        func take(_ name: String) -> String? { env[name].flatMap { $0.isEmpty ? nil : $0 } }
        slack.signingSecret = take("INTAKE_SLACK_SIGNING_SECRET") ?? slack.signingSecret
        slack.botToken = take("INTAKE_SLACK_BOT_TOKEN") ?? slack.botToken
        whatsapp.appSecret = take("INTAKE_WHATSAPP_APP_SECRET") ?? whatsapp.appSecret
        whatsapp.verifyToken = take("INTAKE_WHATSAPP_VERIFY_TOKEN") ?? whatsapp.verifyToken
        whatsapp.accessToken = take("INTAKE_WHATSAPP_ACCESS_TOKEN") ?? whatsapp.accessToken
        twilio.authToken = take("INTAKE_TWILIO_AUTH_TOKEN") ?? twilio.authToken
        phone.ctiToken = take("INTAKE_CTI_TOKEN") ?? phone.ctiToken
        phone.callsToken = take("INTAKE_CALLS_TOKEN") ?? phone.callsToken
        email.password = take("INTAKE_IMAP_PASSWORD") ?? email.password
        email.smtpPassword = take("INTAKE_SMTP_PASSWORD") ?? email.smtpPassword
        outbox.deskSecret = take("INTAKE_DESK_SECRET") ?? outbox.deskSecret
        outbox.deskToken = take("INTAKE_DESK_TOKEN") ?? outbox.deskToken
        outbox.deskCallbackToken = take("INTAKE_DESK_CALLBACK_TOKEN") ?? outbox.deskCallbackToken
        if let level = take("INTAKE_LOG_LEVEL") { logLevel = level.lowercased() }
    }
}
