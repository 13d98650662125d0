extension E164 {
    /// An Argentine number written as it is dialled inside its area, without the area code (`4321-5000`
    /// in Buenos Aires, `422-7000` in Córdoba, `15 5276-9999` for a mobile), read with the area it is
    /// in. Argentine national numbers are 10 digits, area code and subscriber together (ENACOM's
    /// numbering plan), so the area tells how many digits the local number has: 8 after `11`, 7 after a
    /// 3-digit area, 6 after a 4-digit one. The area is a customer's (`area_code` in the directory, for
    /// the numbers written there) or the PBX line's (`phone.local_area_code`: an exchange sends a caller
    /// of the line's own area as dialled there, and a call can only be local to the line it reached).
    enum ArgentineLocalNumber {
        /// The number, or nil when there is no area code, the number has a `+` or trunk `0`, its length
        /// does not make 10 digits with the area, or it starts with a `1` that is not the mobile `15` (no
        /// subscriber number does). An extension is shorter than any area's subscriber numbers but a
        /// 4-digit area's 6, which a PBX's extensions do not reach.
        static func number(_ dialled: Dialled, areaCode: String?) -> Number? {
            guard let area = areaCode, !dialled.hasPlus, !dialled.digits.hasPrefix("0") else { return nil }
            let digits = dialled.digits
            guard digits.hasPrefix("15") || !digits.hasPrefix("1") else { return nil }
            if digits.hasPrefix("15"), area.count + digits.count - 2 == 10 { return .e164("+549" + area + digits.dropFirst(2)) }
            guard area.count + digits.count == 10 else { return nil }
            return .e164("+54" + area + digits)
        }
    }

    /// An Argentine area code as written (`11`, `011`, `351`, `(0351)`), as its digits without the trunk
    /// `0`; nil for anything that is none: 2 to 4 digits starting with `11` (Buenos Aires, the only
    /// 2-digit area), `2` or `3`.
    public static func argentineAreaCode(_ written: String) -> String? {
        var digits = written.filter { !" ()-".contains($0) }
        if digits.hasPrefix("0") { digits.removeFirst() }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), (2...4).contains(digits.count) else { return nil }
        if digits.count == 2 { return digits == "11" ? digits : nil }
        return digits.hasPrefix("2") || digits.hasPrefix("3") ? digits : nil
    }
}
