public import IntakeCore

/// The adapter of each channel, with the settings the configuration gives it (our own Slack bot user,
/// our own mail addresses, the PBX's UTC offset and country). `intake normalize` uses the defaults unless
/// it is given `--config`.
public enum ChannelAdapters {
    public static func adapter(for channel: Channel, config: GatewayConfig = GatewayConfig()) -> any ChannelAdapter {
        switch channel {
        case .slack: SlackAdapter(ownBotUserIDs: Set([config.slack.botUserID].compactMap { $0 }),
                                  staffTeamIDs: Set(config.slack.staffTeamIDs), staffUserIDs: Set(config.slack.staffUserIDs),
                                  customerBotIDs: Set(config.slack.customerBotIDs))
        case .whatsapp: WhatsAppAdapter()
        case .email: emailAdapter(config: config)
        case .phone: PhoneAdapter(timeZone: config.phone.cdrTimeZone, defaultCountry: config.phone.defaultCountry, localArea: config.phone.localAreaCode)
        }
    }

    public static func emailAdapter(config: GatewayConfig = GatewayConfig()) -> EmailAdapter {
        EmailAdapter(ownAddresses: ownEmailAddresses(config), staffDomains: config.email.staffDomains, defaultCountry: config.phone.defaultCountry)
    }

    /// Our own mail addresses: the configured ones, the sender of acknowledgements, and the mailbox we poll
    /// when its login is an address. None is ever acknowledged (an agent writing from one, or a forward
    /// back into it, would otherwise get an acknowledgement from itself), and a list that is one of them is
    /// our support address (`OwnList`).
    public static func ownEmailAddresses(_ config: GatewayConfig) -> [String] {
        var own = config.email.ownAddresses + [config.email.fromAddress]
        if let login = config.email.username, login.contains("@") { own.append(login) }
        return own
    }
}
