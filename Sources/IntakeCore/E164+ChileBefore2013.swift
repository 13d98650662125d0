extension E164 {
    /// Chile's area codes of the landline numbering before 2013: Santiago's `2` and the regions' two digits
    /// (SUBTEL's renumbering schedule, ITU Operational Bulletin, communication of 2.VII.2014).
    private static let chileanAreaCodes: Set<String> = [
        "32", "33", "34", "35", "41", "42", "43", "45", "51", "52", "53", "55", "57", "58", "61", "63", "64",
        "65", "67", "71", "72", "73", "75",
    ]

    /// A Chilean landline of before 2013 as today's number. Between 2012 and 2013 every landline got a `2`
    /// between its area code and its number (`+56 2 234 5678` became `+56 2 2234 5678`, `+56 65 350009`
    /// `+56 65 2350009`), so the 8 national digits an old directory entry or an old PBX's dialplan writes
    /// are one number today. Only after `+56` or the trunk `0`: a mobile then was `09` and 8 digits, as
    /// today's `+56 9`, so 8 digits after a prefix were always a landline; 8 bare digits are a local number
    /// of either country. Nil when the digits start with no area code.
    static func chileBefore2013(_ n: String) -> Number? {
        guard n.count == 8, n.allSatisfy(\.isASCIIDigit) else { return nil }
        if n.hasPrefix("2") { return .e164("+5622" + n.dropFirst()) }
        let area = String(n.prefix(2))
        guard chileanAreaCodes.contains(area) else { return nil }
        return .e164("+56" + area + "2" + n.dropFirst(2))
    }
}
