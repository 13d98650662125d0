import Glibc

extension HTTPResponse {
    /// The bytes of the response on the wire. Framing fields the responder set (`Content-Length`,
    /// `Transfer-Encoding`, `Connection`) are replaced by the server's own, and CR/LF in names and
    /// values are dropped so no value can start a header of its own (response splitting).
    /// 1xx, 204 and 304 carry no body and no `Content-Length` (RFC 9110 §8.6); a HEAD response keeps
    /// the length of the body it leaves out (§9.3.2). An HTTP/1.0 client keeps the connection only
    /// when told `Connection: keep-alive` (RFC 9112 §9.3, Appendix C.2.2); an HTTP/1.1 one unless told
    /// `close`.
    func serialized(
        keepAlive: Bool, isHead: Bool = false, version: HTTPVersion = .http11, date: String = HTTPResponse.httpDate()
    ) -> [UInt8] {
        let hasNoBody = (100..<200).contains(status) || status == 204 || status == 304
        var bytes: [UInt8] = []
        bytes.reserveCapacity(160 + headers.count * 48 + (hasNoBody || isHead ? 0 : body.count))
        bytes.append(contentsOf: "HTTP/1.1 \(status) ".utf8)
        bytes.append(contentsOf: Self.clean(reason).utf8)
        bytes.append(contentsOf: Self.lineEnd)
        for (name, value) in headers where !Self.framingFields.contains(where: { HTTPRequest.sameName($0, name) }) {
            bytes.append(contentsOf: Self.clean(name).utf8)
            bytes.append(contentsOf: ": ".utf8)
            bytes.append(contentsOf: Self.clean(value).utf8)
            bytes.append(contentsOf: Self.lineEnd)
        }
        bytes.append(contentsOf: "Date: ".utf8)
        bytes.append(contentsOf: date.utf8)
        bytes.append(contentsOf: Self.lineEnd)
        if !hasNoBody { bytes.append(contentsOf: "Content-Length: \(body.count)\r\n".utf8) }
        if !keepAlive {
            bytes.append(contentsOf: "Connection: close\r\n".utf8)
        } else if version == .http10 {
            bytes.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        bytes.append(contentsOf: Self.lineEnd)
        if !hasNoBody && !isHead { bytes.append(contentsOf: body) }
        return bytes
    }

    /// Fields the server writes itself.
    private static let framingFields = ["Content-Length", "Transfer-Encoding", "Connection", "Date"]
    private static let lineEnd: [UInt8] = [0x0D, 0x0A]

    private static func clean(_ text: String) -> String {
        text.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
            ? String(text.unicodeScalars.filter { $0 != "\r" && $0 != "\n" }.map(Character.init)) : text
    }

    /// IMF-fixdate (RFC 9110 §5.6.7), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`; an origin server with a clock
    /// sends it on every response (§6.6.1).
    static func httpDate(_ seconds: time_t = time(nil)) -> String {
        var now = seconds
        var parts = tm()
        gmtime_r(&now, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return
            "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
