/// What the poller does with a mail on the server once the ledger has committed it.
public enum MailPolicy: Sendable, Equatable {
    /// Leave it as it was, unread if it was unread (the fetch's implicit \Seen is taken back).
    case keep
    /// Set \Seen.
    case markSeen
    /// Move it to this folder (created if missing).
    case move(to: String)
}

public struct MailPollerConfiguration: Sendable, Equatable {
    public var folder: String
    /// Mails fetched per ledger commit: a crash loses at most this much fetching work.
    public var batchSize: Int
    public var policy: MailPolicy
    /// Where unparseable or unfetchable mails go, so they never block the mails behind them.
    public var quarantineFolder: String
    /// Larger mails (by `RFC822.SIZE`) are quarantined without being fetched.
    public var maxMessageBytes: Int
    public var backoff: Backoff
    /// How long a cycle goes on starting new batches (it always does one); nil: until the folder is done.
    /// The rest waits for the next cycle, the cursor committed up to where this one stopped.
    public var maxCycleSeconds: Double?

    public init(
        folder: String = "INBOX", batchSize: Int = 20, policy: MailPolicy = .markSeen,
        quarantineFolder: String = "Quarantine", maxMessageBytes: Int = 25 << 20, backoff: Backoff = Backoff(),
        maxCycleSeconds: Double? = nil
    ) {
        self.folder = folder
        self.batchSize = max(1, batchSize)
        self.policy = policy
        self.quarantineFolder = quarantineFolder
        self.maxMessageBytes = maxMessageBytes
        self.backoff = backoff
        self.maxCycleSeconds = maxCycleSeconds
    }
}

/// What one poll cycle did.
public struct MailPollReport: Sendable, Equatable {
    public var imported = 0
    public var duplicates = 0
    public var quarantined = 0
    /// The mailbox's UIDVALIDITY differed from the cursor's, so the poll started again from UID 1.
    public var resynchronized = false

    public init() {}
}
