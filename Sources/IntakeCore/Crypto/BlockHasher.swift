/// A compression function over 64-byte blocks: SHA-1's or SHA-256's. `compress` reads exactly 64 bytes
/// at `block` (no alignment needed): the hashers run for every stored payload and message, so blocks are
/// read in place, without copying them into arrays or checking bounds per byte.
protocol BlockCompression {
    associatedtype State: Sendable
    static var initialState: State { get }
    static func compress(_ state: inout State, _ block: UnsafeRawPointer)
    static func digest(_ state: State) -> [UInt8]
}

/// The message framing SHA-1 and SHA-256 share (FIPS 180-4 §5.1.1, §5.2.1): input buffered into
/// 64-byte blocks across `update` calls, then padded with a one bit, zeros and the 64-bit big-endian bit
/// length. The partial block lives inline (no heap buffer), so a one-shot hash allocates only its digest.
struct BlockHasher<C: BlockCompression>: Sendable {
    static var blockSize: Int { 64 }

    private var state = C.initialState
    /// The bytes of a block not yet full: the first `buffered` of these 64.
    private var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private var buffered = 0
    private var length: UInt64 = 0

    init() {}

    mutating func update(_ data: [UInt8]) {
        data.withUnsafeBytes { update($0) }
    }

    mutating func update(_ data: UnsafeRawBufferPointer) {
        guard let base = data.baseAddress, data.count > 0 else { return }
        length &+= UInt64(data.count)
        var offset = 0
        if buffered > 0 {
            let take = min(Self.blockSize - buffered, data.count)
            withUnsafeMutableBytes(of: &buffer) { b in
                b.baseAddress!.advanced(by: buffered).copyMemory(from: base, byteCount: take)
            }
            buffered += take
            offset = take
            guard buffered == Self.blockSize else { return }
            compressBuffer()
            buffered = 0
        }
        while data.count - offset >= Self.blockSize {
            C.compress(&state, base + offset)
            offset += Self.blockSize
        }
        let rest = data.count - offset
        if rest > 0 {
            withUnsafeMutableBytes(of: &buffer) { b in
                b.baseAddress!.copyMemory(from: base + offset, byteCount: rest)
            }
            buffered = rest
        }
    }

    mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        let used = buffered
        withUnsafeMutableBytes(of: &buffer) { b in
            b[used] = 0x80
            for i in (used + 1)..<Self.blockSize { b[i] = 0 }
        }
        // The length takes the last 8 bytes of a block: when the one bit left no room, one more block.
        if used >= Self.blockSize - 8 {
            compressBuffer()
            buffer = (0, 0, 0, 0, 0, 0, 0, 0)
        }
        buffer.7 = bitLength.bigEndian
        compressBuffer()
        buffer = (0, 0, 0, 0, 0, 0, 0, 0)
        buffered = 0
        return C.digest(state)
    }

    private mutating func compressBuffer() {
        let block = buffer
        withUnsafeBytes(of: block) { C.compress(&state, $0.baseAddress!) }
    }

    /// Big-endian bytes of `count` 32-bit words, read by `word(i)`.
    static func bytes(count: Int, _ word: (Int) -> UInt32) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count * 4) { out, initialized in
            for i in 0..<count {
                let w = word(i)
                out[i * 4] = UInt8(truncatingIfNeeded: w >> 24)
                out[i * 4 + 1] = UInt8(truncatingIfNeeded: w >> 16)
                out[i * 4 + 2] = UInt8(truncatingIfNeeded: w >> 8)
                out[i * 4 + 3] = UInt8(truncatingIfNeeded: w)
            }
            initialized = count * 4
        }
    }

    /// The big-endian 32-bit word at byte `offset` of a block.
    @inline(__always)
    static func word(_ block: UnsafeRawPointer, _ offset: Int) -> UInt32 {
        UInt32(bigEndian: block.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
}

@inline(__always) func rotateRight(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
@inline(__always) func rotateLeft(_ x: UInt32, _ n: UInt32) -> UInt32 { (x << n) | (x >> (32 - n)) }
