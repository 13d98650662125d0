extension GatewayConfig {
    public static let logLevels = ["debug", "info", "warning", "error"]

    /// Reads the JSON configuration; every error names the key and what is wrong with it. Unknown keys
    /// are refused too, so a typo does not silently fall back to a default. `zoneInfo` gives the TZif
    /// bytes of a named zone (`phone.cdr_time_zone`).
    public init(json: JSONValue, zoneInfo: (String) -> [UInt8]? = SystemZoneInfo.bytes(named:)) throws(ConfigError) {
        self.init()
        var r = ConfigReader(json, path: "")
        try r.object()
        if let v = try r.string("listen") { try setListen(v) }
        if var s = try r.section("store") {
            if let path = try s.string("path") {
                // SQLite opens "" as a temporary database: everything committed would vanish at exit.
                guard !path.isEmpty else { throw ConfigError(key: "store.path", problem: "must not be empty") }
                storePath = path
            }
            storeSynchronous = try s.oneOf("synchronous", ["normal", "full"]) ?? storeSynchronous
            try s.finish()
        }
        if r.has("directory") { directoryPath = try r.string("directory") }
        ticketPrefix = try r.string("ticket_prefix") ?? ticketPrefix
        ticketStart = try r.int("ticket_start", range: 0...1_000_000_000) ?? ticketStart
        if var s = try r.section("sla") {
            for p in Priority.allCases {
                if let d = try s.duration(p.rawValue) { sla.firstResponseSeconds[p] = d }
            }
            try s.finish()
        }
        dedupeWindowSeconds = try r.duration("dedupe_window") ?? dedupeWindowSeconds
        reopenWindowSeconds = try r.duration("reopen_window") ?? reopenWindowSeconds
        logLevel = try r.oneOf("log_level", Self.logLevels) ?? logLevel
        if var s = try r.section("classification") { try readClassification(&s) }
        if var s = try r.section("http") {
            http.maxHeaderBytes = try s.int("max_header_bytes", range: 1024...1_048_576) ?? http.maxHeaderBytes
            http.maxBodyBytes = try s.int("max_body_bytes", range: 1024...1_073_741_824) ?? http.maxBodyBytes
            http.maxConnections = try s.int("max_connections", range: 1...100_000) ?? http.maxConnections
            http.headerTimeoutSeconds = try s.seconds("header_timeout") ?? http.headerTimeoutSeconds
            http.bodyTimeoutSeconds = try s.seconds("body_timeout") ?? http.bodyTimeoutSeconds
            http.idleTimeoutSeconds = try s.seconds("idle_timeout") ?? http.idleTimeoutSeconds
            try s.finish()
        }
        if var s = try r.section("slack") {
            slack.enabled = try s.bool("enabled") ?? slack.enabled
            slack.signingSecret = try s.string("signing_secret") ?? slack.signingSecret
            slack.botToken = try s.string("bot_token") ?? slack.botToken
            slack.botUserID = try s.string("bot_user_id") ?? slack.botUserID
            slack.apiBase = try s.url("api_base") ?? slack.apiBase
            slack.staffTeamIDs = try s.strings("staff_team_ids") ?? slack.staffTeamIDs
            slack.staffUserIDs = try s.strings("staff_user_ids") ?? slack.staffUserIDs
            slack.customerBotIDs = try s.strings("customer_bot_ids") ?? slack.customerBotIDs
            try s.finish()
        }
        if var s = try r.section("whatsapp") {
            whatsapp.enabled = try s.bool("enabled") ?? whatsapp.enabled
            whatsapp.appSecret = try s.string("app_secret") ?? whatsapp.appSecret
            whatsapp.verifyToken = try s.string("verify_token") ?? whatsapp.verifyToken
            whatsapp.accessToken = try s.string("access_token") ?? whatsapp.accessToken
            whatsapp.apiBase = try s.url("api_base") ?? whatsapp.apiBase
            whatsapp.phoneNumberID = try s.string("phone_number_id") ?? whatsapp.phoneNumberID
            try s.finish()
        }
        if var s = try r.section("twilio") {
            twilio.enabled = try s.bool("enabled") ?? twilio.enabled
            twilio.authToken = try s.string("auth_token") ?? twilio.authToken
            twilio.publicURL = try s.url("public_url") ?? twilio.publicURL
            try s.finish()
        }
        if var s = try r.section("email") { try readEmail(&s) }
        if var s = try r.section("phone") {
            phone.cdrPath = try s.string("cdr_path") ?? phone.cdrPath
            phone.cdrPollIntervalSeconds = try s.seconds("cdr_poll_interval") ?? phone.cdrPollIntervalSeconds
            let offset = try s.string("cdr_utc_offset")
            if let offset {
                guard let seconds = Self.parseOffset(offset) else {
                    throw ConfigError(key: "phone.cdr_utc_offset", problem: "`\(offset)` is not an offset like -03:00")
                }
                phone.cdrTimeZone = LocalTimeZone(offsetSeconds: seconds)
            }
            if let name = try s.string("cdr_time_zone") {
                guard offset == nil else {
                    throw ConfigError(key: "phone.cdr_time_zone", problem: "set either cdr_utc_offset or cdr_time_zone, not both")
                }
                switch LocalTimeZone.named(name, zoneInfo: zoneInfo) {
                case .success(let zone): phone.cdrTimeZone = zone
                case .failure(let problem): throw ConfigError(key: "phone.cdr_time_zone", problem: problem.description)
                }
            }
            if let p = try s.string("missed_call_priority") {
                guard let priority = Priority(word: p) else { throw ConfigError(key: "phone.missed_call_priority", problem: "`\(p)` is not a priority") }
                phone.missedCallPriority = priority
            }
            phone.ctiToken = try s.string("cti_token") ?? phone.ctiToken
            phone.callsToken = try s.string("calls_token") ?? phone.callsToken
            phone.defaultCountry = try s.string("default_country") ?? phone.defaultCountry
            if let area = try s.string("local_area_code") {
                // The area's digits as dialled after the trunk 0, which the setting leaves out.
                guard !area.hasPrefix("0"), E164.argentineAreaCode(area) == area else {
                    throw ConfigError(
                        key: "phone.local_area_code", problem: "`\(area)` is not an Argentine area code like 11, 341 or 2965 (no 0)")
                }
                guard phone.defaultCountry == "54" else {
                    throw ConfigError(
                        key: "phone.local_area_code", problem: "is an Argentine area code, and default_country is \(phone.defaultCountry)")
                }
                phone.localAreaCode = area
            }
            try s.finish()
        }
        if var s = try r.section("outbox") { try readOutbox(&s) }
        if var s = try r.section("health") {
            health.unhealthyAfterIntervals = try s.number("unhealthy_after_intervals") ?? health.unhealthyAfterIntervals
            try s.finish()
        }
        try r.finish()
    }

    private mutating func readClassification(_ s: inout ConfigReader) throws(ConfigError) {
        if let p = try s.string("default_priority") {
            guard let priority = Priority(word: p) else { throw ConfigError(key: "classification.default_priority", problem: "`\(p)` is not a priority") }
            classification.defaultPriority = priority
        }
        if let t = try s.string("default_type") {
            guard let type = RequestType(word: t) else { throw ConfigError(key: "classification.default_type", problem: "`\(t)` is not a request type") }
            classification.defaultType = type
        }
        if let rules = try s.array("rules") {
            var parsed: [ClassificationRules.Rule] = []
            for (i, rule) in rules.enumerated() {
                var rr = ConfigReader(rule, path: "classification.rules[\(i)]")
                try rr.object()
                let phrases = try rr.strings("phrases") ?? []
                guard !phrases.isEmpty else { throw ConfigError(key: "classification.rules[\(i)].phrases", problem: "needs at least one phrase") }
                var priority: Priority?
                if let p = try rr.string("priority") {
                    guard let value = Priority(word: p) else { throw ConfigError(key: "classification.rules[\(i)].priority", problem: "`\(p)` is not a priority") }
                    priority = value
                }
                var type: RequestType?
                if let t = try rr.string("type") {
                    guard let value = RequestType(word: t) else { throw ConfigError(key: "classification.rules[\(i)].type", problem: "`\(t)` is not a request type") }
                    type = value
                }
                parsed.append(ClassificationRules.Rule(name: try rr.string("name") ?? "rule \(i)", phrases: phrases, priority: priority, requestType: type))
                try rr.finish()
            }
            classification.rules = parsed
        }
        try s.finish()
    }

    private mutating func readEmail(_ s: inout ConfigReader) throws(ConfigError) {
        email.enabled = try s.bool("enabled") ?? email.enabled
        email.imapURL = try s.url("imap_url") ?? email.imapURL
        email.username = try s.string("username") ?? email.username
        email.password = try s.string("password") ?? email.password
        email.folder = try s.string("folder") ?? email.folder
        email.pollIntervalSeconds = try s.seconds("poll_interval") ?? email.pollIntervalSeconds
        email.batchSize = try s.int("batch_size", range: 1...10_000) ?? email.batchSize
        email.policy = try s.oneOf("policy", ["keep", "seen", "move"]) ?? email.policy
        email.processedFolder = try s.string("processed_folder") ?? email.processedFolder
        email.quarantineFolder = try s.string("quarantine_folder") ?? email.quarantineFolder
        email.maxMessageBytes = try s.int("max_message_bytes", range: 1_048_576...1_073_741_824) ?? email.maxMessageBytes
        email.tls = try s.oneOf("tls", ["none", "starttls", "tls"]) ?? email.tls
        email.verifyPeer = try s.bool("verify_peer") ?? email.verifyPeer
        email.smtpURL = try s.url("smtp_url") ?? email.smtpURL
        email.smtpUsername = try s.string("smtp_username") ?? email.smtpUsername
        email.smtpPassword = try s.string("smtp_password") ?? email.smtpPassword
        email.fromAddress = try s.string("from") ?? email.fromAddress
        email.ownAddresses = try s.strings("own_addresses") ?? email.ownAddresses
        email.staffDomains = try s.strings("staff_domains")?.map { $0.lowercased().trimmingWhitespace() } ?? email.staffDomains
        email.acknowledge = try s.bool("acknowledge") ?? email.acknowledge
        email.ackDailyCapPerAddress = try s.int("ack_daily_cap", range: 0...10_000) ?? email.ackDailyCapPerAddress
        email.attachmentCapBytes = try s.int("attachment_cap_bytes", range: 0...1_073_741_824) ?? email.attachmentCapBytes
        try s.finish()
        if email.enabled && email.imapURL == nil {
            throw ConfigError(key: "email.imap_url", problem: "required when email.enabled is true")
        }
    }

    private mutating func readOutbox(_ s: inout ConfigReader) throws(ConfigError) {
        outbox.enabled = try s.bool("enabled") ?? outbox.enabled
        outbox.deskURL = try s.url("desk_url") ?? outbox.deskURL
        outbox.deskFormat = try s.oneOf("desk_format", ["webhook", "zammad"]) ?? outbox.deskFormat
        outbox.deskSecret = try s.string("desk_secret") ?? outbox.deskSecret
        outbox.deskCallbackToken = try s.string("desk_callback_token") ?? outbox.deskCallbackToken
        outbox.deskToken = try s.string("desk_token") ?? outbox.deskToken
        if let schedule = try s.array("schedule") {
            var seconds: [Int64] = []
            for (i, item) in schedule.enumerated() {
                guard let text = item.textValue, let d = SLAPolicy.parseDuration(text) else {
                    throw ConfigError(key: "outbox.schedule[\(i)]", problem: "expected a duration like \"30s\", \"5m\" or \"2h\"")
                }
                seconds.append(d)
            }
            guard !seconds.isEmpty else { throw ConfigError(key: "outbox.schedule", problem: "needs at least one step") }
            outbox.scheduleSeconds = seconds
        }
        outbox.maxAttempts = try s.int("max_attempts", range: 1...1000) ?? outbox.maxAttempts
        outbox.maxAgeSeconds = try s.duration("max_age") ?? outbox.maxAgeSeconds
        outbox.pollIntervalSeconds = try s.seconds("poll_interval") ?? outbox.pollIntervalSeconds
        outbox.timeoutSeconds = try s.seconds("timeout") ?? outbox.timeoutSeconds
        outbox.concurrency = try s.int("concurrency", range: 1...64) ?? outbox.concurrency
        outbox.verifyPeer = try s.bool("verify_peer") ?? outbox.verifyPeer
        try s.finish()
    }

    /// `-03:00`, `+0530`, `-3` → seconds east of UTC.
    static func parseOffset(_ text: String) -> Int? {
        var t = text.trimmingWhitespace()
        guard let sign = t.first, sign == "+" || sign == "-" else { return nil }
        t.removeFirst()
        let parts = t.contains(":") ? t.split(separator: ":").map(String.init) : (t.count == 4 ? [String(t.prefix(2)), String(t.suffix(2))] : [t])
        guard let h = Int(parts[0]), h <= 14, parts.count <= 2 else { return nil }
        let m = parts.count == 2 ? Int(parts[1]) : 0
        guard let m, m < 60 else { return nil }
        return (sign == "-" ? -1 : 1) * (h * 3600 + m * 60)
    }
}
