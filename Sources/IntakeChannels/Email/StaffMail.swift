import IntakeCore
import IntakeMIME

/// Mail our own people write: from one of our mailbox addresses or from a staff domain
/// (`email.staff_domains`). An agent who answers a customer with the support mailbox in copy, or from
/// the shared mailbox itself, puts that answer in the INBOX we poll; it is our response on the
/// customer's ticket (`metadata.staff`, threaded by its References), not a new request from an
/// unknown sender. The customer is the first address in To, then Cc, that is not ours.
struct StaffMail {
    let ownAddresses: Set<String>
    let staffDomains: Set<String>

    func writes(_ address: MailAddress) -> Bool {
        ownAddresses.contains(address.normalized) || isStaffDomain(address.normalized)
    }

    func customer(_ headers: MIMEHeaders) -> String? {
        ["To", "Cc"].lazy.flatMap { headers.values($0).flatMap(AddressParser.parse) }
            .first { !self.writes($0) }?.normalized
    }

    private func isStaffDomain(_ address: String) -> Bool {
        guard !staffDomains.isEmpty, let at = address.lastIndex(of: "@") else { return false }
        return staffDomains.contains(String(address[address.index(after: at)...]))
    }
}
