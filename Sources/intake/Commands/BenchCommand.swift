import Foundation
import IntakeChannels
import IntakeCore
import IntakeDesk

/// `intake bench`: the figures the issues ask for, printed as tables with the machine's core count.
enum BenchCommand: Command {
    static let name = "bench"
    static let abstract = "Measure ingest, normalization and webhook throughput; print figures."
    static let help = """
        Usage: intake bench [all|ingest|normalize|email DIR|webhook] [OPTIONS]

          all                     every figure below with small defaults, one table (the default)
          ingest                  normalize + pipeline + commit of chat-sized Slack events
            --messages N          messages measured at each store size (default 20000)
            --stored LIST         store sizes (tickets already stored) to measure at (default 10000,100000)
            --duplicates PCT      share of redelivered events (default 0)
          normalize               adapters only, over Fixtures/<channel> (MB/s, messages/s)
          email DIR               email normalization of every .eml under DIR (messages/s, MB/s)
          webhook                 signed Slack events through the HTTP server into the store
            --seconds S           closed-loop duration (default 5)
            --connections C       concurrent keep-alive clients (default 32)
            --rate R              open-loop rate for the latency run (default 2000 req/s)
        """
    static let spec = Arguments.Spec(valueOptions: ["messages", "stored", "duplicates", "seconds", "connections", "rate"])

    static func run(_ args: Arguments) throws -> Int32 {
        let what = args.positionals.first ?? "all"
        let options = try BenchOptions(args)
        let taken = what == "email" ? 2 : 1
        guard args.positionals.count <= taken else { throw UsageError("unexpected argument `\(args.positionals[taken])`") }
        guard what != "email" || args.positionals.count == 2 else { throw UsageError("give the directory: bench email DIR") }
        var table = BenchTable()
        switch what {
        case "ingest":
            try IngestBench.run(options, into: &table)
        case "normalize":
            try NormalizeBench.fixtures(into: &table)
        case "email":
            try NormalizeBench.email(dir: args.positionals[1], into: &table)
        case "webhook":
            try WebhookBench.run(options, into: &table)
        case "all":
            try NormalizeBench.fixtures(into: &table)
            try IngestBench.run(options, into: &table, defaultStored: [10_000], defaultMessages: 20_000)
            try WebhookBench.run(options, into: &table)
        default:
            throw UsageError("unknown benchmark `\(what)`")
        }
        print(table.render())
        return ExitStatus.ok
    }
}

/// Rows of figures printed as one aligned table.
struct BenchTable {
    var rows: [(String, String, String)] = []

    mutating func add(_ name: String, _ value: String, _ note: String = "") { rows.append((name, value, note)) }

    func render() -> String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let w0 = max(9, rows.map(\.0.count).max() ?? 0)
        let w1 = max(5, rows.map(\.1.count).max() ?? 0)
        var out = "intake bench — \(cores) cores, \(ProcessInfo.processInfo.physicalMemory >> 30) GiB\n"
        out += "benchmark".padding(toLength: w0, withPad: " ", startingAt: 0) + "  " + "value".padding(toLength: w1, withPad: " ", startingAt: 0) + "  note\n"
        for (a, b, c) in rows {
            out += a.padding(toLength: w0, withPad: " ", startingAt: 0) + "  " + b.padding(toLength: w1, withPad: " ", startingAt: 0) + "  " + c + "\n"
        }
        return out
    }
}

/// Monotonic seconds.
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// CPU time the calling thread has used: a figure other processes on a shared machine do not inflate.
func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// The p-th percentile (0...100) of unsorted samples.
func percentile(_ samples: [Double], _ p: Double) -> Double {
    guard !samples.isEmpty else { return 0 }
    let sorted = samples.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p / 100 + 0.5))]
}

func fmt(_ v: Double, _ digits: Int = 0) -> String { String(format: "%.\(digits)f", v) }
