/// Which timeout applies to a connection and when it runs out: a value with the clock passed in, so it
/// is tested without sockets or sleeps.
///
/// A connection's first request must be complete in its headers within `headerTimeout` of the accept;
/// later requests within `headerTimeout` of their first byte. Between requests `idleTimeout` applies,
/// and once the headers are in, `bodyTimeout`.
struct ConnectionTimer: Sendable, Equatable {
    enum Expiry: Equatable {
        /// Nothing of a request was received: close without a response.
        case closeQuietly
        /// A request was started and not finished in time: answer 408 and close.
        case requestTimeout(String)
    }

    private let headerTimeout: Double
    private let bodyTimeout: Double
    private let idleTimeout: Double
    private(set) var phase = HTTPRequestParser.Phase.idle
    private(set) var deadline: Double
    private var isFirstRequest = true

    init(configuration: HTTPServerConfiguration, acceptedAt now: Double) {
        headerTimeout = configuration.headerTimeout
        bodyTimeout = configuration.bodyTimeout
        idleTimeout = configuration.idleTimeout
        deadline = now + headerTimeout
    }

    /// Notes the parser's phase after it took bytes; a new phase starts a new deadline, except that the
    /// first request's header deadline runs from the accept.
    mutating func observe(_ newPhase: HTTPRequestParser.Phase, now: Double) {
        guard newPhase != phase else { return }
        switch newPhase {
        case .idle: deadline = now + idleTimeout
        case .head: if !isFirstRequest { deadline = now + headerTimeout }
        case .body: deadline = now + bodyTimeout
        }
        phase = newPhase
    }

    /// A response was sent and the connection stays open.
    mutating func requestCompleted(now: Double) {
        phase = .idle
        isFirstRequest = false
        deadline = now + idleTimeout
    }

    func secondsLeft(now: Double) -> Double { max(0, deadline - now) }

    var expiry: Expiry {
        switch phase {
        case .idle: .closeQuietly
        case .head: .requestTimeout("request headers not complete within \(Self.seconds(headerTimeout))")
        case .body: .requestTimeout("request body not complete within \(Self.seconds(bodyTimeout))")
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
