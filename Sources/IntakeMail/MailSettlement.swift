/// What a committed batch still needs done on the server: its quarantined mails moved to the quarantine
/// folder (unread again if they were unread), its accepted ones flagged or moved by the policy. The poller
/// keeps it until that is done, so a cycle that fails in between is finished by the next one, and only
/// for these mails.
struct MailSettlement: Sendable, Equatable {
    var uidValidity: UInt32
    var accepted: UIDSet
    var quarantined: UIDSet
    /// The batch's mails that were unread before the fetch set \Seen.
    var unseenBefore: Set<UInt32>
}
