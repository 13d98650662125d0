/// Reads ASN.1 BER/DER tag-length-value elements (X.690 §8.1) from bytes, as much of them as CMS needs:
/// low tag numbers, definite lengths up to 4 length bytes and indefinite lengths (`0x80` ... `00 00`),
/// which Outlook and `openssl cms -stream` write. Anything malformed or nested deeper than `maximumDepth`
/// reads as nil; nothing is trusted beyond the bounds of its parent.
struct BERReader {
    static let maximumDepth = 24

    struct Element {
        var tag: UInt8
        var contentStart: Int
        /// Where the content ends (before the `00 00` of an indefinite length).
        var contentEnd: Int
        /// Where the next element starts.
        var end: Int
        var depth: Int

        var isConstructed: Bool { tag & 0x20 != 0 }
    }

    let bytes: [UInt8]

    /// The element starting at `start`, which must end by `limit`.
    func element(at start: Int, limit: Int, depth: Int) -> Element? {
        guard depth < Self.maximumDepth, start + 2 <= limit, limit <= bytes.count else { return nil }
        let tag = bytes[start]
        guard tag & 0x1F != 0x1F else { return nil }
        let first = bytes[start + 1]
        if first == 0x80 {
            guard tag & 0x20 != 0 else { return nil }
            var position = start + 2
            while position + 2 <= limit {
                if bytes[position] == 0, bytes[position + 1] == 0 {
                    return Element(
                        tag: tag, contentStart: start + 2, contentEnd: position, end: position + 2, depth: depth)
                }
                guard let child = element(at: position, limit: limit, depth: depth + 1) else { return nil }
                position = child.end
            }
            return nil
        }
        var contentStart = start + 2
        var length = Int(first)
        if first > 0x80 {
            let count = Int(first & 0x7F)
            guard count <= 4, start + 2 + count <= limit else { return nil }
            length = 0
            for k in 0..<count { length = length << 8 | Int(bytes[start + 2 + k]) }
            contentStart += count
        }
        guard length <= limit - contentStart else { return nil }
        let contentEnd = contentStart + length
        return Element(tag: tag, contentStart: contentStart, contentEnd: contentEnd, end: contentEnd, depth: depth)
    }

    /// The elements inside a constructed one, or nil when one of them is malformed.
    func children(of parent: Element) -> [Element]? {
        guard parent.isConstructed else { return nil }
        var out: [Element] = []
        var position = parent.contentStart
        while position < parent.contentEnd {
            guard let child = element(at: position, limit: parent.contentEnd, depth: parent.depth + 1) else {
                return nil
            }
            out.append(child)
            position = child.end
        }
        return out
    }

    /// The content bytes of a primitive element.
    func value(of element: Element) -> ArraySlice<UInt8> {
        bytes[element.contentStart..<element.contentEnd]
    }

    /// The bytes of an OCTET STRING, primitive (`04`) or constructed from pieces (`24`, BER §8.7.3).
    func octets(of element: Element) -> [UInt8]? {
        if element.tag == 0x04 { return Array(value(of: element)) }
        guard element.tag == 0x24, let pieces = children(of: element) else { return nil }
        var out: [UInt8] = []
        for piece in pieces {
            guard let bytes = octets(of: piece) else { return nil }
            out.append(contentsOf: bytes)
        }
        return out
    }
}
