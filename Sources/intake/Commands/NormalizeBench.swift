import Foundation
import IntakeChannels
import IntakeCore

/// Adapter throughput over the fixture corpora (or a directory of .eml files), then the per-event cost of
/// normalize + prepare for chat-sized Slack events (`PrepareBench`).
enum NormalizeBench {
    static func fixtures(into table: inout BenchTable) throws {
        for channel in Channel.allCases {
            let dir = "Fixtures/\(channel.rawValue)"
            let files = payloadFiles(in: dir)
            guard !files.isEmpty else { continue }
            measure("normalize \(channel.rawValue)", files: files, adapter: ChannelAdapters.adapter(for: channel), into: &table)
        }
        PrepareBench.run(into: &table)
    }

    static func email(dir: String, into table: inout BenchTable) throws {
        let files = payloadFiles(in: dir).filter { $0.hasSuffix(".eml") }
        guard !files.isEmpty else { throw CommandFailure("\(dir): no .eml files") }
        measure("normalize email (\(dir))", files: files, adapter: ChannelAdapters.adapter(for: .email), into: &table)
    }

    /// Every payload file under `dir` except expected outputs.
    static func payloadFiles(in dir: String) -> [String] {
        guard let names = FileManager.default.enumerator(atPath: dir) else { return [] }
        return names.compactMap { $0 as? String }.filter { !$0.hasSuffix(".expected.json") && !$0.hasPrefix(".") }
            .map { dir + "/" + $0 }.filter { var isDir: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &isDir) && !isDir.boolValue }
            .sorted()
    }

    /// Repeats the corpus for at least a second of work.
    static func measure(_ name: String, files: [String], adapter: any ChannelAdapter, into table: inout BenchTable) {
        let payloads = files.compactMap { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }
        let bytesPerRound = payloads.reduce(0) { $0 + $1.count }
        var messages = 0
        var rounds = 0
        let start = monotonicSeconds()
        repeat {
            for p in payloads { messages += (try? adapter.normalize(RawPayload(bytes: p)))?.count ?? 0 }
            rounds += 1
        } while monotonicSeconds() - start < 1.0
        let elapsed = monotonicSeconds() - start
        table.add(name, "\(fmt(Double(payloads.count * rounds) / elapsed)) payloads/s",
                  "\(fmt(Double(bytesPerRound * rounds) / elapsed / 1_048_576, 1)) MB/s, \(fmt(Double(messages) / elapsed)) messages/s over \(payloads.count) files")
    }
}
