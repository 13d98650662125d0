/// The charset an HTML document declares for itself in a `<meta>` element: `<meta charset="shift_jis">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2">`. Web forms, shop plugins and
/// older HTML editors send HTML with no `charset` parameter on its Content-Type and say it only there;
/// browsers and mail clients read the declaration (the prescan of the HTML Standard, §13.2.3.2), so the text
/// would otherwise be garbled only here. The MIME parameter, when there is one, still wins.
///
/// Only the start of the document is looked at, as the prescan does; 4 KiB rather than its 1 KiB, since
/// Word's HTML opens with a long list of namespaces before its `<meta>`. A declared UTF-16 means UTF-8 (a
/// document that can declare itself in ASCII is not UTF-16).
enum HTMLCharset {
    static let prescanLength = 4096

    static func declared<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
        let head = Array(bytes.prefix(prescanLength))
        var index = 0
        while let meta = HTMLText.find(head, "<meta", from: index, caseInsensitive: true) {
            let end = head[meta...].firstIndex(of: UInt8(ascii: ">")) ?? head.endIndex
            if let label = charset(in: head, from: meta, to: end) {
                return label.hasPrefix("utf-16") ? "utf-8" : label
            }
            index = end
        }
        return nil
    }

    /// The value after `charset` and `=` in the tag between `from` and `to`, without quotes, up to a quote,
    /// space, `;` or `/`.
    static func charset(in b: [UInt8], from: Int, to end: Int) -> String? {
        var from = from
        while let found = HTMLText.find(b, "charset", from: from, before: end, caseInsensitive: true) {
            var i = found + 7
            from = i
            while i < end, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
            guard i < end, b[i] == UInt8(ascii: "=") else { continue }
            i += 1
            while i < end, [0x20, 0x09, 0x22, 0x27].contains(b[i]) { i += 1 }
            let start = i
            while i < end, ![0x20, 0x09, 0x0A, 0x0D, 0x22, 0x27, 0x3B, 0x2F].contains(b[i]) { i += 1 }
            if i > start { return String(decoding: b[start..<i], as: UTF8.self).lowercased() }
        }
        return nil
    }
}
