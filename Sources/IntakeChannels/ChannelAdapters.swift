public import IntakeCore

/// The adapter of each channel with default settings (what `intake normalize` uses).
public enum ChannelAdapters {
    public static func adapter(for channel: Channel) -> any ChannelAdapter {
        switch channel {
        case .slack: SlackAdapter()
        case .whatsapp: WhatsAppAdapter()
        case .email: EmailAdapter()
        case .phone: PhoneAdapter()
        }
    }
}
