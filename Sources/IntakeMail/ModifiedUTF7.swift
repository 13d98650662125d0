/// IMAP's mailbox name encoding (RFC 3501 §5.1.3, kept by RFC 9051 for servers without UTF8=ACCEPT):
/// printable ASCII stands for itself except `&`, written `&-`; any other run of characters is its UTF-16
/// in base64 without padding, `,` in place of `/`, between `&` and `-`. So `Atención` is `Atenci&APM-n`.
/// Folder names are configured as people write them and encoded only on the wire.
enum ModifiedUTF7 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".utf8)

    static func encode(_ name: String) -> String {
        var out: [UInt8] = []
        var pending: [UInt16] = []
        func flush() {
            guard !pending.isEmpty else { return }
            out.append(UInt8(ascii: "&"))
            out += base64(pending.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
            out.append(UInt8(ascii: "-"))
            pending.removeAll()
        }
        for scalar in name.unicodeScalars {
            if (0x20...0x7E).contains(scalar.value) {
                flush()
                out.append(UInt8(scalar.value))
                if scalar == "&" { out.append(UInt8(ascii: "-")) }
            } else {
                pending += Array(String(scalar).utf16)
            }
        }
        flush()
        return String(decoding: out, as: UTF8.self)
    }

    /// Base64 with `,` for `/` and no `=` padding.
    private static func base64(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (16 - 8 * UInt32($1.offset)) }
            for position in 0...chunk.count {
                out.append(alphabet[Int(value >> (18 - 6 * UInt32(position)) & 0x3F)])
            }
            index += 3
        }
        return out
    }
}
