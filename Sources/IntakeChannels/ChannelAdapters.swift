public import IntakeCore

/// The adapter of each channel, with the settings the configuration gives it (our own Slack bot user,
/// the PBX's UTC offset and country). `intake normalize` uses the defaults.
public enum ChannelAdapters {
    public static func adapter(for channel: Channel, config: GatewayConfig = GatewayConfig()) -> any ChannelAdapter {
        switch channel {
        case .slack: SlackAdapter(ownBotUserIDs: Set([config.slack.botUserID].compactMap { $0 }))
        case .whatsapp: WhatsAppAdapter()
        case .email: EmailAdapter()
        case .phone: PhoneAdapter(utcOffsetSeconds: config.phone.cdrUTCOffsetSeconds, defaultCountry: config.phone.defaultCountry)
        }
    }
}
