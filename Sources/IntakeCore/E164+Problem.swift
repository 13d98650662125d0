extension E164 {
    /// Why a written number is not one a customer can be found by, said so a person can fix the entry
    /// (`intake customers check`). Each description is a predicate: "`011 15...` ..." + it.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case empty
        /// Words that are neither a label before the number (`Tel.`) nor an extension after it (`int. 23`).
        case words
        case character(Character)
        case plusInside
        /// Only zeros: what a carrier sends for a withheld number.
        case zeros
        /// `+` (or `00`) and then `0`: no country code starts with 0.
        case noCountryCode
        case internalExtension(String)
        /// `15 5276-9999`: Argentina's mobile prefix with no area code before it.
        case mobileWithoutArea
        /// 7 or 8 digits with no country or area code: a local number.
        case localWithoutArea(digits: Int)
        /// `+54` followed by a national number that is not 10 digits long (11 with the mobile `9`, 12 with `15`).
        case argentineLength(digits: Int)
        /// `+54` and 10 digits whose area code cannot be (`+54 12 ...`).
        case argentineArea
        /// `+56` and 8 digits: the numbering Chile replaced between 2012 and 2016.
        case oldChileanNumber
        case chileanLength(digits: Int)
        case internationalLength(digits: Int)
        /// Digits without a country code that fit neither country's numbers.
        case unknownShape(digits: Int)

        public var description: String {
            switch self {
            case .empty: "has no digits"
            case .words: "has words that are neither a label (Tel., Cel.) nor an extension (int. 23, ext. 45, anexo 105)"
            case .character(let c): "has `\(c)`, which no phone number has"
            case .plusInside: "has a `+` after its first digits"
            case .zeros: "is only zeros, what a carrier sends for a withheld number"
            case .noCountryCode: "has 0 after + (or 00), and no country code starts with 0"
            case .internalExtension(let digits): "is the internal extension \(digits), not a customer's number"
            case .mobileWithoutArea:
                "starts with 15, the mobile prefix dialled after an area code: write the area code too (011 15 5276-9999, or +54 9 11 5276-9999)"
            case .localWithoutArea(let n):
                "has \(n) digits: a local number without its area code (Argentina: 011 4555-1234 or +54 11 4555-1234; Chile: +56 2 2928 8900)"
            case .argentineLength(let n):
                "has \(n) digits after +54, and Argentine numbers have 10 (area code and number), 11 with the mobile 9, 12 with 15 after the area code"
                    + (n > 13 ? "; more than one number? one per entry" : "")
            case .argentineArea: "has no Argentine area code after +54 (they start with 11, 2 or 3; service numbers with 800, 810 or 600)"
            case .oldChileanNumber:
                "has 8 digits after +56, Chile's numbering before 2013: landlines now have a 2 after the area code (+56 2 2XXX XXXX, +56 65 2XX XXXX), mobiles a 9 before the number (+56 9 XXXX XXXX); write the number as it is today"
            case .chileanLength(let n): "has \(n) digits after +56, and Chilean numbers have 9 (10 for 600 numbers)"
            case .internationalLength(let n): "has \(n) digits, and numbers with a country code have 8 to 15"
            case .unknownShape(let n):
                "has \(n) digits and no country code, which fits neither an Argentine number (10 digits with the area code, 11 with the mobile 9, 12 with 15) nor a Chilean one (9): write it with + and the country code"
            }
        }
    }

    /// Why digits that read as no number are none.
    static func problem(_ dialled: Dialled) -> Problem {
        var digits = Substring(dialled.digits)
        guard dialled.hasPlus || digits.hasPrefix("54") || digits.hasPrefix("56") else {
            if digits.hasPrefix("0") { digits = digits.dropFirst() }
            if digits.hasPrefix("15") { return .mobileWithoutArea }
            return digits.count <= 8 ? .localWithoutArea(digits: digits.count) : .unknownShape(digits: digits.count)
        }
        let country = digits.prefix(2)
        if dialled.hasPlus, digits.hasPrefix("0") { return .noCountryCode }
        guard country == "54" || country == "56" else { return .internationalLength(digits: digits.count) }
        var national = digits.dropFirst(2)
        if national.hasPrefix("0") { national = national.dropFirst() }
        if country == "56" { return national.count == 8 ? .oldChileanNumber : .chileanLength(digits: national.count) }
        let afterNine = national.hasPrefix("9") ? national.dropFirst() : national
        if national.hasPrefix("15") || afterNine.hasPrefix("15") { return .mobileWithoutArea }
        return national.count == 10 ? .argentineArea : .argentineLength(digits: national.count)
    }
}
