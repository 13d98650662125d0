/// Memory a statement owns for the text and blob values bound to it, one buffer per parameter, so
/// SQLite can take them as `SQLITE_STATIC` instead of copying each into a buffer of its own that it
/// allocates and frees: for the statements run for every message that was a `malloc`, a copy and a
/// `free` per value, ~5 % of the writer thread.
///
/// SQLite reads a static value until the parameter is bound again, the bindings are cleared or the
/// statement is finalized: a parameter's buffer is written only when that parameter is bound again
/// (SQLite reads nothing between a bind and the next step), and all are freed after finalization.
/// Values larger than `largest` are left to SQLite's copy (`nil`): a mail of several megabytes is not
/// held for the statement's lifetime.
struct ParameterBuffers {
    static let largest = 16 << 10

    private var buffers: [UnsafeMutableRawBufferPointer] = []

    /// A buffer of parameter `index` (1-based) holding a copy of `bytes`, or nil when they are too large.
    mutating func copy(_ bytes: UnsafeRawBufferPointer, at index: Int32) -> UnsafeRawPointer? {
        guard bytes.count <= Self.largest else { return nil }
        let i = Int(index) - 1
        while buffers.count <= i { buffers.append(UnsafeMutableRawBufferPointer(start: nil, count: 0)) }
        // At least one byte: an empty value needs an address (a NULL pointer binds NULL, not "").
        let needed = max(1, bytes.count)
        if buffers[i].count < needed {
            buffers[i].deallocate()
            buffers[i] = .allocate(byteCount: max(needed, 64), alignment: 8)
        }
        if let source = bytes.baseAddress, !bytes.isEmpty { buffers[i].baseAddress!.copyMemory(from: source, byteCount: bytes.count) }
        return UnsafeRawPointer(buffers[i].baseAddress!)
    }

    /// Frees every buffer: only after the statement is finalized.
    func deallocate() {
        for buffer in buffers { buffer.deallocate() }
    }
}
