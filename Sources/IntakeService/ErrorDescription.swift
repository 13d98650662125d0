import Foundation

/// An error in words a person can act on, for logs and the command line. Ours describe themselves;
/// Foundation's file errors (creating the store's directory under a path that is a file) would print
/// as `Error Domain=NSCocoaErrorDomain Code=516 "..." UserInfo={...}`, so they become `PATH: File exists`.
public func plainDescription(of error: any Error) -> String {
    guard let cocoa = error as? CocoaError else { return "\(error)" }
    let posix = (cocoa.underlying as? POSIXError)?.code.rawValue
        ?? (cocoa.underlying as? NSError).flatMap { $0.domain == NSPOSIXErrorDomain ? Int32($0.code) : nil }
    let reason = posix.map { String(cString: strerror($0)) } ?? cocoa.localizedDescription
    return cocoa.filePath.map { "\($0): \(reason)" } ?? reason
}
