/// The one phone-number normalizer every channel uses.
///
/// Argentina (+54): mobiles are `+54 9 AREA NUMBER` internationally but dialled at home as
/// `0 AREA 15 NUMBER`; the national significant number is 10 digits (area of 2–4 digits + subscriber).
/// Chile (+56): 9 national digits, mobiles start with 9, no trunk prefix any more.
/// Numbers of 2–6 digits are internal PBX extensions and never customers.
public enum E164 {
    /// The result of reading a dialled or displayed number.
    public enum Number: Sendable, Equatable {
        /// `+` and up to 15 digits.
        case e164(String)
        /// A short internal extension, kept as digits.
        case internalExtension(String)
    }

    /// Normalizes to `+CCNNNN...`, or nil for an extension or something that is not a phone number.
    /// `areaCode`: the Argentine area a number written without one is in (`ArgentineLocalNumber`).
    public static func normalize(_ raw: String, defaultCountry: String = "54", areaCode: String? = nil) -> String? {
        if case .e164(let n) = read(raw, defaultCountry: defaultCountry, areaCode: areaCode) { return n }
        return nil
    }

    /// As `normalize`, with what is wrong when there is no number (`Problem`), for a person to fix: an
    /// internal extension is a problem here too, since it is no customer's number.
    public static func parse(_ raw: String, defaultCountry: String = "54", areaCode: String? = nil) -> Result<String, Problem> {
        switch dialled(raw) {
        case .failure(let problem): return .failure(problem)
        case .success(let dialled):
            switch ArgentineLocalNumber.number(dialled, areaCode: areaCode) ?? number(dialled, defaultCountry: defaultCountry) {
            case .e164(let n): return .success(n)
            case .internalExtension(let digits): return .failure(.internalExtension(digits))
            case nil: return .failure(problem(dialled))
            }
        }
    }

    /// Reads a number as written anywhere: `+54 9 11 5276-9999`, `011 15 5276-9999`, `(+56) 2-2928-8900`,
    /// `whatsapp:+549...`, `sip:2001@pbx`, `5491152769999`, `Cel. 011 15 5276-9999 (int. 23)`.
    public static func read(_ raw: String, defaultCountry: String = "54", areaCode: String? = nil) -> Number? {
        guard case .success(let dialled) = dialled(raw) else { return nil }
        return ArgentineLocalNumber.number(dialled, areaCode: areaCode) ?? number(dialled, defaultCountry: defaultCountry)
    }

    /// The number the digits make under the country rules below.
    static func number(_ dialled: Dialled, defaultCountry: String) -> Number? {
        let digits = dialled.digits
        if !dialled.hasPlus {
            if digits.count <= 6 { return .internalExtension(digits) }
            if digits.hasPrefix("0") {
                return domestic(String(digits.dropFirst()), defaultCountry: defaultCountry, isPrefixed: true)
            }
            if digits.hasPrefix("54"), digits.count >= 12 { return national(String(digits.dropFirst(2)), country: "54") }
            // 11 digits: today's Chilean numbers; 10: the numbers of before 2013 (no Argentine number
            // starts with 5, so these are no Argentine national numbers).
            if digits.hasPrefix("56"), digits.count == 11 || digits.count == 10 {
                return national(String(digits.dropFirst(2)), country: "56")
            }
            return domestic(digits, defaultCountry: defaultCountry, isPrefixed: false)
        }
        if digits.hasPrefix("54") { return national(String(digits.dropFirst(2)), country: "54") }
        if digits.hasPrefix("56") { return national(String(digits.dropFirst(2)), country: "56") }
        guard (8...15).contains(digits.count), !digits.hasPrefix("0") else { return nil }
        return .e164("+" + digits)
    }

    /// A number written without country code: the default country's; for Argentina and Chile, a number
    /// that cannot be one of the default country's but has the other's shape is the other's. The support
    /// lines of both countries take calls from both, and a PBX writes each caller in its local form:
    /// Chile's national numbers are 9 digits (`2 2928 8900`, `9 8765 4321`; `0` before them in the old
    /// trunk form), which no Argentine number is (10 digits, 11 with the mobile `9`, 12 with `15`).
    /// `isPrefixed`: the number was written after the trunk `0`, which tells Chile's 8-digit landlines of
    /// before 2013 (`02 234 5678`) from a local number without its area code (`4555 1234`).
    private static func domestic(_ number: String, defaultCountry: String, isPrefixed: Bool) -> Number? {
        switch defaultCountry {
        case "54": national(number, country: "54") ?? national(number, country: "56", isPrefixed: isPrefixed)
        case "56": national(number, country: "56", isPrefixed: isPrefixed) ?? national(number, country: "54")
        default: national(number, country: defaultCountry)
        }
    }

    private static func national(_ number: String, country: String, isPrefixed: Bool = true) -> Number? {
        var n = number
        if n.hasPrefix("0") { n.removeFirst() }
        switch country {
        case "54": return argentina(n)
        case "56": return isPrefixed && n.count == 8 ? chileBefore2013(n) : chile(n)
        default:
            let all = country + n
            guard (8...15).contains(all.count) else { return nil }
            return .e164("+" + all)
        }
    }

    /// Chile: 9-digit national numbers, never starting with 0 or 1 (`2` Santiago, `3x`–`7x` the regions,
    /// `9` mobiles), and the 10-digit `600` numbers companies answer on (`600 600 1234`).
    private static func chile(_ n: String) -> Number? {
        if n.count == 10, n.hasPrefix("600") { return .e164("+56" + n) }
        guard n.count == 9, let first = n.first, first != "0", first != "1" else { return nil }
        return .e164("+56" + n)
    }

    /// Argentina: 10-digit national numbers, `9` before the area for mobiles in international form,
    /// `15` after the area for mobiles in national form. The trunk `0` people keep after the `9`
    /// (`+54 9 011 5276-9999`, `+54 9 (0351) 15 ...`) is left out as it is after `+54`.
    static func argentina(_ number: String) -> Number? {
        var n = number
        if n.hasPrefix("90") { n.remove(at: n.index(after: n.startIndex)) }
        var mobile = false
        if n.count == 11, n.hasPrefix("9") {
            n.removeFirst()
            mobile = true
        } else if n.count == 13, n.hasPrefix("9") {
            n.removeFirst()
        }
        if n.count == 12, let stripped = removeMobilePrefix15(n) {
            n = stripped
            mobile = true
        }
        // National numbers start with 11, 2 or 3 (geographic) or 6/8 (0600/0800); `1` then anything but
        // `1` is a local mobile (`15 ...`) whose area code is missing; one starting with 4, 5, 7 or 9 is no
        // Argentine number (a foreign one written without its country code: `4830258576`, Florianópolis).
        guard n.count == 10, let first = n.first, "12368".contains(first) else { return nil }
        if n.hasPrefix("1"), !n.hasPrefix("11") { return nil }
        return .e164((mobile ? "+549" : "+54") + n)
    }

    /// `AREA 15 NUMBER` → `AREA NUMBER`, with the area 2 (`11`), 3 or 4 digits long.
    private static func removeMobilePrefix15(_ n: String) -> String? {
        let d = Array(n)
        for areaLength in 2...4 {
            if areaLength == 2 && !n.hasPrefix("11") { continue }
            if areaLength > 2 && n.hasPrefix("11") { continue }
            if d[areaLength] == "1" && d[areaLength + 1] == "5" {
                return String(d[0..<areaLength]) + String(d[(areaLength + 2)...])
            }
        }
        return nil
    }

    /// The forms the same line can take in a directory: for Argentina, with and without the mobile `9`.
    public static func lookupVariants(_ e164: String) -> [String] {
        if e164.hasPrefix("+549"), e164.count == 14 { return [e164, "+54" + e164.dropFirst(4)] }
        if e164.hasPrefix("+54"), e164.count == 13 { return [e164, "+549" + e164.dropFirst(3)] }
        return [e164]
    }
}
