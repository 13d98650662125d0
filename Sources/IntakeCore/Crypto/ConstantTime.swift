/// Comparisons whose running time does not depend on where two secrets first differ, so a forged
/// signature cannot be guessed byte by byte from response times.
public enum ConstantTime {
    /// True when both arrays hold the same bytes. The length is not secret (a digest's length is public),
    /// so unequal lengths return at once; equal lengths are compared in full.
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<a.count { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
