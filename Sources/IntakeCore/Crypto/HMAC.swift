/// What HMAC needs of a hash function: its block size and a streaming digest.
public protocol HashFunction {
    static var blockSize: Int { get }
    init()
    mutating func update(_ data: [UInt8])
    mutating func finalize() -> [UInt8]
}

extension SHA1: HashFunction {}
extension SHA256: HashFunction {}

/// HMAC (RFC 2104): `H((K ^ opad) || H((K ^ ipad) || message))`, the key hashed first when it is longer
/// than the hash's block and zero-padded to the block otherwise.
public enum HMAC {
    public static func authenticate<H: HashFunction>(_ hash: H.Type, key: [UInt8], message: [UInt8]) -> [UInt8] {
        var block = key.count > H.blockSize ? digest(H.self, key) : key
        block += [UInt8](repeating: 0, count: H.blockSize - block.count)
        var inner = H()
        inner.update(block.map { $0 ^ 0x36 })
        inner.update(message)
        let innerDigest = inner.finalize()
        var outer = H()
        outer.update(block.map { $0 ^ 0x5C })
        outer.update(innerDigest)
        return outer.finalize()
    }

    public static func sha256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        authenticate(SHA256.self, key: key, message: message)
    }

    public static func sha1(key: [UInt8], message: [UInt8]) -> [UInt8] {
        authenticate(SHA1.self, key: key, message: message)
    }

    private static func digest<H: HashFunction>(_ hash: H.Type, _ data: [UInt8]) -> [UInt8] {
        var h = H()
        h.update(data)
        return h.finalize()
    }
}
