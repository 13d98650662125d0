/// Maps senders to customers: email addresses, then email domains, phone and WhatsApp numbers (through
/// the one E.164 normalizer, trying Argentina's with/without-9 variants), Slack channel and user ids.
public struct CustomerDirectory: Sendable {
    /// Which directory entry matched, for `intake explain`.
    public struct Match: Sendable, Equatable {
        public var customer: Customer
        public var rule: String
    }

    public private(set) var customers: [Customer]
    private var byID: [String: Int] = [:]
    private var byEmail: [String: Int] = [:]
    private var byDomain: [String: Int] = [:]
    private var byPhone: [String: Int] = [:]
    private var byWhatsApp: [String: Int] = [:]
    private var bySlackChannel: [String: Int] = [:]
    private var bySlackUser: [String: Int] = [:]

    public init(customers: [Customer]) {
        self.customers = customers
        for (i, c) in customers.enumerated() {
            byID[c.id] = byID[c.id] ?? i
            for e in c.emails + [c.focalPoint?.email].compactMap({ $0 }) { byEmail[e.lowercased()] = byEmail[e.lowercased()] ?? i }
            for d in c.domains { byDomain[d.lowercased()] = byDomain[d.lowercased()] ?? i }
            for p in c.phones + [c.focalPoint?.phone].compactMap({ $0 }) {
                if let n = E164.normalize(p, areaCode: c.areaCode) { byPhone[n] = byPhone[n] ?? i }
            }
            for w in c.whatsapp {
                if let n = E164.normalize(w, areaCode: c.areaCode) { byWhatsApp[n] = byWhatsApp[n] ?? i }
            }
            if let ch = c.slackChannel { bySlackChannel[ch] = bySlackChannel[ch] ?? i }
            for u in c.slackUsers { bySlackUser[u] = bySlackUser[u] ?? i }
        }
    }

    public func customer(id: String) -> Customer? { byID[id].map { customers[$0] } }

    /// The customers whose contract is inactive or suspended: outside the service agreement today.
    public var inactiveCustomerIDs: [String] { customers.filter { !$0.isContractActive }.map(\.id) }

    /// The customer for a message: an explicit hint first, then the sender on its channel (the recipient
    /// of our staff's answer, `customerAddress`: from the WhatsApp Business app, or a mail our staff sent).
    public func route(_ message: InboundMessage) -> Match? {
        if let id = message.hints.customerID, let c = customer(id: id) { return Match(customer: c, rule: "hint customer=\(id)") }
        switch message.channel {
        case .email:
            // A PBX's voicemail comes from the PBX's address; its caller is the customer.
            return email(message.customerAddress) ?? message.metadata["caller"]?.stringValue.flatMap(phone)
        case .slack:
            if let ch = message.conversation, let i = bySlackChannel[ch] {
                return Match(customer: customers[i], rule: "slack channel \(ch) is the customer's private channel")
            }
            if let i = bySlackUser[message.sender.id] {
                return Match(customer: customers[i], rule: "slack user \(message.sender.id)")
            }
            return nil
        case .whatsapp:
            return whatsapp(message.customerAddress) ?? phone(message.customerAddress)
        case .phone:
            return phone(message.sender.id)
        }
    }

    public func email(_ address: String) -> Match? {
        let a = address.lowercased()
        if let i = byEmail[a] { return Match(customer: customers[i], rule: "email address \(a)") }
        guard let at = a.lastIndex(of: "@") else { return nil }
        var domain = String(a[a.index(after: at)...])
        // Subdomains belong to the registered domain (soporte.acme.com.ar → acme.com.ar).
        while true {
            if let i = byDomain[domain] { return Match(customer: customers[i], rule: "email domain \(domain)") }
            guard let dot = domain.firstIndex(of: ".") else { return nil }
            domain = String(domain[domain.index(after: dot)...])
            if !domain.contains(".") { return nil }
        }
    }

    public func phone(_ number: String) -> Match? {
        guard let n = E164.normalize(number) else { return nil }
        for v in E164.lookupVariants(n) {
            if let i = byPhone[v] { return Match(customer: customers[i], rule: "phone \(v)") }
            if let i = byWhatsApp[v] { return Match(customer: customers[i], rule: "invited number \(v)") }
        }
        return nil
    }

    public func whatsapp(_ number: String) -> Match? {
        guard let n = E164.normalize(number) else { return nil }
        for v in E164.lookupVariants(n) {
            if let i = byWhatsApp[v] { return Match(customer: customers[i], rule: "WhatsApp invited number \(v)") }
        }
        return nil
    }
}
