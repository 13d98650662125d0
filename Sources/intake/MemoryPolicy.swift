import Glibc

/// How the C allocator grows its heaps, set once at start.
enum MemoryPolicy {
    /// `M_TOP_PAD` of glibc's `<malloc.h>`, which the Swift Glibc module does not import (nor `mallopt`).
    private static let topPad: Int32 = -2

    /// Heaps grow in steps of 64 MiB of address space instead of exactly what the next allocation needs.
    /// SQLite's page cache (128 MiB, see `DeskStore`) fills as the store grows, and grown page by page
    /// the writer thread's heap made an `mprotect` call every few commits: 0.4 system calls per webhook
    /// request under load, none with the pad. Only address space is reserved: pages still become
    /// memory when first touched.
    static func apply() {
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(topPad, 64 << 20)
    }
}
