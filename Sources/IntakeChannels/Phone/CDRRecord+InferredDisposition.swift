import IntakeCore

extension CDRRecord {
    /// The disposition of a row that does not say (no disposition column, as in XiVO's call-log CSV and
    /// many PBX reports, or an empty field), from what the row does say, and what it was told from:
    /// - billable seconds (`billsec`, XiVO's `Period`): more than 0 is `ANSWERED`, 0 is `NO ANSWER`
    ///   (Asterisk counts billsec from the answer; XiVO's period is "0 if not answered");
    /// - else an answer time: `ANSWERED`;
    /// - else an end time: `NO ANSWER`, since a file that writes the call's times writes its answer too
    ///   when there was one;
    /// - else the one duration the row has: more than 0 is `ANSWERED`. Exports with a single duration
    ///   and no times count the talk (a call nobody took lasts 0), so a ringing-only call is read as
    ///   answered only from an export that counts rings in its one duration, which no PBX we know writes.
    /// A call read as answered still has to pass `wasTalkedTo` (a destination channel, no voicemail).
    static func inferredDisposition(billsec: Int?, answer: Timestamp?, end: Timestamp?, duration: Int?) -> (disposition: String, basis: String) {
        if let billsec { return (billsec > 0 ? "ANSWERED" : "NO ANSWER", "billsec") }
        if answer != nil { return ("ANSWERED", "answer") }
        if end != nil { return ("NO ANSWER", "end") }
        return ((duration ?? 0) > 0 ? "ANSWERED" : "NO ANSWER", "duration")
    }
}
