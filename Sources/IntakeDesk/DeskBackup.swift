import Foundation
import SQLite

/// A consistent copy of a desk store taken while `serve` keeps writing to it. `VACUUM INTO` reads one
/// snapshot (in WAL mode a reader never waits for the writer, nor the writer for it) and writes it
/// compacted, without a WAL, to a new file: everything the store holds, raw payloads and attachment
/// contents included. The copy is written and checked (`PRAGMA quick_check`) under a temporary name
/// beside the destination and only then linked to it, so a file at the destination is always a whole
/// backup, and an existing one is never replaced.
public enum DeskBackup {
    public struct Summary: Sendable, Equatable {
        public var tickets: Int
        public var messages: Int
        public var bytes: Int
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func copy(store: String, to destination: String) throws -> Summary {
        let files = FileManager.default
        guard !files.fileExists(atPath: destination) else {
            throw Failure(description: "\(destination) exists: a backup never replaces a file (name a new one)")
        }
        let directory = (destination as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        guard directory.isEmpty || (files.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue) else {
            throw Failure(description: "no directory \(directory) for the backup")
        }
        let partial = destination + ".partial-\(getpid())"
        defer { try? files.removeItem(atPath: partial) }
        do {
            let source = try Database(path: store)
            try source.statement("VACUUM INTO ?").bind(.text(partial)).run()
            let (tickets, messages) = try check(partial)
            // link(2) fails if the destination appeared meanwhile: never a replace.
            guard link(partial, destination) == 0 else {
                throw Failure(description: "cannot name the backup \(destination): \(String(cString: strerror(errno)))")
            }
            let bytes = (try? files.attributesOfItem(atPath: destination)[.size]) as? Int
            return Summary(tickets: tickets, messages: messages, bytes: bytes ?? 0)
        } catch let error as SQLiteError {
            throw Failure(description: "cannot copy \(store): \(error)")
        }
    }

    /// The copy's integrity and what it holds; its connection is closed on return, before it is named.
    private static func check(_ path: String) throws -> (tickets: Int, messages: Int) {
        let copy = try Database(path: path)
        let check = try copy.statement("PRAGMA quick_check").rows { $0.text(0) }
        guard check == ["ok"] else { throw Failure(description: "the copy failed its check: " + check.prefix(3).joined(separator: "; ")) }
        let tickets = try copy.statement("SELECT count(*) FROM tickets").first { Int($0.int(0)) } ?? 0
        let messages = try copy.statement("SELECT count(*) FROM messages").first { Int($0.int(0)) } ?? 0
        return (tickets, messages)
    }
}
