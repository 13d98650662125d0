import Foundation
import IntakeChannels
import IntakeCore
import IntakeDesk
import IntakeMail
import IntakeService

/// `intake mail poll|status`: the IMAP poller `serve` runs, by hand, and where it has got to.
enum MailCommand: Command {
    static let name = "mail"
    static let abstract = "Poll the support mailbox (IMAP) into the store, or show its cursor and quarantine."
    static let help = """
        Usage: intake mail poll [--once] [--json]
               intake mail status [--json]

        poll    reads email.folder on the server of email.imap_url (as email.username, with the password
                from INTAKE_IMAP_PASSWORD or email.password) from the cursor saved in the store, and commits
                each batch of mails, its quarantined mails and the new cursor in one transaction. Then it
                applies email.policy to the imported mails (keep, seen, or move to email.processed_folder)
                and moves the mails that are not mail to email.quarantine_folder. Without --once it polls
                every email.poll_interval seconds until SIGINT or SIGTERM. Prints one line per mail: UID,
                outcome, ticket, reason; then a summary. Exit status 1 when the server cannot be reached or
                refuses the login (on the first poll; later failures are reported and retried).
        status  prints the cursor (UIDVALIDITY and last UID) of each folder polled, and the quarantine.

          --once          poll: one poll, then exit
          --json          JSON lines instead of text
        \(StoreOptions.help)
        """
    static let spec = Arguments.Spec(valueOptions: StoreOptions.valueOptions, flags: ["json", "once"])

    static func run(_ args: Arguments) throws -> Int32 {
        guard args.positionals.count == 1, let action = args.positionals.first, ["poll", "status"].contains(action) else {
            throw UsageError("give `poll` or `status`")
        }
        guard action == "poll" || !args.has("once") else { throw UsageError("--once is for `poll`") }
        let loaded = try Runtime.config(args)
        return action == "poll" ? try poll(loaded, once: args.has("once"), json: args.has("json")) : try status(loaded, json: args.has("json"))
    }

    private static func poll(_ loaded: LoadedConfig, once: Bool, json: Bool) throws -> Int32 {
        let email = loaded.config.email
        let server: MailServer
        do {
            server = try MailServer.imap(email)
        } catch {
            throw CommandFailure("configuration: \(error)")
        }
        let adapter = ChannelAdapters.emailAdapter(config: loaded.config)
        let ledger = StoreMailboxLedger(store: try Runtime.store(loaded), pipeline: Runtime.pipeline(loaded), adapter: adapter, onCommit: { batch, entries in
            writeOut(lines(batch, entries, json: json))
        })
        let poller = MailPoller(client: try IMAPClient(server: server), ledger: ledger, configuration: MailPollerConfiguration(email: email))
        let stop = StopSignal()
        let signals = once ? [] : stopOnSignals(stop)
        defer { signals.forEach { $0.cancel() } }
        var isFirst = true
        repeat {
            do {
                let report = try poller.runOnce()
                writeOut(summary(report, folder: email.folder, cursor: try ledger.cursor(folder: email.folder), json: json))
            } catch {
                let message = describe(error, server: server)
                if isFirst || once { throw CommandFailure(message) }
                printError("intake mail: \(message)")
            }
            isFirst = false
        } while !once && !stop.wait(seconds: email.pollIntervalSeconds)
        return ExitStatus.ok
    }

    private static func status(_ loaded: LoadedConfig, json: Bool) throws -> Int32 {
        let store = try Runtime.existingStore(loaded)
        let (cursors, quarantine) = try store.read { (try $0.mailCursors(), try $0.quarantineRecords()) }
        if json {
            let value: JSONValue = [
                "cursors": .array(cursors.map {
                    ["folder": .string($0.folder), "uid_validity": .int(Int($0.uidValidity)), "last_uid": .int(Int($0.lastUID)),
                     "updated_at": .string($0.updatedAt.iso8601)]
                }),
                "quarantine": .array(quarantine.map {
                    ["folder": .string($0.folder), "uid_validity": .int(Int($0.uidValidity)), "uid": .int(Int($0.uid)),
                     "reason": .string($0.reason), "at": .string($0.at.iso8601)]
                }),
            ]
            writeOut(JSONWriter.string(value, pretty: true) + "\n")
            return ExitStatus.ok
        }
        var out = cursors.isEmpty ? "no folder polled yet\n" : ""
        for c in cursors {
            out += "\(c.folder)\tUIDVALIDITY \(c.uidValidity)\tlast UID \(c.lastUID)\tupdated \(c.updatedAt.iso8601)\n"
        }
        out += "quarantine: \(quarantine.count) mail\(quarantine.count == 1 ? "" : "s")\n"
        for q in quarantine {
            out += "\(q.folder)\tUIDVALIDITY \(q.uidValidity)\tUID \(q.uid)\t\(q.at.iso8601)\t\(oneLine(q.reason))\n"
        }
        writeOut(out)
        return ExitStatus.ok
    }

    /// SIGINT and SIGTERM stop the loop between polls (a poll in progress finishes its batch first).
    private static func stopOnSignals(_ stop: StopSignal) -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { sig in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { stop.stop() }
            source.resume()
            return source
        }
    }

    private static func lines(_ batch: MailBatch, _ entries: [StoreMailboxLedger.Entry], json: Bool) -> String {
        let failures = batch.failures.map {
            StoreMailboxLedger.Entry(uid: $0.uid, externalID: nil, outcome: .quarantined(reason: $0.reason), detail: "quarantined",
                                     ticketNumber: nil, reason: $0.reason)
        }
        return (entries + failures).sorted { $0.uid < $1.uid }.map { e in
            json ? JSONWriter.string(e.json) + "\n" : "\(e.uid)\t\(oneLine(e.detail))\t\(e.ticketNumber ?? "-")\t\(oneLine(e.reason))\n"
        }.joined()
    }

    private static func summary(_ report: MailPollReport, folder: String, cursor: MailboxCursor?, json: Bool) -> String {
        if json {
            let value: JSONValue = [
                "folder": .string(folder), "imported": .int(report.imported), "duplicates": .int(report.duplicates),
                "quarantined": .int(report.quarantined), "resynchronized": .bool(report.resynchronized),
                "uid_validity": cursor.map { .int(Int($0.uidValidity)) } ?? .null, "last_uid": cursor.map { .int(Int($0.lastUID)) } ?? .null,
            ]
            return JSONWriter.string(value) + "\n"
        }
        let position = cursor.map { ", UIDVALIDITY \($0.uidValidity), last UID \($0.lastUID)" } ?? ""
        return "\(folder): imported \(report.imported), duplicates \(report.duplicates), quarantined \(report.quarantined)"
            + (report.resynchronized ? " (UIDVALIDITY changed: resynchronized)" : "") + position + "\n"
    }

    /// The failure in words a person can act on.
    private static func describe(_ error: any Error, server: MailServer) -> String {
        let address = "\(server.host):\(server.port)"
        if let mail = error as? MailError, case .transport(let curl) = mail {
            if curl.isLoginDenied {
                return "the IMAP server \(address) refused the login of \(server.username ?? "(no email.username)"): check email.username and INTAKE_IMAP_PASSWORD (\(curl))"
            }
            if curl.isConnectionFailure { return "cannot reach the IMAP server \(address): \(curl)" }
        }
        return "mail poll of \(address) failed: \(error)"
    }
}
