/// SHA-1 (FIPS 180-4 §6.1). Broken for collision resistance, but still what Twilio signs webhooks with
/// (HMAC-SHA1, whose security does not rest on collision resistance, RFC 2104 §6). Streaming like
/// `SHA256`: `update` any number of times, then `finalize`.
public struct SHA1: Sendable {
    public static let blockSize = 64
    public static let digestSize = 20

    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0)
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0

    public init() {
        buffer.reserveCapacity(Self.blockSize)
    }

    public static func hash(_ data: [UInt8]) -> [UInt8] {
        var h = SHA1()
        h.update(data)
        return h.finalize()
    }

    public static func hex(_ data: [UInt8]) -> String { Hex.encode(hash(data)) }

    public mutating func update(_ data: [UInt8]) {
        length &+= UInt64(data.count)
        var offset = 0
        if !buffer.isEmpty {
            let take = min(Self.blockSize - buffer.count, data.count)
            buffer.append(contentsOf: data[0..<take])
            offset = take
            if buffer.count == Self.blockSize {
                compress(buffer[0..<Self.blockSize])
                buffer.removeAll(keepingCapacity: true)
            }
        }
        while data.count - offset >= Self.blockSize {
            compress(data[offset..<(offset + Self.blockSize)])
            offset += Self.blockSize
        }
        if offset < data.count { buffer.append(contentsOf: data[offset...]) }
    }

    /// Pads (a one bit, zeros, the 64-bit big-endian bit length: FIPS 180-4 §5.1.1) and returns the digest.
    public mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        var tail = buffer
        tail.append(0x80)
        while tail.count % Self.blockSize != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        var offset = 0
        while offset < tail.count {
            compress(tail[offset..<(offset + Self.blockSize)])
            offset += Self.blockSize
        }
        buffer.removeAll()
        var out: [UInt8] = []
        out.reserveCapacity(Self.digestSize)
        for word in [state.0, state.1, state.2, state.3, state.4] {
            out.append(UInt8(truncatingIfNeeded: word >> 24))
            out.append(UInt8(truncatingIfNeeded: word >> 16))
            out.append(UInt8(truncatingIfNeeded: word >> 8))
            out.append(UInt8(truncatingIfNeeded: word))
        }
        return out
    }

    private mutating func compress(_ block: ArraySlice<UInt8>) {
        var w = [UInt32](repeating: 0, count: 80)
        let base = block.startIndex
        for i in 0..<16 {
            let j = base + i * 4
            w[i] = UInt32(block[j]) << 24 | UInt32(block[j + 1]) << 16 | UInt32(block[j + 2]) << 8 | UInt32(block[j + 3])
        }
        for i in 16..<80 {
            w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1)
        }
        var (a, b, c, d, e) = state
        for i in 0..<80 {
            let f: UInt32
            let k: UInt32
            switch i {
            case 0..<20: f = (b & c) | (~b & d); k = 0x5A827999
            case 20..<40: f = b ^ c ^ d; k = 0x6ED9EBA1
            case 40..<60: f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDC
            default: f = b ^ c ^ d; k = 0xCA62C1D6
            }
            let t = rotl(a, 5) &+ f &+ e &+ k &+ w[i]
            e = d; d = c; c = rotl(b, 30); b = a; a = t
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e)
    }

    @inline(__always) private func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { (x << n) | (x >> (32 - n)) }
}
