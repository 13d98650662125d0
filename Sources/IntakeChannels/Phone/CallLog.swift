public import IntakeCore

/// An operator's record of a phone call, as `POST /calls` and `intake call log` take it:
/// `{"from": "+54 9 11 5276-9999", "operator": "Ana", "direction": "inbound",
/// "started_at": "2024-03-05T14:30:00-03:00", "duration": 240, "notes": "...", "priority": "alta",
/// "type": "incidente", "customer": "acme", "callId": "..."}`, or a JSON array of them.
/// The caller may also be named `caller` or `number`, and written as a caller ID with its name, as CTI
/// connectors and softphones pass `CALLERID(all)` (`"Juan Pérez" <1152769999>`); names are compared
/// without case, `_` or `-` (`startedAt`, `Started_At`). Every validation error names the field.
public struct CallLog: Sendable, Equatable {
    /// The caller's E.164 number.
    public var caller: String
    /// The name in a caller ID (`"Juan Pérez" <1152769999>`), the message sender's name.
    public var callerName: String?
    public var operatorName: String?
    public var direction: CallDirection
    public var startedAt: Timestamp?
    public var durationSeconds: Int?
    public var notes: String?
    public var priority: Priority?
    public var requestType: RequestType?
    public var customerID: String?
    public var callID: String?

    public init(
        caller: String, operatorName: String? = nil, direction: CallDirection = .inbound, startedAt: Timestamp? = nil,
        durationSeconds: Int? = nil, notes: String? = nil, priority: Priority? = nil, requestType: RequestType? = nil,
        customerID: String? = nil, callID: String? = nil, callerName: String? = nil
    ) {
        self.caller = caller
        self.callerName = callerName
        self.operatorName = operatorName
        self.direction = direction
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
        self.notes = notes
        self.priority = priority
        self.requestType = requestType
        self.customerID = customerID
        self.callID = callID
    }

    /// Reads one call-log object. `position` prefixes errors (`call 2: `) for arrays.
    /// `started_at` without a zone (`2024-06-03 11:05:00`, `2024-06-03 11:05`, `03/06/2024 11:05`, as
    /// softphones, CRMs and operators write it) is the PBX's local time (`timeZone`), as
    /// for CDR and CTI times; Unix seconds (or milliseconds) are UTC.
    public init(
        json: JSONValue, defaultCountry: String = "54", localArea: String? = nil, timeZone: LocalTimeZone = .argentina,
        position: String = ""
    ) throws(AdapterError) {
        func fail(_ reason: String) -> AdapterError { AdapterError(channel: .phone, reason: position + reason) }
        guard case .object(let object) = json else { throw fail("a call log must be a JSON object") }
        let fields = CTIEvent.fields(object.pairs.map { ($0.key, $0.value.textValue) })
        // Looked up as CTI fields are, without case, `_` or `-` (`startedAt`, `Started_At`).
        func field(_ names: String...) -> (name: String, value: String)? {
            for name in names {
                if let text = fields[CTIEvent.fieldKey(name)] { return (name, text) }
            }
            return nil
        }
        guard let from = field("from", "caller", "number") else {
            throw fail("`from` is missing (the caller's number; also accepted as `caller` or `number`)")
        }
        let callerID = CallerID(from.value)
        switch E164.read(callerID.number ?? from.value, defaultCountry: defaultCountry, areaCode: localArea) {
        case .e164(let number):
            caller = number
            callerName = callerID.name
        case .internalExtension: throw fail("`\(from.name)` is an internal extension, not a customer's number: \(from.value)")
        case nil: throw fail("`\(from.name)` is not a phone number: \(from.value)")
        }
        operatorName = field("operator", "agent")?.value
        notes = field("notes", "note")?.value
        customerID = field("customer", "customer_id")?.value
        callID = field("call_id", "uniqueid")?.value
        direction = .inbound
        if let word = field("direction") {
            guard let d = CallDirection(word: word.value) else { throw fail("`direction` is not inbound or outbound: \(word.value)") }
            direction = d
        }
        if let time = field("started_at", "start", "date", "timestamp") {
            guard let reading = CTIEvent.time(time.value) else { throw fail("`\(time.name)` is not an ISO 8601 time: \(time.value)") }
            startedAt = reading.isLocal ? timeZone.instant(ofLocal: reading.time) : reading.time
        }
        if let duration = field("duration", "duration_seconds") {
            guard let seconds = Self.seconds(duration.value) else {
                throw fail("`\(duration.name)` is not a number of seconds: \(duration.value)")
            }
            durationSeconds = seconds
        }
        if let word = field("priority") {
            guard let p = Priority(word: word.value) else { throw fail("`priority` is not critical, high, medium or low: \(word.value)") }
            priority = p
        }
        if let word = field("type", "request_type") {
            guard let t = RequestType(word: word.value) else {
                throw fail("`\(word.name)` is not incident, change_request, adjustment or query: \(word.value)")
            }
            requestType = t
        }
    }

    /// A JSON object or an array of them.
    public static func parse(
        _ bytes: [UInt8], defaultCountry: String = "54", localArea: String? = nil, timeZone: LocalTimeZone = .argentina
    ) throws(AdapterError) -> [CallLog] {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw AdapterError(channel: .phone, reason: error.description)
        }
        return try parse(json: json, defaultCountry: defaultCountry, localArea: localArea, timeZone: timeZone)
    }

    public static func parse(
        json: JSONValue, defaultCountry: String = "54", localArea: String? = nil, timeZone: LocalTimeZone = .argentina
    ) throws(AdapterError) -> [CallLog] {
        guard case .array(let items) = json else {
            return [try CallLog(json: json, defaultCountry: defaultCountry, localArea: localArea, timeZone: timeZone)]
        }
        var logs: [CallLog] = []
        for (index, item) in items.enumerated() {
            logs.append(try CallLog(json: item, defaultCountry: defaultCountry, localArea: localArea, timeZone: timeZone, position: "call \(index + 1): "))
        }
        return logs
    }

    /// `callId` when given; otherwise `calllog-` and 32 hex digits of SHA-256 over the normalized caller,
    /// operator, start and notes, so the same log posted twice is a duplicate.
    public var externalID: String {
        if let callID { return callID }
        let key = [caller, operatorName ?? "", startedAt?.iso8601 ?? "", notes ?? ""].joined(separator: "|")
        return "calllog-" + String(SHA256.hex(Array(key.utf8)).prefix(32))
    }

    public var message: InboundMessage {
        var m = JSONObject()
        m["source"] = "calllog"
        m["callId"] = .optional(callID)
        m["direction"] = .string(direction.rawValue)
        m["duration"] = .optional(durationSeconds)
        return InboundMessage(
            channel: .phone,
            externalID: externalID,
            sender: InboundMessage.Sender(id: caller, name: callerName),
            threadKey: caller,
            text: notes,
            sentAt: startedAt,
            kind: .call,
            hints: InboundMessage.Hints(priority: priority, requestType: requestType, customerID: customerID, operatorName: operatorName),
            metadata: m
        )
    }

    /// Whole seconds as a number (`240`), a numeric string, `mm:ss` / `hh:mm:ss`, or with units
    /// (`DurationText`: `95s`, `1m 35s`, Issabel's and Elastix's `95s (1m 35s)`). The seconds of `hh:mm:ss`
    /// may have a fraction, rounded as a number's is: PostgreSQL writes an `interval` so
    /// (`00:03:05.52`), and XiVO keeps its call logs' durations in one. A report saved from a spreadsheet
    /// in a Spanish locale writes a number's fraction after a comma (`65,4`): read so with one or two
    /// digits after it, since three are an English locale's thousands (`1,234`), which are not read.
    static func seconds(_ text: String) -> Int? {
        if let n = Double(decimalCommaAsPoint(text)), n.isFinite, n >= 0, n < 1e9 { return Int(n.rounded()) }
        if let n = DurationText.seconds(text) { return n }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count) else { return nil }
        var total = 0.0
        for (i, part) in parts.enumerated() {
            let isSeconds = i == parts.count - 1
            guard part.first?.isASCIIDigit == true, part.allSatisfy({ $0.isASCIIDigit || (isSeconds && $0 == ".") }),
                  let n = Double(part), i == 0 || n < 60
            else { return nil }
            total = total * 60 + n
        }
        return total < 1e9 ? Int(total.rounded()) : nil
    }

    /// `65,4` as `65.4`: digits, one comma, one or two digits; any other text as it is.
    private static func decimalCommaAsPoint(_ text: String) -> String {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, (1...2).contains(parts[1].count),
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) })
        else { return text }
        return parts[0] + "." + parts[1]
    }
}
