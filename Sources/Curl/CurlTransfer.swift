/// What one `CurlEasy.perform` returned.
public struct CurlTransfer: Sendable {
    /// `CURLINFO_RESPONSE_CODE`: the HTTP status or the last SMTP reply code (0 for IMAP).
    public var responseCode: Int
    /// Every header byte curl passed to the header callback. For HTTP these are the status line and header
    /// fields; for the line-based mail protocols curl passes every server response line here, so the last
    /// one is the command's completion (`A005 OK ...`, `250 ...`).
    public var headerBytes: [UInt8]
    public var body: [UInt8]
    /// `CURLINFO_NUM_CONNECTS`: connections opened for this transfer (0 when an existing one was reused).
    public var newConnections: Int

    /// The header bytes split into lines without their CRLF.
    public var headerLines: [String] {
        headerBytes.split(separator: 0x0A, omittingEmptySubsequences: true).map { line in
            let trimmed = line.last == 0x0D ? line.dropLast() : line
            return String(decoding: trimmed, as: UTF8.self)
        }
    }
}

/// The buffers the C callbacks fill during one transfer. Reached from C through an unretained pointer that
/// `CurlEasy.perform` keeps alive for the duration of `curl_easy_perform`; only curl's calling thread
/// touches it.
final class CurlTransferBuffers {
    var body: [UInt8] = []
    var headers: [UInt8] = []
    let upload: [UInt8]
    var uploadOffset = 0
    let maxBodyBytes: Int
    var bodyTooLarge = false

    init(upload: [UInt8], maxBodyBytes: Int) {
        self.upload = upload
        self.maxBodyBytes = maxBodyBytes
    }
}

/// `CURLOPT_WRITEFUNCTION`: returning less than was offered makes curl abort with `CURLE_WRITE_ERROR`.
let curlWriteBody: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    data, size, count, box in
    guard let data, let box else { return 0 }
    let buffers = Unmanaged<CurlTransferBuffers>.fromOpaque(box).takeUnretainedValue()
    let length = size * count
    guard buffers.body.count + length <= buffers.maxBodyBytes else {
        buffers.bodyTooLarge = true
        return 0
    }
    data.withMemoryRebound(to: UInt8.self, capacity: length) {
        buffers.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
    }
    return length
}

let curlWriteHeader: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    data, size, count, box in
    guard let data, let box else { return 0 }
    let buffers = Unmanaged<CurlTransferBuffers>.fromOpaque(box).takeUnretainedValue()
    let length = size * count
    data.withMemoryRebound(to: UInt8.self, capacity: length) {
        buffers.headers.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
    }
    return length
}

/// `CURLOPT_READFUNCTION`: copies the next slice of the upload; returning 0 signals the end.
let curlReadUpload: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    destination, size, count, box in
    guard let destination, let box else { return 0 }
    let buffers = Unmanaged<CurlTransferBuffers>.fromOpaque(box).takeUnretainedValue()
    let length = min(size * count, buffers.upload.count - buffers.uploadOffset)
    guard length > 0 else { return 0 }
    buffers.upload.withUnsafeBytes { source in
        guard let start = source.baseAddress else { return }
        UnsafeMutableRawPointer(destination).copyMemory(from: start + buffers.uploadOffset, byteCount: length)
    }
    buffers.uploadOffset += length
    return length
}
