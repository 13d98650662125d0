import Foundation
import IntakeCore
import IntakeDesk
import IntakeService
import IntakeTestSupport
import XCTest

/// A temp dir with a desk store and a `Master.csv` path, `IntakeContext`s whose logs are captured, and
/// builders for `cdr_csv` rows (16 columns + uniqueid + userfield, as `loguniqueid=yes` writes them).
final class CDRFixture {
    let dir: String
    let csvPath: String
    var config = GatewayConfig()
    private(set) var contexts: [IntakeContext] = []
    let logs = LogCapture()

    static let directory = CustomerDirectory(customers: [
        Customer(id: "acme", name: "ACME", domains: ["acme.com.ar"], phones: ["+54 11 4321-5000"], whatsapp: ["+54 9 11 5276-9999"]),
    ])

    init() throws {
        dir = try TestPaths.temporaryDirectory("intake-cdr").path
        csvPath = dir + "/Master.csv"
        config.storePath = dir + "/desk.sqlite"
        config.phone.cdrPath = csvPath
    }

    /// A context on the store file: a new `DeskStore` each call, as a restarted process opens it.
    func context() throws -> IntakeContext {
        let capture = logs
        let logger = Logger(level: .info) { capture.append($0) }
        let store = try DeskStore(path: config.storePath)
        let context = IntakeContext(config: config, directory: Self.directory, store: store, logger: logger, metrics: Metrics())
        contexts.append(context)
        return context
    }

    /// A watcher on `csvPath`; it takes every call in the file as complete unless given `settleSeconds`
    /// (the tests write a file and poll it at once).
    func watcher(chunkBytes: Int = CDRImporter.defaultChunkBytes, settleSeconds: Int64 = 0) throws -> CDRWatcher {
        CDRWatcher(context: try context(), path: csvPath, chunkBytes: chunkBytes, settleSeconds: settleSeconds)
    }

    func remove() {
        for c in contexts { c.queue.stop() }
        try? FileManager.default.removeItem(atPath: dir)
    }

    // MARK: files

    func write(_ text: String, to path: String? = nil) {
        XCTAssertTrue(FileManager.default.createFile(atPath: path ?? csvPath, contents: Data(text.utf8)))
    }

    func append(_ text: String, to path: String? = nil) throws {
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path ?? csvPath))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    /// Dates the file's last write a minute back, as if the PBX had left it alone since.
    func age(_ path: String? = nil) throws {
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: path ?? csvPath)
    }

    /// Empties the file in place (same inode), as logrotate's `copytruncate` does.
    func truncate() throws {
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: csvPath))
        try handle.truncate(atOffset: 0)
        try handle.close()
    }

    func inode(_ path: String) throws -> UInt64 {
        try XCTUnwrap((try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? NSNumber)?.uint64Value)
    }

    // MARK: rows

    /// ACME's invited WhatsApp number as the PBX writes the caller.
    static let acmeCaller = "5491152769999"

    /// One inbound call to the support line `1152769000` with uniqueid `1709659800.<n>`: missed (`NO
    /// ANSWER`, billsec 0) unless `answered`.
    static func row(_ n: Int, from caller: String = acmeCaller, name: String = "Juan Perez", answered: Bool = false) -> String {
        let minute = String(format: "%02d", n % 60)
        let answer = answered ? "\"2024-03-05 14:\(minute):05\"" : ""
        let disposition = answered ? "ANSWERED" : "NO ANSWER"
        let billsec = answered ? 25 : 0
        return "\"\",\"\(caller)\",\"1152769000\",\"from-trunk\",\"\"\"\(name)\"\" <\(caller)>\",\"SIP/trunk-\(n)\",\"SIP/101-\(n)\",\"Dial\","
            + "\"SIP/101,30,tT\",\"2024-03-05 14:\(minute):00\",\(answer),\"2024-03-05 14:\(minute):30\",30,\(billsec),\"\(disposition)\","
            + "\"DOCUMENTATION\",\"1709659800.\(n)\",\"\"\n"
    }

    static func rows(_ range: ClosedRange<Int>, from caller: String = acmeCaller) -> String {
        range.map { row($0, from: caller) }.joined()
    }

    static func ids(_ range: ClosedRange<Int>) -> [String] { range.map { "1709659800.\($0)" } }
}

/// Log lines written by a `Logger`, kept for assertions.
final class LogCapture: @unchecked Sendable {
    // @unchecked: `lines` is guarded by `lock`.
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) {
        lock.lock()
        lines.append(line)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return lines
    }
}

/// What one poll produced, in order.
struct PollLog {
    var results: [IngestResult] = []
    var errors: [String] = []
    var events: [String] = []

    var externalIDs: [String] { results.compactMap(\.externalID) }

    mutating func record(_ event: CDRFollower.Event) {
        switch event {
        case .chunk(let chunk):
            results += chunk.results
            errors += chunk.errors.map { "\(chunk.path): \($0)" }
        case .rotated(_, _, let finished):
            events.append("rotated" + (finished.map { ", finished " + URL(fileURLWithPath: $0).lastPathComponent } ?? ""))
        case .truncated:
            events.append("truncated")
        case .replaced:
            events.append("replaced")
        }
    }
}

extension CDRWatcher {
    /// One round, collecting what it did.
    func poll() throws -> PollLog {
        var log = PollLog()
        try follower.poll { log.record($0) }
        return log
    }
}
