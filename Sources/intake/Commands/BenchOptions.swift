/// The numeric options of `intake bench`, read and checked before any benchmark starts: a typo
/// (`--messages 20k`) is a usage error, not minutes spent measuring with the defaults.
struct BenchOptions {
    /// nil: the benchmark's own default.
    var messages: Int?
    var stored: [Int]?
    var duplicates: Double = 0
    var seconds: Double = 5
    var connections = 32
    var rate: Double = 2_000

    init(_ args: Arguments) throws(UsageError) {
        messages = try Self.number(args, "messages", as: Int.self, where: { $0 > 0 }, "a number of messages above 0")
        if let list = args.value("stored") {
            let sizes = list.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
            guard !sizes.isEmpty, sizes.allSatisfy({ ($0 ?? -1) >= 0 }) else {
                throw UsageError("--stored `\(list)` is not a list of store sizes like 10000,100000")
            }
            stored = sizes.compactMap { $0 }
        }
        duplicates =
            try Self.number(args, "duplicates", as: Double.self, where: { (0...100).contains($0) }, "a percentage from 0 to 100")
            ?? duplicates
        seconds = try Self.number(args, "seconds", as: Double.self, where: { $0 > 0 }, "a number of seconds above 0") ?? seconds
        connections =
            try Self.number(args, "connections", as: Int.self, where: { $0 > 0 }, "a number of connections above 0") ?? connections
        rate = try Self.number(args, "rate", as: Double.self, where: { $0 > 0 }, "a rate above 0 requests/s") ?? rate
    }

    private static func number<T: LosslessStringConvertible>(
        _ args: Arguments, _ name: String, as: T.Type, where isValid: (T) -> Bool, _ expected: String
    ) throws(UsageError) -> T? {
        guard let text = args.value(name) else { return nil }
        guard let value = T(text), isValid(value) else { throw UsageError("--\(name) `\(text)` is not \(expected)") }
        return value
    }
}
