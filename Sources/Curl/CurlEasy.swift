import CCurl
import CCurlShim

/// One libcurl easy handle. It owns the `CURL*` and the lists handed to curl, and frees them in `deinit`.
///
/// A handle is not thread-safe (libcurl: "you must never share the same handle in multiple threads"), so
/// the type is not `Sendable`: use one per thread or per call. Keeping one alive between transfers lets curl
/// reuse its connection (an IMAP session stays logged in with its mailbox selected).
public final class CurlEasy {
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// `curl_slist`s must outlive the transfer that uses them; they are freed on `reset()` and `deinit`.
    private var lists: [UnsafeMutablePointer<curl_slist>] = []

    public init() throws(CurlError) {
        try CurlGlobal.ensureInitialized()
        guard let handle = curl_easy_init() else {
            throw CurlError(code: Int(CURLE_FAILED_INIT.rawValue), message: "curl_easy_init returned NULL", operation: "init")
        }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        try applyBaseOptions()
    }

    deinit {
        curl_easy_cleanup(handle)
        lists.forEach { curl_slist_free_all($0) }
        errorBuffer.deallocate()
    }

    /// Clears every option (`curl_easy_reset`) but keeps the connection cache, then reapplies the base options.
    public func reset() throws(CurlError) {
        curl_easy_reset(handle)
        lists.forEach { curl_slist_free_all($0) }
        lists.removeAll()
        try applyBaseOptions()
    }

    /// `CURLOPT_NOSIGNAL` because intake is multi-threaded: without it curl's resolver timeouts use
    /// SIGALRM, which is process-wide. The error buffer gives each failure curl's detailed message.
    private func applyBaseOptions() throws(CurlError) {
        try check(intake_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), "setopt ERRORBUFFER")
        try check(intake_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1), "setopt NOSIGNAL")
    }

    public func set(_ option: CurlOption) throws(CurlError) {
        switch option {
        case .url(let url): try setString(CURLOPT_URL, url, "URL")
        case .protocols(let list): try setString(CURLOPT_PROTOCOLS_STR, list, "PROTOCOLS_STR")
        case .username(let name): try setString(CURLOPT_USERNAME, name, "USERNAME")
        case .password(let password): try setString(CURLOPT_PASSWORD, password, "PASSWORD")
        case .timeoutMilliseconds(let ms): try setLong(CURLOPT_TIMEOUT_MS, ms, "TIMEOUT_MS")
        case .connectTimeoutMilliseconds(let ms): try setLong(CURLOPT_CONNECTTIMEOUT_MS, ms, "CONNECTTIMEOUT_MS")
        case .requireTLS(let required):
            let level = required ? CURLUSESSL_ALL : CURLUSESSL_NONE
            try setLong(CURLOPT_USE_SSL, Int(level.rawValue), "USE_SSL")
        case .tlsVerification(let verification):
            let on = verification == .verify ? 1 : 0
            try setLong(CURLOPT_SSL_VERIFYPEER, on, "SSL_VERIFYPEER")
            try setLong(CURLOPT_SSL_VERIFYHOST, on * 2, "SSL_VERIFYHOST")
        case .customRequest(let request):
            if let request {
                try setString(CURLOPT_CUSTOMREQUEST, request, "CUSTOMREQUEST")
            } else {
                try check(intake_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, nil), "setopt CUSTOMREQUEST")
            }
        case .httpHeaders(let headers): try setList(CURLOPT_HTTPHEADER, headers, "HTTPHEADER")
        case .httpGet: try setLong(CURLOPT_HTTPGET, 1, "HTTPGET")
        case .noBody: try setLong(CURLOPT_NOBODY, 1, "NOBODY")
        case .post(let size):
            try setLong(CURLOPT_POST, 1, "POST")
            try check(intake_curl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(size)), "setopt POSTFIELDSIZE_LARGE")
        case .upload(let size):
            try setLong(CURLOPT_UPLOAD, 1, "UPLOAD")
            try check(intake_curl_setopt_off_t(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(size)), "setopt INFILESIZE_LARGE")
        case .userAgent(let agent): try setString(CURLOPT_USERAGENT, agent, "USERAGENT")
        case .mailFrom(let address): try setString(CURLOPT_MAIL_FROM, address, "MAIL_FROM")
        case .mailRecipients(let addresses): try setList(CURLOPT_MAIL_RCPT, addresses, "MAIL_RCPT")
        case .followRedirects(let follow): try setLong(CURLOPT_FOLLOWLOCATION, follow ? 1 : 0, "FOLLOWLOCATION")
        }
    }

    /// Runs the transfer. `upload` feeds the read callback (for `.upload`/`.post`); the response body is
    /// capped at `maxBodyBytes` so a hostile peer cannot exhaust memory.
    public func perform(upload: [UInt8] = [], maxBodyBytes: Int = 64 << 20, operation: String) throws(CurlError) -> CurlTransfer {
        let buffers = CurlTransferBuffers(upload: upload, maxBodyBytes: maxBodyBytes)
        let box = Unmanaged.passUnretained(buffers).toOpaque()
        try check(intake_curl_setopt_write_function(handle, curlWriteBody), "setopt WRITEFUNCTION")
        try check(intake_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, box), "setopt WRITEDATA")
        try check(intake_curl_setopt_header_function(handle, curlWriteHeader), "setopt HEADERFUNCTION")
        try check(intake_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, box), "setopt HEADERDATA")
        try check(intake_curl_setopt_read_function(handle, curlReadUpload), "setopt READFUNCTION")
        try check(intake_curl_setopt_pointer(handle, CURLOPT_READDATA, box), "setopt READDATA")
        errorBuffer[0] = 0
        let result = withExtendedLifetime(buffers) { curl_easy_perform(handle) }
        let responseCode = info(CURLINFO_RESPONSE_CODE)
        let transfer = CurlTransfer(
            responseCode: responseCode, headerBytes: buffers.headers, body: buffers.body,
            newConnections: info(CURLINFO_NUM_CONNECTS))
        guard result == CURLE_OK else {
            var error = CurlError.from(result, buffer: errorText, operation: operation, responseCode: responseCode)
            if buffers.bodyTooLarge { error.message = "response body exceeds \(maxBodyBytes) bytes" }
            error.serverLines = transfer.headerLines
            throw error
        }
        return transfer
    }

    private var errorText: String { String(cString: errorBuffer) }

    private func info(_ key: CURLINFO) -> Int {
        var value = 0
        return intake_curl_getinfo_long(handle, key, &value) == CURLE_OK ? value : 0
    }

    private func setLong(_ option: CURLoption, _ value: Int, _ name: String) throws(CurlError) {
        try check(intake_curl_setopt_long(handle, option, value), "setopt \(name)")
    }

    private func setString(_ option: CURLoption, _ value: String, _ name: String) throws(CurlError) {
        try check(value.withCString { intake_curl_setopt_string(handle, option, $0) }, "setopt \(name)")
    }

    private func setList(_ option: CURLoption, _ values: [String], _ name: String) throws(CurlError) {
        var list: UnsafeMutablePointer<curl_slist>?
        for value in values {
            guard let appended = curl_slist_append(list, value) else {
                if let list { curl_slist_free_all(list) }
                throw CurlError(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "curl_slist_append failed", operation: "setopt \(name)")
            }
            list = appended
        }
        if let list { lists.append(list) }
        try check(intake_curl_setopt_slist(handle, option, list), "setopt \(name)")
    }

    private func check(_ result: CURLcode, _ operation: String) throws(CurlError) {
        guard result == CURLE_OK else { throw CurlError.from(result, buffer: errorText, operation: operation) }
    }
}

/// Process-wide `curl_global_init`, run exactly once: a `static let` initializer is lazy and guarded by
/// `swift_once`, so concurrent first uses from several threads are safe.
enum CurlGlobal {
    private static let result: CURLcode = curl_global_init(Int(CURL_GLOBAL_ALL))

    static func ensureInitialized() throws(CurlError) {
        guard result == CURLE_OK else { throw CurlError.from(result, buffer: "", operation: "curl_global_init") }
    }
}
