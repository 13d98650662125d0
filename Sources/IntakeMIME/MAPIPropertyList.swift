/// A MAPI property list inside a TNEF attribute (MS-OXTNEF §2.1.3.4): a count, then each property's type
/// and id (a named property adds a GUID and a number or name), then its value(s): fixed-size values padded
/// to 4 bytes; strings, binaries and objects as a count of values, each with its length and padding;
/// multi-valued properties (type flag 0x1000) as a count of values. An unknown type ends the reading,
/// keeping what was found.
enum MAPIPropertyList {
    /// One property's first value, as stored (a string with its terminating NUL).
    struct Property: Equatable {
        var id: UInt16
        var type: UInt16
        var value: ArraySlice<UInt8>
    }

    struct AttachmentProperties: Equatable {
        var longFilename: String?
        var mimeType: String?
        var displayName: String?
        /// The TNEF stream of an attached message: `PR_ATTACH_DATA_OBJ`'s value after the 16-byte interface
        /// id that starts every object value, when it is one (an embedded OLE object is a storage instead).
        var embeddedMessage: ArraySlice<UInt8>?
    }

    static let attachLongFilename: UInt16 = 0x3707
    static let attachMimeTag: UInt16 = 0x370E
    static let displayName: UInt16 = 0x3001
    static let attachDataObject: UInt16 = 0x3701
    static let object: UInt16 = 0x000D
    static let string8: UInt16 = 0x001E
    static let unicode: UInt16 = 0x001F
    static let binary: UInt16 = 0x0102
    static let long: UInt16 = 0x0003

    static func attachmentProperties(_ b: [UInt8], codePage: String) -> AttachmentProperties {
        var result = AttachmentProperties()
        for property in properties(b) {
            if property.id == attachDataObject, property.type == object,
               property.value.dropFirst(16).starts(with: TNEFReader.signature)
            {
                result.embeddedMessage = property.value.dropFirst(16)
            }
            guard let text = string(property, codePage: codePage) else { continue }
            switch property.id {
            case attachLongFilename: result.longFilename = text
            case attachMimeTag: result.mimeType = text.lowercased()
            case displayName: result.displayName = text
            default: break
            }
        }
        return result
    }

    /// Every property with its first value, in order. A named property (id 0x8000 and up) keeps its id,
    /// which means something only with its GUID; the ids callers look up are the fixed ones below it.
    static func properties(_ b: [UInt8]) -> [Property] {
        var found: [Property] = []
        guard b.count >= 4 else { return found }
        let count = Int(TNEFReader.uint32(b, 0))
        var i = 4
        for _ in 0..<min(count, 10_000) {
            guard i + 4 <= b.count else { break }
            let type = UInt16(b[i]) | UInt16(b[i + 1]) << 8
            let id = UInt16(b[i + 2]) | UInt16(b[i + 3]) << 8
            i += 4
            if id >= 0x8000 {
                guard i + 24 <= b.count else { break }
                let isName = TNEFReader.uint32(b, i + 16) == 1
                i += 20
                i += isName ? 4 + padded(Int(TNEFReader.uint32(b, i))) : 4
            }
            let base = type & 0x0FFF
            let isVariable = [string8, unicode, binary, object].contains(base)
            guard isVariable || fixedSize(base) != nil else { break }
            var values = 1
            if type & 0x1000 != 0 || isVariable {
                guard i + 4 <= b.count else { break }
                values = min(Int(TNEFReader.uint32(b, i)), b.count)
                i += 4
            }
            for index in 0..<values {
                guard i + 4 <= b.count else { return found }
                let length = isVariable ? Int(TNEFReader.uint32(b, i)) : fixedSize(base) ?? 0
                if isVariable { i += 4 }
                guard length <= b.count - i else { return found }
                if index == 0 { found.append(Property(id: id, type: base, value: b[i..<(i + length)])) }
                i += isVariable ? padded(length) : length
            }
        }
        return found
    }

    /// The size a fixed-size value takes, padded to 4 bytes; nil for a type not read here.
    static func fixedSize(_ type: UInt16) -> Int? {
        switch type {
        case 0x0001, 0x0002, 0x0003, 0x0004, 0x000A, 0x000B: 4
        case 0x0005, 0x0006, 0x0007, 0x0014, 0x0040: 8
        case 0x0048: 16
        default: nil
        }
    }

    /// A string value: UTF-16LE or the code page, without its terminating NUL; nil for other types.
    static func string(_ property: Property, codePage: String) -> String? {
        var ignored: [String] = []
        let text: String
        switch property.type {
        case unicode: text = Charset.decode(property.value, label: "utf-16le", warnings: &ignored)
        case string8: text = Charset.decode(property.value, label: codePage, warnings: &ignored)
        default: return nil
        }
        let trimmed = String(text.prefix { $0 != "\u{0}" }).trimmingSpaces()
        return trimmed.isEmpty ? nil : trimmed
    }

    static func padded(_ length: Int) -> Int { (length + 3) / 4 * 4 }
}
