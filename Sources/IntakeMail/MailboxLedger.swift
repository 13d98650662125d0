/// Where a mailbox has been read up to. UIDs only mean something under one UIDVALIDITY (RFC 9051 §2.3.1.1).
public struct MailboxCursor: Sendable, Equatable {
    public var uidValidity: UInt32
    public var lastUID: UInt32

    public init(uidValidity: UInt32, lastUID: UInt32) {
        self.uidValidity = uidValidity
        self.lastUID = lastUID
    }
}

/// A message fetched from the server, raw RFC 5322 bytes.
public struct FetchedMail: Sendable, Equatable {
    public var uid: UInt32
    public var raw: [UInt8]

    public init(uid: UInt32, raw: [UInt8]) {
        self.uid = uid
        self.raw = raw
    }
}

/// A message the poller could not fetch (refused by the server, over the size limit).
public struct MailFetchFailure: Sendable, Equatable {
    public var uid: UInt32
    public var reason: String

    public init(uid: UInt32, reason: String) {
        self.uid = uid
        self.reason = reason
    }
}

/// One batch to commit: the mails, the fetch failures, and the cursor after them.
public struct MailBatch: Sendable, Equatable {
    public var folder: String
    public var cursor: MailboxCursor
    public var mails: [FetchedMail]
    public var failures: [MailFetchFailure]

    public init(folder: String, cursor: MailboxCursor, mails: [FetchedMail], failures: [MailFetchFailure]) {
        self.folder = folder
        self.cursor = cursor
        self.mails = mails
        self.failures = failures
    }
}

/// What the ledger did with one mail of a batch.
public enum MailCommitOutcome: Sendable, Equatable {
    case imported
    /// Already stored (same Message-ID): a re-import after a crash or a UIDVALIDITY resync.
    case duplicate
    /// Could not be parsed; recorded in quarantine with the reason.
    case quarantined(reason: String)
}

/// The poller's store, a protocol so IntakeMail does not depend on the desk store (which implements it on
/// SQLite).
public protocol MailboxLedger: Sendable {
    func cursor(folder: String) throws -> MailboxCursor?

    /// Stores the batch in one transaction: each mail (imported, a duplicate, or quarantined as unparseable),
    /// each fetch failure as quarantined, and the new cursor. Returns one outcome per `batch.mails`, in
    /// order. Quarantine records and the cursor commit together so a crash can never move the cursor past
    /// a mail that was neither stored nor quarantined. The poller touches the server only after this returns.
    func commit(_ batch: MailBatch) throws -> [MailCommitOutcome]
}
