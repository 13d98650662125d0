/// A file carried by a message: every leaf that is not body text, and each encapsulated message whole.
public struct MIMEAttachment: Sendable, Equatable {
    public var filename: String?
    /// `type/subtype`, lowercased, without parameters.
    public var contentType: String
    public var contentID: String?
    /// Shown in the body rather than offered as a file: `Content-Disposition: inline` with a
    /// `Content-ID`, or a part of a multipart/related (RFC 2387) that is not marked as an attachment.
    public var isInline: Bool
    public var content: [UInt8]
}

/// What a reader wants from a message: its text and its files.
public struct MessageContent: Sendable, Equatable {
    /// The body as plain text, line ends as `\n`; nil when there is no text part (or it is empty).
    public var text: String?
    /// True when the text came from an HTML part (no text/plain alternative).
    public var isFromHTML: Bool
    /// True when some part is encrypted (`MIMEPart.isEncrypted`): the text, if any, is not all of it.
    public var isEncrypted: Bool
    public var attachments: [MIMEAttachment]
    public var warnings: [String]
}

extension MIMEMessage {
    /// The body text (text/plain preferred, first in multipart/alternative order, unless it only says to read
    /// the HTML, `HTMLPlaceholder`; else the HTML's visible text or a text/enriched body's, `EnrichedText`;
    /// inside an opaque S/MIME signature, the signed
    /// entity's; with none, a winmail.dat's, else an RTF body's, else a named text part's, else a forwarded
    /// message's, one in a winmail.dat last; an inline PGP signature's armor removed, `PGPCleartext`) and
    /// the attachments (the signed entity's, then an opaque signature itself, not a detached one,
    /// `isDetachedSignature`; files uuencoded into the text last,
    /// taken out of it, `UUEncodedText`).
    ///
    /// `returnsOriginal`: the mail returns a message rather than forwarding one (a mail system's bounce of
    /// before RFC 3464, which the caller knows by its sender); a multipart/report (RFC 6522) always does.
    /// The returned message is the one that bounced or was read, so it is never the text: such a mail
    /// with no text part has none, even when it explains itself in the multipart's preamble, which
    /// RFC 2046 §5.1.1 says to ignore.
    public func content(returnsOriginal: Bool = false) -> MessageContent {
        var warnings: [String] = []
        var fromHTML = false
        var raw = Self.text(of: root, fromHTML: &fromHTML, warnings: &warnings)
        if raw.map(Self.normalizeLines)?.isEmpty ?? true {
            if let tnef = Self.tnefText(root, fromHTML: &fromHTML) {
                warnings.append("no text part: the text is that of the winmail.dat (Outlook rich text)")
                raw = tnef
            } else if let rtf = Self.rtfText(root, fromHTML: &fromHTML) {
                warnings.append("no text part: the text is that of the RTF body")
                raw = rtf
            } else if let named = Self.namedText(root, fromHTML: &fromHTML, warnings: &warnings) {
                warnings.append("no unnamed text part: the text is that of \(named.filename)")
                raw = named.text
            } else if returnsOriginal || root.contentType.mimeType == "multipart/report" {
                warnings.append("no text of its own: a message it returns is not its text")
            } else if let forwarded = Self.forwardedText(root, fromHTML: &fromHTML, warnings: &warnings) {
                warnings.append("no text of its own: the text is that of the forwarded message")
                raw = forwarded
            } else if let forwarded = Self.tnefForwardedText(root, fromHTML: &fromHTML, warnings: &warnings) {
                warnings.append("no text of its own: the text is that of the message forwarded in the winmail.dat")
                raw = forwarded
            }
        }
        if let signed = raw.flatMap(PGPCleartext.unwrap) {
            warnings.append("inline PGP signature removed from the text (not verified)")
            raw = signed
        }
        var text = raw.map(Self.normalizeLines).flatMap { $0.isEmpty ? nil : $0 }
        if raw?.utf8.contains(0) == true { warnings.append("NUL characters removed from the text") }
        var attachments: [MIMEAttachment] = []
        Self.collectAttachments(root, inside: nil, into: &attachments)
        if let uuencoded = text.map(UUEncodedText.extract), !uuencoded.files.isEmpty {
            let rest = Self.normalizeLines(uuencoded.text)
            text = rest.isEmpty ? nil : rest
            attachments += uuencoded.files.map { file in
                MIMEAttachment(
                    filename: file.filename,
                    contentType: FileExtensionType.mediaType(forFilename: file.filename) ?? "application/octet-stream",
                    contentID: nil, isInline: false, content: file.content)
            }
        }
        let ownParts = root.ownParts
        warnings.append(contentsOf: ownParts.compactMap(Self.missingContent))
        let isEncrypted = ownParts.contains(where: \.isEncrypted)
        if isEncrypted {
            warnings.append(
                "encrypted message (S/MIME or PGP/MIME): its text cannot be read without the recipient's private key; "
                    + "kept as an attachment")
        }
        return MessageContent(
            text: text, isFromHTML: text != nil && fromHTML, isEncrypted: isEncrypted, attachments: attachments,
            warnings: warnings)
    }

    static func text(of part: MIMEPart, fromHTML: inout Bool, warnings: inout [String]) -> String? {
        if part.contentType.isMessage { return nil }
        if let signed = part.signedEntity { return Self.text(of: signed, fromHTML: &fromHTML, warnings: &warnings) }
        guard part.isMultipart else {
            guard part.isBodyText else { return nil }
            let text = part.text(warnings: &warnings)
            if part.contentType.subtype == "enriched" { return EnrichedText.text(text) }
            let isHTML = part.contentType.subtype == "html"
            if isHTML || isHTMLDocument(text) {
                if !isHTML { warnings.append("text/plain body is an HTML document, read as HTML") }
                fromHTML = true
                return HTMLText.text(text)
            }
            return text
        }
        switch part.contentType.subtype {
        case "alternative":
            for child in part.children where child.isBodyText && child.contentType.subtype == "plain" {
                let text = child.text(warnings: &warnings)
                if HTMLPlaceholder.isPlaceholder(text) {
                    let placeholder = text.trimmingSpaces().prefix(60)
                    warnings.append("the text/plain alternative only says to read the HTML one (\"\(placeholder)\")")
                    continue
                }
                if !text.allSatisfy(\.isWhitespace) { return text }
            }
            for child in part.children.reversed() {
                var html = false
                if let text = Self.text(of: child, fromHTML: &html, warnings: &warnings), !text.allSatisfy(\.isWhitespace) {
                    fromHTML = html
                    return text
                }
            }
            return nil
        case "related":
            if isMMS(part) {
                let texts = part.children.filter(isMMSText).map { $0.text(warnings: &warnings) }
                    .filter { !$0.allSatisfy(\.isWhitespace) }
                return texts.isEmpty ? nil : texts.joined(separator: "\n")
            }
            return Self.text(of: relatedRoot(part), fromHTML: &fromHTML, warnings: &warnings)
        case "report", "signed", "encrypted":
            return Self.text(of: part.children[0], fromHTML: &fromHTML, warnings: &warnings)
        default:
            let texts = part.children.compactMap { Self.text(of: $0, fromHTML: &fromHTML, warnings: &warnings) }
                .filter { !$0.allSatisfy(\.isWhitespace) }
            return texts.isEmpty ? nil : texts.joined(separator: "\n")
        }
    }

    /// Whether plain text is an HTML page: PHP's mail() with no Content-Type (web forms, shop plugins) sends
    /// one as text/plain, the default of RFC 2045 §5.2. Only a text that starts as a document does
    /// (`<!DOCTYPE html`, `<html`), so text that merely holds markup stays as written.
    static func isHTMLDocument(_ text: String) -> Bool {
        let start = text.drop { $0.isWhitespace }.prefix(15).lowercased()
        return start.hasPrefix("<!doctype html") || start.hasPrefix("<html>") || start.hasPrefix("<html ")
    }

    /// The root of a multipart/related (RFC 2387 §3.2): the part its `start` names, else the first.
    static func relatedRoot(_ related: MIMEPart) -> MIMEPart {
        let start = related.contentType.parameters["start"].flatMap { MessageIDList.parse($0).first }
        return related.children.first { start != nil && $0.contentID == start } ?? related.children[0]
    }

    /// Whether a part is an MMS forwarded to mail by a carrier's gateway (OMA MMS encapsulation): a
    /// multipart/related whose root is a SMIL layout. Its text is in text/plain parts named like files
    /// (`text_0.txt`), which are the message's text and no attachments (`isMMSText`).
    static func isMMS(_ part: MIMEPart) -> Bool {
        part.isMultipart && part.contentType.subtype == "related"
            && relatedRoot(part).contentType.mimeType == "application/smil"
    }

    static func isMMSText(_ part: MIMEPart) -> Bool {
        part.contentType.mimeType == "text/plain" && part.disposition?.isAttachment != true
    }

    /// What is missing when a part's content is not in the mail: a fragment of a message the sender's client
    /// split (message/partial, RFC 2046 §5.2.2: Outlook Express's "break apart messages larger than"), or a
    /// file kept elsewhere (message/external-body, §5.2.3). Both stay attachments; the warning says so.
    static func missingContent(_ part: MIMEPart) -> String? {
        let parameters = part.contentType.parameters
        switch part.contentType.mimeType {
        case "message/partial":
            let number = parameters["number"] ?? "?"
            let total = parameters["total"] ?? "?"
            return "part \(number) of \(total) of a message split by the sender's mail client (message/partial): "
                + "the parts are not joined"
        case "message/external-body":
            let access = parameters["access-type"] ?? "unknown"
            let location = parameters["url"] ?? parameters["name"] ?? "no location given"
            return "a file not in the mail (message/external-body, access-type \(access)): \(location)"
        default:
            return nil
        }
    }

    /// Every leaf that is not body text, in order, a winmail.dat followed by the files inside it
    /// (`TNEFReader.files`, a message attached in it as message/rfc822 followed by its files; a file with
    /// no MIME type typed by its extension, `FileExtensionType`). `inside` is the subtype of the enclosing
    /// multipart: in a multipart/alternative the other text renderings of the body (text/watch-html,
    /// text/x-amp-html, text/enriched: RFC 2046 §5.1.4, the same content) are no files, but a text/calendar
    /// invitation is.
    static func collectAttachments(_ part: MIMEPart, inside: String?, into out: inout [MIMEAttachment]) {
        if part.isMultipart {
            let isMMS = isMMS(part)
            for child in part.children where !(isMMS && isMMSText(child)) && !isDetachedSignature(child, inside: part.contentType.subtype) {
                collectAttachments(child, inside: part.contentType.subtype, into: &out)
            }
            return
        }
        if let signed = part.signedEntity { collectAttachments(signed, inside: nil, into: &out) }
        if part.isBodyText || isAppleDoubleHeader(part, inside: inside) { return }
        if inside == "alternative", part.contentType.isText, part.contentType.subtype != "calendar",
           part.disposition?.isAttachment != true, part.filename == nil
        {
            return
        }
        let contentID = part.contentID
        let isInline = part.disposition?.isAttachment != true
            && ((part.disposition?.isInline == true && contentID != nil) || inside == "related")
        out.append(MIMEAttachment(
            filename: part.filename, contentType: part.contentType.mimeType, contentID: contentID, isInline: isInline,
            content: part.content))
        guard part.isTNEF else { return }
        for file in TNEFReader.files(part.content) {
            out.append(MIMEAttachment(
                filename: file.filename,
                contentType: file.contentType ?? FileExtensionType.mediaType(forFilename: file.filename) ?? "application/octet-stream",
                contentID: nil,
                isInline: false, content: file.content))
        }
    }

    /// The signature of a multipart/signed (RFC 1847 §2.1: its second part, the control information;
    /// S/MIME's `smime.p7s`, RFC 8551 §3.5.3; OpenPGP's `signature.asc`, RFC 3156 §5): a check of the
    /// body, not a file the sender sent. A customer whose mailer signs every mail had an `smime.p7s` on
    /// every ticket.
    static func isDetachedSignature(_ part: MIMEPart, inside: String?) -> Bool {
        inside == "signed" && ["application/pkcs7-signature", "application/x-pkcs7-signature", "application/pgp-signature"]
            .contains(part.contentType.mimeType)
    }

    /// The first half of a Macintosh file sent as multipart/appledouble (RFC 1740 §4): its resource fork
    /// and Finder information, which no other system opens. The file is the part after it; Eudora and
    /// classic Mac mailers sent every attachment so.
    static func isAppleDoubleHeader(_ part: MIMEPart, inside: String?) -> Bool {
        inside == "appledouble" && part.contentType.mimeType == "application/applefile"
    }

    /// CRLF, CR CR LF and lone CR become LF; NULs go; trailing whitespace at the end and blank lines at the
    /// start go. CR CR LF is one line end: what a script on Windows writes when its CRLF text passes through
    /// something that turns each LF into CRLF again (PHP's mail(), a quoted-printable `=0D` before the line
    /// end), and what clients show as one. A NUL (the MAPI string terminator Outlook and Notes converters
    /// leak) is no text, and desks that store text in PostgreSQL refuse it.
    static func normalizeLines(_ text: String) -> String {
        let input = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(input.count)
        var i = 0
        while i < input.count {
            let b = input[i]
            i += 1
            switch b {
            case 0x00:
                continue
            case 0x0D:
                if i + 1 < input.count, input[i] == 0x0D, input[i + 1] == 0x0A { continue }
                if i < input.count, input[i] == 0x0A { i += 1 }
                bytes.append(0x0A)
            default:
                bytes.append(b)
            }
        }
        while let last = bytes.last, last == 0x0A || last == 0x20 || last == 0x09 { bytes.removeLast() }
        var start = 0
        var k = 0
        while k < bytes.count, bytes[k] == 0x20 || bytes[k] == 0x09 || bytes[k] == 0x0A {
            if bytes[k] == 0x0A { start = k + 1 }
            k += 1
        }
        return String(decoding: bytes[start...], as: UTF8.self)
    }
}
