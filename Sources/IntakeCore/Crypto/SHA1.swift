/// SHA-1 (FIPS 180-4 §6.1). Broken for collision resistance, but still what Twilio signs webhooks with
/// (HMAC-SHA1, whose security does not rest on collision resistance, RFC 2104 §6). Streaming like
/// `SHA256`: `update` any number of times, then `finalize`.
public struct SHA1: Sendable {
    public static let blockSize = 64
    public static let digestSize = 20

    private var hasher = BlockHasher<Compression>()

    public init() {}

    public static func hash(_ data: [UInt8]) -> [UInt8] {
        var h = SHA1()
        h.update(data)
        return h.finalize()
    }

    public static func hex(_ data: [UInt8]) -> String { Hex.encode(hash(data)) }

    public mutating func update(_ data: [UInt8]) {
        hasher.update(data)
    }

    /// Pads (a one bit, zeros, the 64-bit big-endian bit length: FIPS 180-4 §5.1.1) and returns the digest.
    public mutating func finalize() -> [UInt8] {
        hasher.finalize()
    }

    enum Compression: BlockCompression {
        typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32)

        static let initialState: State = (0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0)

        static func compress(_ state: inout State, _ block: UnsafeRawPointer) {
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { w in
                for i in 0..<16 { w[i] = BlockHasher<Compression>.word(block, i * 4) }
                for i in 16..<80 {
                    w[i] = rotateLeft(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1)
                }
                rounds(&state, w)
            }
        }

        private static func rounds(_ state: inout State, _ w: UnsafeMutableBufferPointer<UInt32>) {
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
                let t = rotateLeft(a, 5) &+ f &+ e &+ k &+ w[i]
                e = d; d = c; c = rotateLeft(b, 30); b = a; a = t
            }
            state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e)
        }

        static func digest(_ s: State) -> [UInt8] {
            withUnsafeBytes(of: s) { words in
                BlockHasher<Compression>.bytes(count: 5) { words.load(fromByteOffset: $0 * 4, as: UInt32.self) }
            }
        }
    }
}
