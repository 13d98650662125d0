/// A compression function over 64-byte blocks: SHA-1's or SHA-256's.
protocol BlockCompression {
    associatedtype State: Sendable
    static var initialState: State { get }
    static func compress(_ state: inout State, _ block: ArraySlice<UInt8>)
    static func digest(_ state: State) -> [UInt8]
}

/// The message framing SHA-1 and SHA-256 share (FIPS 180-4 §5.1.1, §5.2.1): input buffered into
/// 64-byte blocks across `update` calls, then padded with a one bit, zeros and the 64-bit big-endian bit
/// length.
struct BlockHasher<C: BlockCompression>: Sendable {
    static var blockSize: Int { 64 }

    private var state = C.initialState
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0

    init() {
        buffer.reserveCapacity(Self.blockSize)
    }

    mutating func update(_ data: [UInt8]) {
        length &+= UInt64(data.count)
        var offset = 0
        if !buffer.isEmpty {
            let take = min(Self.blockSize - buffer.count, data.count)
            buffer.append(contentsOf: data[0..<take])
            offset = take
            if buffer.count == Self.blockSize {
                C.compress(&state, buffer[0..<Self.blockSize])
                buffer.removeAll(keepingCapacity: true)
            }
        }
        while data.count - offset >= Self.blockSize {
            C.compress(&state, data[offset..<(offset + Self.blockSize)])
            offset += Self.blockSize
        }
        if offset < data.count { buffer.append(contentsOf: data[offset...]) }
    }

    mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        var tail = buffer
        tail.append(0x80)
        while tail.count % Self.blockSize != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        var offset = 0
        while offset < tail.count {
            C.compress(&state, tail[offset..<(offset + Self.blockSize)])
            offset += Self.blockSize
        }
        buffer.removeAll()
        return C.digest(state)
    }

    /// Big-endian bytes of 32-bit words.
    static func bytes(_ words: [UInt32]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(words.count * 4)
        for word in words {
            out.append(UInt8(truncatingIfNeeded: word >> 24))
            out.append(UInt8(truncatingIfNeeded: word >> 16))
            out.append(UInt8(truncatingIfNeeded: word >> 8))
            out.append(UInt8(truncatingIfNeeded: word))
        }
        return out
    }
}

@inline(__always) func rotateRight(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
@inline(__always) func rotateLeft(_ x: UInt32, _ n: UInt32) -> UInt32 { (x << n) | (x >> (32 - n)) }
