import Foundation

/// Counters, gauges and histograms rendered in the Prometheus text format (version 0.0.4). One lock
/// for all: updates are a dictionary bump, far cheaper than the commit each request waits for.
public final class Metrics: @unchecked Sendable {
    // @unchecked: every stored property is guarded by `lock`.
    /// A series: the metric's name and its label names and values, alternating. Formatted and escaped
    /// only when rendered, so an update builds no strings.
    private struct Key: Hashable {
        var name: String
        var pairs: [String]

        init(_ name: String, _ labels: [(String, String)]) {
            self.name = name
            pairs = []
            pairs.reserveCapacity(labels.count * 2)
            for (k, v) in labels {
                pairs.append(k)
                pairs.append(v)
            }
        }

        /// `name="value"` for each label, in order.
        var labels: [String] {
            stride(from: 0, to: pairs.count, by: 2).map { "\(pairs[$0])=\"\(Metrics.escape(pairs[$0 + 1]))\"" }
        }
    }

    private struct Histogram {
        var buckets: [Double]
        var counts: [Int]
        var sum = 0.0
        var count = 0

        mutating func add(_ value: Double) {
            for (i, b) in buckets.enumerated() where value <= b { counts[i] += 1 }
            sum += value
            count += 1
        }
    }

    private let lock = NSLock()
    private var help: [String: (type: String, text: String)] = [:]
    private var counters: [Key: Double] = [:]
    private var gauges: [Key: Double] = [:]
    private var histograms: [Key: Histogram] = [:]
    private var order: [String] = []

    public static let latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    public init() {}

    public func describe(_ name: String, type: String, help text: String) {
        lock.lock()
        if help[name] == nil { order.append(name) }
        help[name] = (type, text)
        lock.unlock()
    }

    /// `labels` as name/value pairs in a fixed order.
    public func increment(_ name: String, _ labels: [(String, String)] = [], by amount: Double = 1) {
        let key = Key(name, labels)
        lock.lock()
        counters[key, default: 0] += amount
        lock.unlock()
    }

    public func set(_ name: String, _ labels: [(String, String)] = [], _ value: Double) {
        let key = Key(name, labels)
        lock.lock()
        gauges[key] = value
        lock.unlock()
    }

    public func observe(_ name: String, _ labels: [(String, String)] = [], _ value: Double, buckets: [Double] = Metrics.latencyBuckets) {
        let key = Key(name, labels)
        lock.lock()
        // Updated in place: a copy taken out of the dictionary would copy its counts on every write.
        histograms[key, default: Histogram(buckets: buckets, counts: Array(repeating: 0, count: buckets.count))].add(value)
        lock.unlock()
    }

    public func counter(_ name: String, _ labels: [(String, String)] = []) -> Double {
        let key = Key(name, labels)
        lock.lock()
        defer { lock.unlock() }
        return counters[key] ?? 0
    }

    /// The exposition text: `# HELP`, `# TYPE`, then samples sorted by labels.
    public func render() -> String {
        lock.lock()
        defer { lock.unlock() }
        var out = ""
        for name in order {
            guard let h = help[name] else { continue }
            out += "# HELP \(name) \(h.text)\n# TYPE \(name) \(h.type)\n"
            let series: [(Key, Double)] = h.type == "counter" ? counters.filter { $0.key.name == name }.map { ($0.key, $0.value) }
                : gauges.filter { $0.key.name == name }.map { ($0.key, $0.value) }
            for (k, v) in series.sorted(by: { $0.0.labels.joined() < $1.0.labels.joined() }) {
                out += "\(name)\(Self.labels(k.labels)) \(Self.format(v))\n"
            }
            if h.type == "histogram" {
                for (k, hist) in histograms.filter({ $0.key.name == name }).sorted(by: { $0.key.labels.joined() < $1.key.labels.joined() }) {
                    for (i, b) in hist.buckets.enumerated() {
                        out += "\(name)_bucket\(Self.labels(k.labels + ["le=\"\(Self.format(b))\""])) \(hist.counts[i])\n"
                    }
                    out += "\(name)_bucket\(Self.labels(k.labels + ["le=\"+Inf\""])) \(hist.count)\n"
                    out += "\(name)_sum\(Self.labels(k.labels)) \(Self.format(hist.sum))\n"
                    out += "\(name)_count\(Self.labels(k.labels)) \(hist.count)\n"
                }
            }
        }
        return out
    }

    private static func labels(_ l: [String]) -> String { l.isEmpty ? "" : "{" + l.joined(separator: ",") + "}" }

    private static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }

    /// Label values escaped per the exposition format; most need nothing, so check bytes first.
    fileprivate static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x5C || $0 == 0x22 || $0 == 0x0A }) else { return s }
        return s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }
}
