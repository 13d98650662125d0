/// One node of a message's MIME tree. A multipart has `children` (its body parts, preamble and epilogue
/// dropped); an encapsulated `message/rfc822` has its decoded bytes in `content` and, parsed, its root
/// part as the one child, and so has an opaque S/MIME signature its signed entity; any other part is a
/// leaf with its decoded `content`.
public struct MIMEPart: Sendable {
    public var headers: MIMEHeaders
    public var contentType: ContentType
    public var disposition: ContentDisposition?
    public var transferEncoding: TransferEncoding
    /// The body with its transfer encoding removed (charset not applied). Empty for multiparts.
    public var content: [UInt8]
    public var children: [MIMEPart]

    public init(
        headers: MIMEHeaders, contentType: ContentType, disposition: ContentDisposition? = nil,
        transferEncoding: TransferEncoding = .sevenBit, content: [UInt8] = [], children: [MIMEPart] = []
    ) {
        self.headers = headers
        self.contentType = contentType
        self.disposition = disposition
        self.transferEncoding = transferEncoding
        self.content = content
        self.children = children
    }

    /// `Content-ID` without its angle brackets.
    public var contentID: String? {
        guard let raw = headers["Content-ID"] else { return nil }
        let id = MessageIDList.parse(raw).first ?? raw.trimmingSpaces()
        return id.isEmpty ? nil : id
    }

    /// The decoded filename (`Content-Disposition` filename, else `Content-Type` name: an empty
    /// `filename=""` does not hide the name), without any directory a sender's client left in it, and
    /// without control characters or bidirectional formatting characters: a right-to-left override makes
    /// `factura\u{202E}fdp.exe` show as `facturaexe.pdf`, a spoof malware sent to help desks uses.
    public var filename: String? {
        for candidate in [disposition?.filename, contentType.name] {
            guard var name = candidate.map(Self.displayable) else { continue }
            if let slash = name.lastIndex(where: { $0 == "/" || $0 == "\\" }) { name = String(name[name.index(after: slash)...]) }
            name = name.trimmingSpaces()
            if !name.isEmpty { return name }
        }
        return nil
    }

    /// The text without C0 and C1 controls and bidirectional formatting characters (Unicode UAX #9).
    static func displayable(_ text: String) -> String {
        let hidden: Set<UInt32> = [
            0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
        ]
        let kept = text.unicodeScalars.filter { scalar in
            let v = scalar.value
            return v >= 0x20 && !(0x7F...0x9F).contains(v) && !hidden.contains(v)
        }
        return String(String.UnicodeScalarView(kept))
    }

    public var isMultipart: Bool { contentType.isMultipart && !children.isEmpty }

    /// Outlook's winmail.dat (`application/ms-tnef`, or by its name when sent as `application/octet-stream`).
    public var isTNEF: Bool {
        ["application/ms-tnef", "application/vnd.ms-tnef"].contains(contentType.mimeType)
            || filename?.lowercased() == "winmail.dat"
    }

    /// The entity an opaque S/MIME signature wraps (`smime-type=signed-data`), read like the body itself.
    public var signedEntity: MIMEPart? { contentType.isPKCS7MIME ? children.first : nil }

    /// A body that cannot be read without the recipient's private key: S/MIME enveloped data (RFC 8551
    /// §3.3; a `pkcs7-mime` without `smime-type` that holds no signed entity is taken for one) or PGP/MIME
    /// (`multipart/encrypted`, RFC 3156 §4).
    public var isEncrypted: Bool {
        if contentType.mimeType == "multipart/encrypted" { return true }
        guard contentType.isPKCS7MIME else { return false }
        switch contentType.parameters["smime-type"]?.lowercased() {
        case "enveloped-data", "authenveloped-data": return true
        case nil: return children.isEmpty
        default: return false
        }
    }

    /// A text/plain, text/html or text/enriched (RFC 1896) part meant as the message's body, not a file.
    public var isBodyText: Bool {
        contentType.type == "text" && ["plain", "html", "enriched"].contains(contentType.subtype)
            && disposition?.isAttachment != true && filename == nil
    }

    /// The content as text in its declared charset (decoding problems go to `warnings`), a
    /// `format=flowed` text unwrapped (RFC 3676, see `FormatFlowed`). HTML without a `charset` parameter
    /// is read in the charset its `<meta>` declares (`HTMLCharset`).
    public func text(warnings: inout [String]) -> String {
        let start = String(decoding: content.prefix(64), as: UTF8.self)
        let isHTML = contentType.subtype == "html" || MIMEMessage.isHTMLDocument(start)
        let label = contentType.charset ?? (isHTML ? HTMLCharset.declared(content) : nil)
        let text = Charset.decode(content, label: label, warnings: &warnings)
        let flowed = FormatFlowed.parameters(of: contentType)
        return flowed.isFlowed ? FormatFlowed.unwrap(text, deleteSpace: flowed.deleteSpace) : text
    }

    /// Every part of this message in depth-first order, this one first, without those inside an
    /// encapsulated message: they are that message's (a forwarded encrypted mail does not make this one so).
    public var ownParts: [MIMEPart] {
        var out: [MIMEPart] = [self]
        guard !contentType.isMessage else { return out }
        for child in children { out.append(contentsOf: child.ownParts) }
        return out
    }

    /// Every part in depth-first order, this one first (encapsulated messages included).
    public var allParts: [MIMEPart] {
        var out: [MIMEPart] = [self]
        for child in children { out.append(contentsOf: child.allParts) }
        return out
    }
}
