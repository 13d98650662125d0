/// The media type a file's extension usually means, for files that came with none: those inside a
/// winmail.dat without `PR_ATTACH_MIME_TAG` (Outlook writes it for some files only, and older Exchange
/// for none) and those uuencoded into a text (`UUEncodedText`), which would otherwise all be
/// `application/octet-stream` and tell a desk nothing of what they are. A small table of the office,
/// image, PDF and archive types customers send; a type a sender gave is never replaced.
enum FileExtensionType {
    /// The media type for `filename`'s extension (case ignored, also in 8.3 names: `INFORM~1.PDF`), or nil.
    static func mediaType(forFilename filename: String?) -> String? {
        guard let filename, let dot = filename.lastIndex(of: ".") else { return nil }
        return types[filename[filename.index(after: dot)...].lowercased()]
    }

    static let types: [String: String] = [
        "pdf": "application/pdf",
        "doc": "application/msword",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls": "application/vnd.ms-excel",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt": "application/vnd.ms-powerpoint",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt": "application/vnd.oasis.opendocument.text",
        "ods": "application/vnd.oasis.opendocument.spreadsheet",
        "odp": "application/vnd.oasis.opendocument.presentation",
        "rtf": "application/rtf",
        "msg": "application/vnd.ms-outlook",
        "txt": "text/plain",
        "csv": "text/csv",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "png": "image/png",
        "gif": "image/gif",
        "bmp": "image/bmp",
        "tif": "image/tiff",
        "tiff": "image/tiff",
        "zip": "application/zip",
        "rar": "application/vnd.rar",
        "7z": "application/x-7z-compressed",
        "gz": "application/gzip",
    ]
}
