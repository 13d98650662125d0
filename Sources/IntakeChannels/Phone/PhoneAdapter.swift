public import IntakeCore

/// The phone channel's adapter. It tells the three shapes apart by content:
/// - an Asterisk CDR CSV (`Master.csv`, see `CDRReader`): text with commas (or the `;` or tabs of a
///   spreadsheet's export), not starting with `{` or `[`;
/// - CDRs as JSON objects keyed by the CDR table's columns (`CDRReader.readJSON`), as PBX APIs give them;
/// - operator call logs (`CallLog`): a JSON object, or an array of objects, without `event`;
/// - CTI events (`CTIEvent`): a JSON object or array of objects with `event` (and `callId`), or a form
///   body; they run through a fresh `CTICallTracker` and what it emits is returned (missed and answered
///   calls, once each, in their final form).
///
/// Contract: external_id is the CDR uniqueid or the CTI/call-log callId, sender.id the caller's E.164
/// number, conversation the dialled number.
public struct PhoneAdapter: ChannelAdapter {
    /// Messages plus the CDR rows that could not be read, for a caller that reports them
    /// (`intake normalize` prints `FILE: line N: reason` on standard error for each).
    public struct Report: Sendable, Equatable {
        public var messages: [InboundMessage]
        public var rowErrors: [CDRRowError]

        public init(messages: [InboundMessage], rowErrors: [CDRRowError] = []) {
            self.messages = messages
            self.rowErrors = rowErrors
        }
    }

    public var reader: CDRReader

    public var channel: Channel { .phone }

    /// `timeZone`: the PBX clock's zone (CDR times are local; CTI and call-log times without a zone too).
    public init(timeZone: LocalTimeZone = .argentina, defaultCountry: String = "54", localArea: String? = nil) {
        reader = CDRReader(timeZone: timeZone, defaultCountry: defaultCountry, localArea: localArea)
    }

    public func normalize(_ payload: RawPayload) throws(AdapterError) -> [InboundMessage] {
        try normalizeReportingRows(payload).messages
    }

    /// As `normalize`, and the bad CSV rows besides. Throws only when nothing could be read: a CSV
    /// whose rows are all bad fails with the first row's error.
    public func normalizeReportingRows(_ payload: RawPayload) throws(AdapterError) -> Report {
        let bytes = payload.bytes
        let first = bytes.firstIndex { !Self.isSpaceOrBOM($0) }.map { bytes[$0] }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            return try json(payload.bytesAfterByteOrderMark)
        }
        let isForm = payload.contentType?.lowercased().contains("x-www-form-urlencoded") ?? false
        if isForm || Self.looksLikeForm(bytes) {
            let events = try CTIEvent.parse(bytes)
            return Report(messages: messages(for: events))
        }
        guard bytes.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "\t") }) else {
            throw AdapterError(channel: .phone, reason: "neither a CDR CSV, a call-log JSON nor CTI events")
        }
        return try report(reader.readAll(bytes))
    }

    /// The chunk's records as messages, and its bad rows; throws when no row could be read.
    private func report(_ chunk: CDRChunk) throws(AdapterError) -> Report {
        if chunk.rows.isEmpty, let firstError = chunk.errors.first {
            throw AdapterError(channel: .phone, reason: "no readable CDR row; \(firstError)")
        }
        let messages = chunk.rows.map { $0.record.message(timeZone: reader.timeZone, defaultCountry: reader.defaultCountry, localArea: reader.localArea) }
        return Report(messages: messages, rowErrors: chunk.errors)
    }

    private func json(_ bytes: [UInt8]) throws(AdapterError) -> Report {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw AdapterError(channel: .phone, reason: error.description)
        }
        let items = value.arrayValue ?? [value]
        guard let firstItem = items.first else { return Report(messages: []) }
        guard let firstObject = firstItem.objectValue else {
            throw AdapterError(channel: .phone, reason: "expected a call-log or CTI event object, or an array of them")
        }
        if CTIEvent.isEvent(firstObject) {
            return Report(messages: messages(for: try CTIEvent.parse(json: value)))
        }
        if let chunk = reader.readJSON(items) { return try report(chunk) }
        return Report(messages: try CallLog.parse(json: value, defaultCountry: reader.defaultCountry, localArea: reader.localArea, timeZone: reader.timeZone).map(\.message))
    }

    private func messages(for events: [CTIEvent]) -> [InboundMessage] {
        CTICallTracker.messages(for: events, timeZone: reader.timeZone, defaultCountry: reader.defaultCountry, localArea: reader.localArea)
    }

    /// `event=hangup&callId=...`: one line of `name=value` pairs, no commas, one of them `event`.
    private static func looksLikeForm(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self).trimmingWhitespace()
        guard !text.isEmpty, !text.contains(","), !text.contains("\n") else { return false }
        return FormURLEncoded.parse(text).contains { CTIEvent.fieldKey($0.name) == "event" }
    }

    private static func isSpaceOrBOM(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0xEF || b == 0xBB || b == 0xBF
    }
}
