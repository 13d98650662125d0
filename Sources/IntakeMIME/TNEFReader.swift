/// What is inside a `winmail.dat` (`application/ms-tnef`, MS-OXTNEF): Outlook and Exchange wrap a
/// rich-text mail's attachments, and sometimes its only body, in it for other Outlooks, so a customer's
/// PDF or request reaches anyone else hidden in a file nothing but Outlook opens.
///
/// A TNEF stream is a signature, a key and attributes (§2.1.3.1): a level byte (1 message, 2 attachment),
/// an id, a length, the data and a checksum, little-endian. Each attachment starts with `attAttachRendData`;
/// its `attAttachTitle` is the (often 8.3) filename, `attAttachData` the bytes, and `attAttachment` its
/// MAPI properties, with the long filename and MIME type (`MAPIPropertyList`). The body is in `attBody`
/// or in the message's MAPI properties (`attMsgProps`): plain (`PR_BODY`), compressed RTF
/// (`PR_RTF_COMPRESSED`) or HTML (`PR_BODY_HTML`, in the code page of `PR_INTERNET_CPID`). Strings are in
/// the code page of `attOemCodepage`. A malformed stream yields what was read up to the damage.
enum TNEFReader {
    struct File: Equatable {
        var filename: String?
        var contentType: String?
        var content: [UInt8]
        /// An attached message (`PR_ATTACH_DATA_OBJ` holding a TNEF stream of its own, MS-OXTNEF
        /// §2.1.3.3.1): what Outlook writes when a rich-text mail forwards another as an attachment.
        var message: Contents?
        /// `PR_DISPLAY_NAME`: what Outlook shows for an attached message, its subject.
        var displayName: String?
    }

    /// The message body in the forms the stream carries it.
    struct Body: Equatable {
        var plain: String?
        var rtf: [UInt8]?
        var html: String?

        /// The body as text, and whether it came from HTML: the plain body, else the RTF's text (or that of
        /// the HTML it encapsulates), else the HTML's. Nil when none has any.
        var text: (text: String, isHTML: Bool)? {
            if let plain, !plain.allSatisfy(\.isWhitespace) { return (plain, false) }
            if let body = rtf.flatMap(CompressedRTF.decompress).flatMap(RTFText.visibleText) { return body }
            if let html {
                let text = HTMLText.text(html)
                if !text.allSatisfy(\.isWhitespace) { return (text, true) }
            }
            return nil
        }
    }

    struct Contents: Equatable {
        var files: [File] = []
        var body = Body()
        var headers = MessageHeaders()
    }

    static let signature: [UInt8] = [0x78, 0x9F, 0x3E, 0x22]
    static let attBody: UInt32 = 0x0002_800C
    static let attMsgProps: UInt32 = 0x0006_9003
    static let attAttachRendData: UInt32 = 0x0006_9002
    static let attAttachTitle: UInt32 = 0x0001_8010
    static let attAttachData: UInt32 = 0x0006_800F
    static let attAttachment: UInt32 = 0x0006_9005
    static let attOemCodepage: UInt32 = 0x0006_9007
    static let attSubject: UInt32 = 0x0001_8004
    static let attFrom: UInt32 = 0x0000_8000
    static let attDateSent: UInt32 = 0x0003_8005

    static let prBody: UInt16 = 0x1000
    static let prRTFCompressed: UInt16 = 0x1009
    static let prBodyHTML: UInt16 = 0x1013
    static let prInternetCPID: UInt16 = 0x3FDE

    /// The attached files, in order, an attached message followed by its own (`attachedFiles`); empty when
    /// `bytes` is no TNEF stream or has none.
    static func files(_ bytes: [UInt8]) -> [File] { attachedFiles(contents(bytes).files) }

    /// How deep attached messages are read inside each other; deeper ones are kept as empty messages.
    static let maximumMessageDepth = 8

    static func contents<C: Collection>(_ bytes: C, depth: Int = 0) -> Contents where C.Element == UInt8 {
        var result = Contents()
        let bytes = Array(bytes)
        guard bytes.starts(with: signature) else { return result }
        var files: [File] = []
        var codePage = "cp1252"
        var i = 6
        while i + 9 <= bytes.count {
            let level = bytes[i]
            let id = uint32(bytes, i + 1)
            let length = Int(uint32(bytes, i + 5))
            let start = i + 9
            guard length <= bytes.count - start else { break }
            let data = bytes[start..<(start + length)]
            i = start + length + 2
            switch id {
            case attOemCodepage where length >= 4:
                codePage = RTFText.codePage(Int(uint32(bytes, start)))
            case attBody where level == 1:
                result.body.plain = string(data, codePage: codePage)
            case attMsgProps where level == 1:
                let properties = MAPIPropertyList.properties(Array(data))
                readBody(properties, codePage: codePage, into: &result.body)
                result.headers.read(properties, codePage: codePage)
            case attSubject where level == 1:
                result.headers.subject = result.headers.subject ?? string(data, codePage: codePage)
            case attFrom where level == 1:
                result.headers.readTriple(data, codePage: codePage)
            case attDateSent where level == 1:
                result.headers.sentAt = result.headers.sentAt ?? MessageHeaders.date(data)
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
                files[files.count - 1].displayName = properties.displayName
                if let stream = properties.embeddedMessage, depth < maximumMessageDepth {
                    files[files.count - 1].message = contents(stream, depth: depth + 1)
                }
            default:
                break
            }
        }
        result.files = files.filter { !$0.content.isEmpty || $0.filename != nil || $0.message != nil }
        return result
    }

    /// The body properties of the message's property list; a plain body already read from `attBody` stays.
    static func readBody(_ properties: [MAPIPropertyList.Property], codePage: String, into body: inout Body) {
        let cpid = properties.first { $0.id == prInternetCPID && $0.type == MAPIPropertyList.long && $0.value.count >= 4 }
        let htmlCodePage = cpid.map { RTFText.codePage(Int(uint32(Array($0.value), 0))) } ?? codePage
        for property in properties {
            switch property.id {
            case prBody where body.plain == nil:
                body.plain = MAPIPropertyList.string(property, codePage: codePage)
            case prRTFCompressed where property.type == MAPIPropertyList.binary:
                body.rtf = Array(property.value)
            case prBodyHTML where property.type == MAPIPropertyList.binary:
                var ignored: [String] = []
                let html = Charset.decode(property.value.prefix { $0 != 0 }, label: htmlCodePage, warnings: &ignored)
                body.html = html.isEmpty ? nil : html
            case prBodyHTML:
                body.html = MAPIPropertyList.string(property, codePage: codePage)
            default:
                break
            }
        }
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
