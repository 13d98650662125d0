/// Mail providers anyone can sign up with, worldwide and in Argentina and Chile. Claimed as a
/// customer's domain, one would route every sender there to that customer; a person who writes from one
/// is listed by address (`emails`).
enum PublicMailDomains {
    static let all: Set<String> = [
        "gmail.com", "googlemail.com", "hotmail.com", "hotmail.es", "hotmail.com.ar", "outlook.com", "outlook.es",
        "outlook.com.ar", "live.com", "live.com.ar", "live.cl", "msn.com", "yahoo.com", "yahoo.es", "yahoo.com.ar",
        "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com", "protonmail.com", "proton.me", "pm.me", "gmx.com",
        "gmx.net", "mail.com", "zoho.com", "yandex.com", "tutanota.com",
        "fibertel.com.ar", "speedy.com.ar", "arnet.com.ar", "ciudad.com.ar", "uolsinectis.com.ar", "telecentro.com.ar",
        "vtr.net", "entelchile.net", "terra.cl", "123.cl",
    ]
}
