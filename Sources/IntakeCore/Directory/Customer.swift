/// A customer of the service desk, as the directory (`config/customers.json`) describes it.
public struct Customer: Sendable, Equatable {
    public enum ContractStatus: String, Sendable, CaseIterable {
        case active
        case inactive
        case suspended
    }

    public struct FocalPoint: Sendable, Equatable {
        public var name: String?
        public var email: String?
        public var phone: String?
    }

    public var id: String
    public var name: String
    public var contract: ContractStatus
    /// The customer's private Slack channel: the reply route for every ticket of this customer.
    public var slackChannel: String?
    public var focalPoint: FocalPoint?
    public var domains: [String]
    public var emails: [String]
    public var phones: [String]
    /// Numbers the focal point invited to write on WhatsApp.
    public var whatsapp: [String]
    public var slackUsers: [String]
    /// No ticket of this customer gets a lower priority than this.
    public var priorityFloor: Priority?
    /// `es` (default) or `en`: the language of acknowledgements.
    public var locale: String
    /// The Argentine area code (`11`, `351`) of the customer's numbers written without one in the
    /// directory (`4321-5000`), as people there write them.
    public var areaCode: String?
    /// The customer's own time zone (`time_zone`: `America/Santiago`), in which the deadlines we write to
    /// the customer are shown; nil: the configured offset (`phone.cdr_utc_offset`).
    public var timeZone: LocalTimeZone?

    public init(
        id: String, name: String, contract: ContractStatus = .active, slackChannel: String? = nil,
        focalPoint: FocalPoint? = nil, domains: [String] = [], emails: [String] = [], phones: [String] = [],
        whatsapp: [String] = [], slackUsers: [String] = [], priorityFloor: Priority? = nil, locale: String = "es",
        timeZone: LocalTimeZone? = nil, areaCode: String? = nil
    ) {
        self.id = id
        self.name = name
        self.contract = contract
        self.slackChannel = slackChannel
        self.focalPoint = focalPoint
        self.domains = domains
        self.emails = emails
        self.phones = phones
        self.whatsapp = whatsapp
        self.slackUsers = slackUsers
        self.priorityFloor = priorityFloor
        self.locale = locale
        self.timeZone = timeZone
        self.areaCode = areaCode
    }

    /// The service agreement excludes customers whose contract is not active.
    public var isContractActive: Bool { contract == .active }
}
