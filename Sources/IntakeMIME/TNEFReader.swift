/// The files inside a `winmail.dat` (`application/ms-tnef`, MS-OXTNEF): Outlook and Exchange wrap a rich-text
/// mail's attachments in it for other Outlooks, so a customer's PDF reaches anyone else hidden in a file
/// nothing but Outlook opens.
///
/// A TNEF stream is a signature, a key and attributes (§2.1.3.1): a level byte (1 message, 2 attachment),
/// an id, a length, the data and a checksum, little-endian. Each attachment starts with `attAttachRendData`;
/// its `attAttachTitle` is the (often 8.3) filename, `attAttachData` the bytes, and `attAttachment` its
/// MAPI properties, with the long filename and MIME type (`MAPIPropertyList`). Strings are in the code
/// page of `attOemCodepage`. A malformed stream yields the files read up to the damage.
enum TNEFReader {
    struct File: Equatable {
        var filename: String?
        var contentType: String?
        var content: [UInt8]
    }

    static let signature: [UInt8] = [0x78, 0x9F, 0x3E, 0x22]
    static let attAttachRendData: UInt32 = 0x0006_9002
    static let attAttachTitle: UInt32 = 0x0001_8010
    static let attAttachData: UInt32 = 0x0006_800F
    static let attAttachment: UInt32 = 0x0006_9005
    static let attOemCodepage: UInt32 = 0x0006_9007

    /// The attached files, in order; empty when `bytes` is no TNEF stream or has none.
    static func files(_ bytes: [UInt8]) -> [File] {
        guard bytes.starts(with: signature) else { return [] }
        var files: [File] = []
        var codePage = "cp1252"
        var i = 6
        while i + 9 <= bytes.count {
            let id = uint32(bytes, i + 1)
            let length = Int(uint32(bytes, i + 5))
            let start = i + 9
            guard length <= bytes.count - start else { break }
            let data = bytes[start..<(start + length)]
            i = start + length + 2
            switch id {
            case attOemCodepage where length >= 4:
                let number = uint32(bytes, start)
                codePage = number == 65001 ? "utf-8" : "cp\(number)"
            case attAttachRendData:
                files.append(File(content: []))
            case attAttachTitle where !files.isEmpty:
                files[files.count - 1].filename = string(data, codePage: codePage)
            case attAttachData where !files.isEmpty:
                files[files.count - 1].content = Array(data)
            case attAttachment where !files.isEmpty:
                let properties = MAPIPropertyList.attachmentProperties(Array(data), codePage: codePage)
                if let name = properties.longFilename { files[files.count - 1].filename = name }
                if let type = properties.mimeType { files[files.count - 1].contentType = type }
            default:
                break
            }
        }
        return files.filter { !$0.content.isEmpty || $0.filename != nil }
    }

    /// A NUL-terminated string in the stream's code page; nil when empty.
    static func string(_ data: ArraySlice<UInt8>, codePage: String) -> String? {
        var ignored: [String] = []
        let text = Charset.decode(data.prefix { $0 != 0 }, label: codePage, warnings: &ignored).trimmingSpaces()
        return text.isEmpty ? nil : text
    }

    static func uint32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }
}
