import Foundation
import Glibc
public import IntakeCore

/// An open CDR file. Identity and size come from `fstat` on the open descriptor, not from the path, so
/// what is read is the file whose inode is recorded even if the PBX's log rotation renames it meanwhile.
///
/// Reads go through `pread` at an absolute offset: the file is never read whole, and the caller decides
/// where each chunk starts (the start of a half-written row is read again next time).
public struct CDRFile: Sendable {
    public let path: String
    public let inode: UInt64
    public let size: Int
    /// When the file was last written (`st_mtim`, whole seconds).
    public let modified: Timestamp
    private let descriptor: CInt

    /// Opens `path` for reading; nil when it does not exist (the PBX has not written a call yet, or it
    /// was just rotated away and the new file is not there yet).
    public static func open(_ path: String) throws(CDRFileError) -> CDRFile? {
        var fd: CInt
        repeat {
            fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        } while fd == -1 && errno == EINTR
        if fd == -1 {
            let code = errno
            if code == ENOENT { return nil }
            throw CDRFileError(operation: "open", path: path, code: code)
        }
        var info = stat()
        if fstat(fd, &info) == -1 {
            let code = errno
            _ = Glibc.close(fd)
            throw CDRFileError(operation: "fstat", path: path, code: code)
        }
        return CDRFile(
            path: path, inode: UInt64(info.st_ino), size: Int(info.st_size), modified: Timestamp(seconds: Int64(info.st_mtim.tv_sec)),
            descriptor: fd
        )
    }

    /// Up to `count` bytes from `offset`; fewer at the end of the file, none past it. The file may have
    /// grown since `open`: whatever is there now is read.
    public func read(at offset: Int, count: Int) throws(CDRFileError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return pread(descriptor, base + filled, count - filled, off_t(offset + filled))
            }
            if n == -1 {
                let code = errno
                if code == EINTR { continue }
                throw CDRFileError(operation: "read", path: path, code: code)
            }
            if n == 0 { break }
            filled += n
        }
        bytes.removeLast(count - filled)
        return bytes
    }

    /// Closes the descriptor (it has no `deinit`: a copy must not close it behind the owner's back).
    public func close() {
        _ = Glibc.close(descriptor)
    }

    /// The file beside `path` that has inode `inode`: where the PBX's log rotation moved the file being
    /// followed (`Master.csv.1` for Asterisk's `logger rotate` and logrotate's default, `Master.csv-20240305`
    /// with `dateext`). Only names starting with the file's own name are considered.
    public static func renamed(from path: String, inode: UInt64) -> String? {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
        for entry in entries.sorted() where entry.hasPrefix(name) && entry != name {
            let candidate = directory + "/" + entry
            var info = stat()
            if stat(candidate, &info) == 0, UInt64(info.st_ino) == inode, (info.st_mode & S_IFMT) == S_IFREG { return candidate }
        }
        return nil
    }
}

/// A failed system call on a CDR file, with `errno` read right after the call.
public struct CDRFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var operation: String
    public var path: String
    public var code: CInt

    public var description: String {
        "\(operation) \(path): \(String(cString: strerror(code))) (errno \(code))"
    }
}
