/// What an `application/pkcs7-mime` body (S/MIME, RFC 8551 §3.2) holds: a CMS ContentInfo (RFC 5652 §3).
///
/// Opaque signed mail (`smime-type=signed-data`: Outlook when "send clear text signed message" is off,
/// signing certificates of public agencies) carries the signed MIME entity inside the SignedData's
/// encapsulated content (§5.2), readable without any key. Enveloped (encrypted) data needs the
/// recipient's private key.
enum CMSContentInfo: Equatable {
    /// The encapsulated content of SignedData: the MIME entity that was signed.
    case signed(content: [UInt8])
    case encrypted
    /// Anything else: certificates only, no content, malformed.
    case other

    /// id-signedData, 1.2.840.113549.1.7.2.
    static let signedData: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02]
    /// id-envelopedData, 1.2.840.113549.1.7.3, and id-ct-authEnvelopedData, 1.2.840.113549.1.9.16.1.23.
    static let encryptedTypes: [[UInt8]] = [
        [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x03],
        [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x10, 0x01, 0x17],
    ]

    init(ber bytes: [UInt8]) {
        let reader = BERReader(bytes: bytes)
        guard let contentInfo = reader.element(at: 0, limit: bytes.count, depth: 0), contentInfo.tag == 0x30,
              let fields = reader.children(of: contentInfo), fields.count >= 2, fields[0].tag == 0x06
        else {
            self = .other
            return
        }
        let type = Array(reader.value(of: fields[0]))
        if Self.encryptedTypes.contains(type) {
            self = .encrypted
        } else if type == Self.signedData, let content = Self.encapsulatedContent(fields[1], reader) {
            self = .signed(content: content)
        } else {
            self = .other
        }
    }

    /// `[0] EXPLICIT SignedData`: version, digestAlgorithms, then encapContentInfo, whose `[0] EXPLICIT
    /// OCTET STRING` is the content (absent in a detached signature or a certificates-only message).
    private static func encapsulatedContent(_ explicit: BERReader.Element, _ reader: BERReader) -> [UInt8]? {
        guard explicit.tag == 0xA0, let signedData = reader.children(of: explicit)?.first, signedData.tag == 0x30,
              let fields = reader.children(of: signedData), fields.count >= 3, fields[2].tag == 0x30,
              let encapsulated = reader.children(of: fields[2]), encapsulated.count >= 2, encapsulated[1].tag == 0xA0,
              let octetString = reader.children(of: encapsulated[1])?.first
        else { return nil }
        return reader.octets(of: octetString)
    }
}
