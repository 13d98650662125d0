import SQLite

/// The desk store's schema, as numbered migrations. Times are Unix seconds (UTC).
enum DeskSchema {
    static let migrator = Migrator([
        .init(version: 1, name: "tickets, messages, raw payloads", sql: """
            CREATE TABLE raw_payloads (
                sha256 TEXT PRIMARY KEY,
                channel TEXT NOT NULL,
                content_type TEXT,
                source TEXT NOT NULL,
                body BLOB NOT NULL,
                received_at INTEGER NOT NULL,
                error TEXT
            );
            CREATE TABLE tickets (
                id INTEGER PRIMARY KEY,
                number TEXT NOT NULL UNIQUE,
                customer_id TEXT,
                status TEXT NOT NULL,
                priority TEXT NOT NULL,
                request_type TEXT NOT NULL,
                subject TEXT,
                origin_channel TEXT NOT NULL,
                reply_channel TEXT NOT NULL,
                reply_address TEXT NOT NULL,
                reply_thread TEXT,
                first_response_due INTEGER NOT NULL,
                first_responded_at INTEGER,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                resolved_at INTEGER,
                unknown_customer INTEGER NOT NULL DEFAULT 0,
                contract_inactive INTEGER NOT NULL DEFAULT 0,
                auto_reply INTEGER NOT NULL DEFAULT 0,
                sender_id TEXT NOT NULL,
                linked_ticket TEXT
            );
            CREATE INDEX tickets_customer_status ON tickets (customer_id, status);
            CREATE INDEX tickets_status_due ON tickets (status, first_response_due);
            CREATE TABLE messages (
                id INTEGER PRIMARY KEY,
                ticket_id INTEGER REFERENCES tickets (id),
                channel TEXT NOT NULL,
                external_id TEXT,
                kind TEXT NOT NULL,
                sender_id TEXT NOT NULL,
                sender_name TEXT,
                subject TEXT,
                text TEXT,
                ticket_text TEXT,
                sent_at INTEGER,
                received_at INTEGER NOT NULL,
                outcome TEXT NOT NULL,
                reason TEXT NOT NULL,
                fingerprint TEXT,
                scope TEXT,
                target_id TEXT,
                raw_sha256 TEXT REFERENCES raw_payloads (sha256),
                normalized TEXT NOT NULL,
                UNIQUE (channel, external_id)
            );
            CREATE INDEX messages_ticket ON messages (ticket_id);
            CREATE INDEX messages_fingerprint ON messages (fingerprint, scope, received_at) WHERE fingerprint IS NOT NULL;
            CREATE TABLE refs (
                ref TEXT NOT NULL,
                ticket_id INTEGER NOT NULL REFERENCES tickets (id),
                PRIMARY KEY (ref, ticket_id)
            ) WITHOUT ROWID;
            CREATE TABLE attachments (
                id INTEGER PRIMARY KEY,
                message_id INTEGER NOT NULL REFERENCES messages (id),
                filename TEXT,
                content_type TEXT,
                size INTEGER,
                sha256 TEXT,
                content_id TEXT,
                inline INTEGER NOT NULL DEFAULT 0,
                media_id TEXT,
                url TEXT,
                stored INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX attachments_message ON attachments (message_id);
            CREATE TABLE blobs (
                sha256 TEXT PRIMARY KEY,
                size INTEGER NOT NULL,
                content BLOB NOT NULL
            );
            CREATE TABLE decisions (
                id INTEGER PRIMARY KEY,
                ticket_id INTEGER,
                message_id INTEGER,
                stage TEXT NOT NULL,
                detail TEXT NOT NULL,
                at INTEGER NOT NULL
            );
            CREATE INDEX decisions_ticket ON decisions (ticket_id);
            """),
        .init(version: 2, name: "outbox", sql: """
            CREATE TABLE outbox (
                id INTEGER PRIMARY KEY,
                event_id TEXT NOT NULL UNIQUE,
                ticket_id INTEGER REFERENCES tickets (id),
                destination TEXT NOT NULL,
                event_type TEXT NOT NULL,
                payload TEXT NOT NULL,
                state TEXT NOT NULL DEFAULT 'pending',
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                delivered_at INTEGER,
                last_status INTEGER,
                last_error TEXT,
                remote_id TEXT,
                remote_status TEXT
            );
            CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
            CREATE INDEX outbox_ticket ON outbox (ticket_id, destination, id);
            CREATE INDEX outbox_remote ON outbox (remote_id) WHERE remote_id IS NOT NULL;
            """),
        .init(version: 3, name: "channel state: mail cursors, quarantine, CDR files, CTI calls, acknowledgements", sql: """
            CREATE TABLE mail_cursors (
                folder TEXT PRIMARY KEY,
                uid_validity INTEGER NOT NULL,
                last_uid INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            );
            CREATE TABLE mail_quarantine (
                id INTEGER PRIMARY KEY,
                folder TEXT NOT NULL,
                uid_validity INTEGER NOT NULL,
                uid INTEGER NOT NULL,
                reason TEXT NOT NULL,
                raw_sha256 TEXT,
                at INTEGER NOT NULL,
                UNIQUE (folder, uid_validity, uid)
            );
            CREATE TABLE cdr_files (
                path TEXT PRIMARY KEY,
                inode INTEGER NOT NULL,
                offset INTEGER NOT NULL,
                line INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            );
            CREATE TABLE cti_calls (
                call_id TEXT PRIMARY KEY,
                state TEXT NOT NULL,
                updated_at INTEGER NOT NULL
            );
            CREATE TABLE ack_log (
                address TEXT NOT NULL,
                day TEXT NOT NULL,
                count INTEGER NOT NULL,
                PRIMARY KEY (address, day)
            ) WITHOUT ROWID;
            CREATE TABLE channel_health (
                component TEXT PRIMARY KEY,
                last_success INTEGER,
                last_error TEXT,
                last_error_at INTEGER
            );
            """),
        // Every random key dirties its own B-tree page per insert: at a million tickets that was a
        // WAL page per message per index, and the per-message cost grew with the store. Raw payloads
        // are now kept by arrival (rowid) and messages point at them by id; content duplicates are
        // found through `RecentFingerprints` (an index on received_at rebuilds it), and outbox event
        // ids are random without a unique index (128 bits: a collision is not a practical concern).
        // The decisions about a message are a JSON array on its row, not three more rows. The message's
        // text is kept once, in its normalized JSON (`json_extract(normalized, '$.text')`), not twice more.
        .init(version: 4, name: "append-ordered keys: raw payloads by id, fingerprints by time, outbox ids without index; decisions on the message", sql: """
            CREATE TABLE raw_payloads_v4 (
                id INTEGER PRIMARY KEY,
                sha256 TEXT NOT NULL,
                channel TEXT NOT NULL,
                content_type TEXT,
                source TEXT NOT NULL,
                body BLOB NOT NULL,
                received_at INTEGER NOT NULL,
                error TEXT
            );
            INSERT INTO raw_payloads_v4 (sha256, channel, content_type, source, body, received_at, error)
                SELECT sha256, channel, content_type, source, body, received_at, error FROM raw_payloads ORDER BY received_at, rowid;
            CREATE INDEX raw_payloads_v4_sha ON raw_payloads_v4 (sha256);
            CREATE INDEX decisions_message_v4 ON decisions (message_id, id);
            CREATE TABLE messages_v4 (
                id INTEGER PRIMARY KEY,
                ticket_id INTEGER REFERENCES tickets (id),
                channel TEXT NOT NULL,
                external_id TEXT,
                kind TEXT NOT NULL,
                sender_id TEXT NOT NULL,
                sender_name TEXT,
                subject TEXT,
                sent_at INTEGER,
                received_at INTEGER NOT NULL,
                outcome TEXT NOT NULL,
                reason TEXT NOT NULL,
                fingerprint TEXT,
                scope TEXT,
                target_id TEXT,
                raw_id INTEGER REFERENCES raw_payloads (id),
                normalized TEXT NOT NULL,
                decisions TEXT NOT NULL DEFAULT '[]',
                UNIQUE (channel, external_id)
            );
            INSERT INTO messages_v4 (id, ticket_id, channel, external_id, kind, sender_id, sender_name, subject, sent_at,
                    received_at, outcome, reason, fingerprint, scope, target_id, raw_id, normalized, decisions)
                SELECT m.id, m.ticket_id, m.channel, m.external_id, m.kind, m.sender_id, m.sender_name, m.subject, m.sent_at,
                    m.received_at, m.outcome, m.reason, m.fingerprint, m.scope, m.target_id,
                    (SELECT MIN(r.id) FROM raw_payloads_v4 r WHERE r.sha256 = m.raw_sha256), m.normalized,
                    (SELECT json_group_array(json_object('stage', d.stage, 'detail', d.detail))
                     FROM (SELECT stage, detail FROM decisions WHERE message_id = m.id ORDER BY id) d)
                FROM messages m;
            DROP TABLE decisions;
            DROP INDEX raw_payloads_v4_sha;
            DROP TABLE messages;
            DROP TABLE raw_payloads;
            ALTER TABLE raw_payloads_v4 RENAME TO raw_payloads;
            ALTER TABLE messages_v4 RENAME TO messages;
            CREATE INDEX messages_ticket ON messages (ticket_id);
            CREATE INDEX messages_recent ON messages (received_at) WHERE fingerprint IS NOT NULL;
            CREATE TABLE outbox_v4 (
                id INTEGER PRIMARY KEY,
                event_id TEXT NOT NULL,
                ticket_id INTEGER REFERENCES tickets (id),
                destination TEXT NOT NULL,
                event_type TEXT NOT NULL,
                payload TEXT NOT NULL,
                state TEXT NOT NULL DEFAULT 'pending',
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                delivered_at INTEGER,
                last_status INTEGER,
                last_error TEXT,
                remote_id TEXT,
                remote_status TEXT
            );
            INSERT INTO outbox_v4 SELECT * FROM outbox;
            DROP TABLE outbox;
            ALTER TABLE outbox_v4 RENAME TO outbox;
            CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
            CREATE INDEX outbox_ticket ON outbox (ticket_id, destination, id);
            CREATE INDEX outbox_remote ON outbox (remote_id) WHERE remote_id IS NOT NULL;
            """),
        // Each B-tree a commit touches costs at least one WAL page per commit: at the few messages per
        // commit a webhook load gives, that page count, not the rows, was most of what was written
        // (2.6 pages per message). The fingerprint window is read back by rowid (arrival order) rather
        // than through its own index; one index on (status, customer_id) serves both the SLA summary and
        // a customer's open tickets; the payload hash nothing read is no longer computed per request.
        .init(version: 5, name: "fewer B-trees per commit: no messages_recent, one open-tickets index, no raw payload hash", sql: """
            DROP INDEX messages_recent;
            DROP INDEX tickets_customer_status;
            DROP INDEX tickets_status_due;
            CREATE INDEX tickets_status_customer ON tickets (status, customer_id);
            ALTER TABLE raw_payloads DROP COLUMN sha256;
            """),
        // A ticket opened from a message in a WhatsApp group is answered in the group: its reply address
        // is the group id, and this says so (`group`; NULL for a person's number, a channel, an address).
        // Version 7: a 6 (rekeying Slack posts) was dropped before release, and stores that ran it have 6
        // recorded, so a new 6 would never reach them.
        .init(version: 7, name: "reply recipient type: WhatsApp groups", sql: """
            ALTER TABLE tickets ADD COLUMN reply_recipient_type TEXT;
            """),
        // A followed CEL file holds the events of calls not yet over (`CELStream.state`), committed with
        // the position past them so a restart neither loses them nor reads them twice.
        .init(version: 8, name: "CDR files: held CEL events", sql: """
            ALTER TABLE cdr_files ADD COLUMN held_events TEXT;
            """),
        // What happens to a ticket without a message: its status set by an operator or by the desk
        // (`TicketStatusChange`). `intake explain` reads these beside the decisions on the messages.
        .init(version: 9, name: "ticket events: status set from outside the pipeline", sql: """
            CREATE TABLE ticket_events (
                id INTEGER PRIMARY KEY,
                ticket_id INTEGER NOT NULL REFERENCES tickets (id),
                stage TEXT NOT NULL,
                detail TEXT NOT NULL,
                at INTEGER NOT NULL
            );
            CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id);
            """),
    ])
}
