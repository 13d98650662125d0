/// The four ways a customer reaches support.
public enum Channel: String, Sendable, CaseIterable, Codable {
    case slack
    case whatsapp
    case email
    case phone
}
