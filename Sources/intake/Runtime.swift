import Foundation
import Glibc
import IntakeChannels
import IntakeCore
import IntakeDesk
import IntakeService

/// What store commands share: the configuration, the store and the pipeline.
enum Runtime {
    static func config(_ args: Arguments) throws -> LoadedConfig {
        do {
            return try LoadedConfig.load(path: args.value("config"), storeOverride: args.value("store"))
        } catch {
            throw CommandFailure("configuration: \(error)")
        }
    }

    static func store(_ loaded: LoadedConfig) throws -> DeskStore {
        do {
            return try DeskStore(path: loaded.config.storePath, synchronous: loaded.config.storeSynchronous)
        } catch {
            throw CommandFailure("cannot open the desk store \(loaded.config.storePath): \(plainDescription(of: error))")
        }
    }

    /// The store of a command that only looks at what is there (`tickets`, `sla`, `outbox`, ...): one
    /// that does not exist is a mistyped `--store` or the wrong working directory, so it is an error,
    /// not a new empty store (and directories) reporting nothing.
    static func existingStore(_ loaded: LoadedConfig) throws -> DeskStore {
        guard FileManager.default.fileExists(atPath: loaded.config.storePath) else {
            throw CommandFailure("no desk store at \(loaded.config.storePath) (`intake serve` or `intake ingest` creates it; --store names another)")
        }
        return try store(loaded)
    }

    static func pipeline(_ loaded: LoadedConfig) -> IngestPipeline {
        IngestPipeline(settings: PipelineSettings(config: loaded.config, directory: loaded.directory))
    }

    static func channel(_ args: Arguments) throws(UsageError) -> Channel {
        guard let name = args.value("channel") else { throw UsageError("--channel is required (slack, whatsapp, email or phone)") }
        guard let channel = Channel(rawValue: name.lowercased()) else {
            throw UsageError("unknown channel `\(name)` (slack, whatsapp, email or phone)")
        }
        return channel
    }

    /// A ticket number as a person pastes it: `INT-1042`, `int-1042`, or the subject tag `[#INT-1042]`
    /// copied from a mail, with stray whitespace (the store matches the number case-insensitively).
    static func ticketNumber(_ text: String) -> String {
        var number = text.trimmingCharacters(in: .whitespaces)
        if number.hasPrefix("[") && number.hasSuffix("]") { number = String(number.dropFirst().dropLast()) }
        if number.hasPrefix("#") { number.removeFirst() }
        return number
    }

    /// Reads a file, or standard input for `-`. The error says why (`cannot read: No such file or
    /// directory`) and leaves naming the file to the caller, which prefixes every problem with it.
    static func read(_ path: String) throws -> [UInt8] {
        if path == "-" { return [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }
        return try readFile(path)
    }

    /// Whether two paths name the same file (`./desk.sqlite`, `data//desk.sqlite`, a symbolic link):
    /// the same device and inode, or the same spelling when either does not exist yet.
    static func isSameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return a == b }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    /// The size of the file at `path`, 0 when unknown (standard input, an unreadable path: reading it
    /// reports the problem). `stat` directly: Foundation's file attributes also look up the owner's
    /// user and group names, per file.
    static func fileSize(_ path: String) -> Int {
        var info = stat()
        return path != "-" && stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    /// The whole file, read straight into the array (`ingest` reads one small file per message, and
    /// Foundation's `contents(atPath:)` plus the copy out of `Data` cost more than the read).
    private static func readFile(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw readFailure(errno) }
        defer { close(fd) }
        // The size is a hint (pipes and /dev/fd report 0); reading goes on to end of file either way,
        // and a directory fails its read (EISDIR).
        var info = stat()
        let size = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        // A regular file read to its size needs no second read to find its end: one system call less
        // per file, and `ingest` reads one small file per message.
        let isRegular = info.st_mode & S_IFMT == S_IFREG && size > 0
        var bytes: [UInt8] = []
        var capacity = max(size + 1, 4096)
        while true {
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: capacity - start))
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + start, capacity - start) }
            if n < 0 {
                let code = errno
                if code == EINTR { bytes.removeLast(capacity - start); continue }
                throw readFailure(code)
            }
            bytes.removeLast(capacity - start - n)
            if n == 0 || isRegular && bytes.count == size { return bytes }
            if bytes.count == capacity { capacity *= 2 }
        }
    }

    private static func readFailure(_ code: Int32) -> CommandFailure {
        CommandFailure("cannot read: " + String(cString: strerror(code)))
    }
}
