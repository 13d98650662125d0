import Foundation
import IntakeCore

/// Hands out distinct event numbers to load threads.
final class LoadCounter: @unchecked Sendable {
    // @unchecked: `next` is guarded by `lock`.
    private let lock = NSLock()
    private var next = 0

    func take() -> Int {
        lock.lock()
        defer { lock.unlock() }
        next += 1
        return next
    }
}

/// A minimal keep-alive HTTP/1.1 client on a blocking socket, for the benchmark only.
struct LoadClient {
    struct Result {
        var ok = 0
        var failed = 0
        var latencies: [Double] = []

        mutating func merge(_ other: Result) {
            ok += other.ok
            failed += other.failed
            latencies += other.latencies
        }
    }

    let fd: Int32
    private var buffer: [UInt8] = []

    init?(port: UInt16) {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard rc == 0 else {
            Glibc.close(fd)
            return nil
        }
    }

    /// A signed Slack event request, ready to send.
    static func request(_ n: Int, secret: String) -> [UInt8] {
        let now = Int(Clock.wallSeconds())
        let body = "{\"type\":\"event_callback\",\"team_id\":\"T1\",\"event_id\":\"EvLOAD\(n)\",\"event_time\":\(now),\"event\":{\"type\":\"message\",\"channel\":\"C0ACMEPRIV\",\"user\":\"U0JUANP\",\"text\":\"caso \(n): la consola de agentes no carga (error \(1000 + n))\",\"ts\":\"\(now).\(n)\"}}"
        let sig = "v0=" + Hex.encode(HMAC.sha256(key: Array(secret.utf8), message: Array("v0:\(now):\(body)".utf8)))
        return Array("POST /webhooks/slack/events HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\nX-Slack-Request-Timestamp: \(now)\r\nX-Slack-Signature: \(sig)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8)
    }

    /// Sends one request and reads its response; returns the status, or nil on a broken connection.
    mutating func roundTrip(_ request: [UInt8]) -> Int? {
        var sent = 0
        while sent < request.count {
            let n = request[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return nil }
            sent += n
        }
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            if let end = headerEnd() {
                let head = String(decoding: buffer[0..<end], as: UTF8.self)
                let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
                let length = head.lowercased().split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst(15).trimmingWhitespace()) } ?? 0
                if buffer.count >= end + 4 + length {
                    buffer.removeFirst(end + 4 + length)
                    return status
                }
            }
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return nil }
            buffer.append(contentsOf: chunk[0..<n])
        }
    }

    private func headerEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for i in 0...(buffer.count - 4) where buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 { return i }
        return nil
    }

    func close() { _ = Glibc.close(fd) }

    static func closedLoop(port: UInt16, connections: Int, seconds: Double, counter: LoadCounter, secret: String) -> Result {
        let deadline = monotonicSeconds() + seconds
        return parallel(connections) {
            var r = Result()
            guard var client = LoadClient(port: port) else { return r }
            while monotonicSeconds() < deadline {
                let req = request(counter.take(), secret: secret)
                let t0 = monotonicSeconds()
                guard let status = client.roundTrip(req) else { break }
                r.latencies.append(monotonicSeconds() - t0)
                if (200..<300).contains(status) { r.ok += 1 } else { r.failed += 1 }
            }
            client.close()
            return r
        }
    }

    /// Each connection sends its share of `rate` at fixed due times; latency counts from the due time.
    static func openLoop(port: UInt16, connections: Int, rate: Double, seconds: Double, counter: LoadCounter, secret: String) -> Result {
        let interval = Double(connections) / rate
        let start = monotonicSeconds() + 0.05
        let total = Int(seconds / interval)
        return parallel(connections) {
            var r = Result()
            guard var client = LoadClient(port: port) else { return r }
            let offset = Double.random(in: 0..<interval)
            for i in 0..<total {
                let due = start + offset + Double(i) * interval
                let wait = due - monotonicSeconds()
                if wait > 0 { usleep(UInt32(wait * 1e6)) }
                let req = request(counter.take(), secret: secret)
                guard let status = client.roundTrip(req) else { break }
                r.latencies.append(monotonicSeconds() - due)
                if (200..<300).contains(status) { r.ok += 1 } else { r.failed += 1 }
            }
            client.close()
            return r
        }
    }

    static func parallel(_ n: Int, _ body: @escaping @Sendable () -> Result) -> Result {
        let lock = NSLock()
        nonisolated(unsafe) var total = Result()
        let group = DispatchGroup()
        for _ in 0..<n {
            let thread = Thread {
                let r = body()
                lock.lock()
                total.merge(r)
                lock.unlock()
                group.leave()
            }
            group.enter()
            thread.start()
        }
        group.wait()
        return total
    }
}
