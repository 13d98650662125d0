// fuzz-modules: CSHA256 IntakeCore CEventPoll IntakeHTTP
import IntakeHTTP

/// Fuzzes `HTTPRequestParser` with small limits so every limit is reached, and checks that feeding the
/// input whole and in two pieces (split where the first byte says) gives the same requests and the
/// same error: the parser's result must not depend on how the socket cut the bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let whole = outcome(of: [bytes[...]])
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    let pieces = outcome(of: [bytes[..<split], bytes[split...]])
    precondition(whole == pieces, "whole: \(whole)\npieces: \(pieces)")
    return 0
}

private let limits = HTTPLimits(
    requestLineBytes: 256, fieldBytes: 128, headerBytes: 512, fieldCount: 8, bodyBytes: 512, chunkLineBytes: 64)

/// Every request the pieces hold (pipelined), then the error or `incomplete`.
private func outcome(of pieces: [ArraySlice<UInt8>]) -> [String] {
    var parser = HTTPRequestParser(limits: limits)
    var summary: [String] = []
    do {
        for piece in pieces {
            var input = Array(piece)
            while case .request(let request, let leftover) = try parser.parse(input) {
                summary.append(describe(request))
                input = leftover
            }
        }
        summary.append("incomplete \(parser.phase)")
    } catch {
        precondition([400, 413, 414, 417, 431, 501, 505].contains(error.status), "unexpected status \(error.status)")
        summary.append("error \(error.status)")
    }
    return summary
}

private func describe(_ request: HTTPRequest) -> String {
    precondition(request.body.count <= limits.bodyBytes, "body over the limit")
    precondition(request.headers.count + request.trailers.count <= limits.fieldCount, "too many fields")
    let fields = (request.headers + request.trailers).map { "\($0.name)=\($0.value)" }
    let query = request.queryItems.map { "\($0.name)=\($0.value)" }
    return "\(request.method) \(request.path) \(request.query ?? "-") \(query) \(request.version) \(fields) "
        + "\(request.keepAlive) \(request.header("content-length") ?? "-") \(request.body)"
}
