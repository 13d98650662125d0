public import IntakeCore

/// The Spanish texts a call becomes in a ticket, written the same way for CDRs, CTI events and call logs.
public enum CallText {
    /// `Llamada perdida de Juan Perez (+5491152769999) el 05/03/2024 14:30`.
    public static func missed(name: String?, caller: String, at time: Timestamp?, timeZone: LocalTimeZone) -> String {
        var text = "Llamada perdida de " + who(name: name, caller: caller)
        if let time { text += " el " + localDateTime(time, timeZone: timeZone) }
        return text
    }

    /// `Llamada atendida de Juan Perez (+5491152769999) (duración 95s)`.
    public static func answered(name: String?, caller: String, seconds: Int?) -> String {
        "Llamada atendida de " + who(name: name, caller: caller) + (seconds.map { " (duración \($0)s)" } ?? "")
    }

    /// `Fax recibido de Juan Perez (+5491152769999) (duración 118s)`.
    public static func fax(name: String?, caller: String, seconds: Int) -> String {
        "Fax recibido de " + who(name: name, caller: caller) + " (duración \(seconds)s)"
    }

    /// `Llamada saliente de 2001 a +5491152769999 (duración 95s)`; `interna` between extensions.
    public static func placed(direction: CallDirection, caller: String, callee: String, seconds: Int) -> String {
        let word = direction == .internal ? "interna" : "saliente"
        return "Llamada \(word) de \(caller) a \(callee) (duración \(seconds)s)"
    }

    /// `dd/MM/yyyy HH:mm` on the line's clock, as Argentine and Chilean staff write dates.
    public static func localDateTime(_ time: Timestamp, timeZone: LocalTimeZone) -> String {
        let iso = Array(timeZone.local(time).iso8601)
        guard iso.count == 20 else { return time.iso8601 }
        return String(iso[8..<10]) + "/" + String(iso[5..<7]) + "/" + String(iso[0..<4]) + " " + String(iso[11..<16])
    }

    /// `Juan Perez (+5491152769999)`, or the number alone when there is no name.
    static func who(name: String?, caller: String) -> String {
        guard let name, !name.isEmpty else { return caller }
        return "\(name) (\(caller))"
    }
}
