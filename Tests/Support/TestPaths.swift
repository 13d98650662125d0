public import Foundation
import Glibc

/// Where the tests find the repository's files and make their scratch directories.
public enum TestPaths {
    /// The package root, from this file's path (Tests/Support/TestPaths.swift).
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `Fixtures/` at the package root.
    public static let fixtures = packageRoot.appendingPathComponent("Fixtures")

    /// A file or folder below `Fixtures/`, e.g. `fixture("phone/cdr-bad-rows.csv")`.
    public static func fixture(_ path: String) -> URL { fixtures.appendingPathComponent(path) }

    /// A new, empty directory `/tmp/<prefix>.XXXXXX` (mkdtemp), mode 0755 so that a server running as
    /// another user (Dovecot's `dovecot` user) can reach what the test puts below it.
    public static func temporaryDirectory(_ prefix: String) throws -> URL {
        var template = Array("/tmp/\(prefix).XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw TestFailure("mkdtemp failed") }
        let path = String(cString: made)
        chmod(path, 0o755)
        return URL(fileURLWithPath: path)
    }
}
