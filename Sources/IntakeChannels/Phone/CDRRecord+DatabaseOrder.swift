extension CDRRecord {
    /// A row of the CDR database table written out without a header (phpMyAdmin's CSV export leaves the
    /// column names out by default; `SELECT ... INTO OUTFILE` writes tabs and `\N` for NULL). The table
    /// Asterisk's `cdr_mysql`/`cdr_adaptive_odbc` fill starts `calldate, clid, src, dst, dcontext,
    /// channel, dstchannel, lastapp, lastdata, duration, billsec, disposition, amaflags, accountcode,
    /// uniqueid, userfield`, with no answer or end; then either Asterisk's own `peeraccount, linkedid,
    /// sequence` (19 columns) or FreePBX's `did, recordingfile, cnum, cnam, outbound_cnum, outbound_cnam,
    /// dst_cnam, linkedid, peeraccount, sequence` (26). Told apart from `cdr_csv` by a date in the first
    /// column and a disposition in the twelfth, and rearranged into `cdr_csv` order (21 columns).
    static func fromDatabaseOrder(_ f: [String]) -> (fields: [String], dialledNumber: String?)? {
        guard f.count >= 16, CDRTime.reading(f[0]) != nil, dispositions.contains(disposition(f[11])) else { return nil }
        var fields = [f[13], f[2], f[3], f[4], f[1], f[5], f[6], f[7], f[8], f[0], "", "", f[9], f[10], f[11], f[12], f[14], f[15]]
        var did: String?
        switch f.count {
        case 19:
            fields += [f[16], f[17], f[18]]
        case 26:
            fields += [f[24], f[23], f[25]]
            did = nonEmpty(f[16].trimmingWhitespace())
        default:
            fields += ["", "", ""]
        }
        return (fields, did)
    }
}
