public import IntakeCore
import SQLite

/// State the channels keep in the store, committed in the same transaction as the messages it led to:
/// CTI call state, CDR file positions, IMAP cursors and quarantine, acknowledgement counts.
extension DeskRecords {
    // MARK: CTI calls

    public func ctiCall(id: String) throws -> JSONValue? {
        try db.statement("SELECT state FROM cti_calls WHERE call_id = ?").bind(.text(id)).first { try? JSONParser.parse($0.text(0)) } ?? nil
    }

    public func saveCTICall(id: String, state: JSONValue, at: Timestamp) throws {
        try db.statement("INSERT INTO cti_calls (call_id, state, updated_at) VALUES (?, ?, ?) ON CONFLICT (call_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at")
            .bind(.text(id), .text(JSONWriter.string(state)), .integer(at.seconds)).run()
    }

    /// Calls not ended (no `hangup` among the kinds seen) whose state was last saved before `before`: a
    /// lost hangup leaves a call so, and only a sweep over them closes it (`CTICallTracker.expire`).
    public func silentOpenCTICalls(before: Timestamp) throws -> [JSONValue] {
        try db.statement("""
            SELECT state FROM cti_calls WHERE updated_at < ?
            AND NOT EXISTS (SELECT 1 FROM json_each(state, '$.seen') WHERE value = 'hangup')
            """).bind(.integer(before.seconds)).rows { try? JSONParser.parse($0.text(0)) }.compactMap { $0 }
    }

    /// Forgets ended calls last saved before `before`: past the tracker's retention, a late event of one is
    /// a redelivery the message's external id already refuses.
    public func deleteEndedCTICalls(before: Timestamp) throws {
        try db.statement("""
            DELETE FROM cti_calls WHERE updated_at < ?
            AND EXISTS (SELECT 1 FROM json_each(state, '$.seen') WHERE value = 'hangup')
            """).bind(.integer(before.seconds)).run()
    }

    // MARK: CDR files

    public struct FilePosition: Sendable, Equatable {
        public var inode: UInt64
        public var offset: Int
        public var line: Int

        public init(inode: UInt64, offset: Int, line: Int) {
            self.inode = inode
            self.offset = offset
            self.line = line
        }
    }

    public func cdrPosition(path: String) throws -> FilePosition? {
        try db.statement("SELECT inode, offset, line FROM cdr_files WHERE path = ?").bind(.text(path)).first {
            FilePosition(inode: UInt64(bitPattern: $0.int(0)), offset: Int($0.int(1)), line: Int($0.int(2)))
        }
    }

    /// What a followed CEL file's reader held at the saved position (`CELStream.state`), if anything.
    public func cdrHeldEvents(path: String) throws -> String? {
        try db.statement("SELECT held_events FROM cdr_files WHERE path = ?").bind(.text(path)).first { $0.optionalText(0) } ?? nil
    }

    /// Saves the position and what was held there (nil: nothing, as for every CDR file).
    public func saveCDRPosition(path: String, _ p: FilePosition, heldEvents: String? = nil, at: Timestamp) throws {
        try db.statement("INSERT INTO cdr_files (path, inode, offset, line, held_events, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET inode = excluded.inode, offset = excluded.offset, line = excluded.line, held_events = excluded.held_events, updated_at = excluded.updated_at")
            .bind(.text(path), .integer(Int64(bitPattern: p.inode)), .integer(Int64(p.offset)), .integer(Int64(p.line)),
                  SQLValue.text(heldEvents), .integer(at.seconds)).run()
    }

    // MARK: IMAP

    public func mailCursor(folder: String) throws -> (uidValidity: UInt32, lastUID: UInt32)? {
        try db.statement("SELECT uid_validity, last_uid FROM mail_cursors WHERE folder = ?").bind(.text(folder)).first {
            (UInt32(truncatingIfNeeded: $0.int(0)), UInt32(truncatingIfNeeded: $0.int(1)))
        }
    }

    public func saveMailCursor(folder: String, uidValidity: UInt32, lastUID: UInt32, at: Timestamp) throws {
        try db.statement("INSERT INTO mail_cursors (folder, uid_validity, last_uid, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (folder) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid, updated_at = excluded.updated_at")
            .bind(.text(folder), .integer(Int64(uidValidity)), .integer(Int64(lastUID)), .integer(at.seconds)).run()
    }

    public func quarantine(folder: String, uidValidity: UInt32, uid: UInt32, reason: String, rawSHA256: String?, at: Timestamp) throws {
        try db.statement("INSERT OR IGNORE INTO mail_quarantine (folder, uid_validity, uid, reason, raw_sha256, at) VALUES (?, ?, ?, ?, ?, ?)")
            .bind(.text(folder), .integer(Int64(uidValidity)), .integer(Int64(uid)), .text(reason), .text(rawSHA256), .integer(at.seconds)).run()
    }

    /// Every folder's cursor, by folder name.
    public func mailCursors() throws -> [(folder: String, uidValidity: UInt32, lastUID: UInt32, updatedAt: Timestamp)] {
        try db.statement("SELECT folder, uid_validity, last_uid, updated_at FROM mail_cursors ORDER BY folder").rows {
            ($0.text(0), UInt32(truncatingIfNeeded: $0.int(1)), UInt32(truncatingIfNeeded: $0.int(2)), Timestamp(seconds: $0.int(3)))
        }
    }

    public func quarantined() throws -> [(folder: String, uid: UInt32, reason: String)] {
        try db.statement("SELECT folder, uid, reason FROM mail_quarantine ORDER BY id").rows { ($0.text(0), UInt32(truncatingIfNeeded: $0.int(1)), $0.text(2)) }
    }

    /// The quarantine with the UIDVALIDITY each UID belongs to and when it was recorded, oldest first.
    public func quarantineRecords() throws -> [(folder: String, uidValidity: UInt32, uid: UInt32, reason: String, at: Timestamp)] {
        try db.statement("SELECT folder, uid_validity, uid, reason, at FROM mail_quarantine ORDER BY id").rows {
            ($0.text(0), UInt32(truncatingIfNeeded: $0.int(1)), UInt32(truncatingIfNeeded: $0.int(2)), $0.text(3), Timestamp(seconds: $0.int(4)))
        }
    }

    // MARK: acknowledgements

    /// Acknowledgements sent to `address` on `day` (`YYYY-MM-DD`, UTC).
    public func acknowledgements(address: String, day: String) throws -> Int {
        Int(try db.statement("SELECT count FROM ack_log WHERE address = ? AND day = ?").bind(.text(address.lowercased()), .text(day)).first { $0.int(0) } ?? 0)
    }

    public func countAcknowledgement(address: String, day: String) throws {
        try db.statement("INSERT INTO ack_log (address, day, count) VALUES (?, ?, 1) ON CONFLICT (address, day) DO UPDATE SET count = count + 1")
            .bind(.text(address.lowercased()), .text(day)).run()
    }
}
