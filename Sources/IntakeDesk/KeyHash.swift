/// The in-memory hash of a stored key (`StoredMessageKeys`, `StoredRefs`), the same whether the key
/// comes from a Swift string or from a row's bytes: reading a store's keys at start makes no `String`
/// of each one.
enum KeyHash {
    static func of(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { of(UnsafeRawBufferPointer($0)) }
    }

    static func of(_ bytes: UnsafeRawBufferPointer) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: bytes)
        return hasher.finalize()
    }

    /// Two parts, kept apart by a byte UTF-8 never has.
    static func of(_ first: String, _ second: String) -> Int {
        var first = first
        var second = second
        return first.withUTF8 { a in second.withUTF8 { b in of(UnsafeRawBufferPointer(a), UnsafeRawBufferPointer(b)) } }
    }

    static func of(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: first)
        hasher.combine(UInt8(0xFF))
        hasher.combine(bytes: second)
        return hasher.finalize()
    }
}
