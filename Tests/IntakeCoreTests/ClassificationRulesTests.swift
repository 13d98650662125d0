import IntakeCore
import XCTest

/// The standard rules' decisions, reasons included, pinned: the phrase matching works on folded bytes,
/// and `intake explain` prints these sentences, so they must not drift.
final class ClassificationRulesTests: XCTestCase {
    private let table: [(subject: String?, text: String?, decision: String)] = [
        (nil, nil,
         "medium|incident|default priority medium|default type incident"),
        (nil, "",
         "medium|incident|default priority medium|default type incident"),
        ("", "",
         "medium|incident|default priority medium|default type incident"),
        (nil, "Hola",
         "medium|incident|default priority medium|default type incident"),
        (nil, "Sistema caído, no funciona nada",
         "critical|incident|rule `system down` matched \"sistema caido\"|rule `system down` matched \"sistema caido\""),
        ("The whole system is down", nil,
         "critical|incident|rule `system down` matched \"whole system\"|rule `system down` matched \"whole system\""),
        ("URGENTE", "el discador no marca",
         "high|incident|rule `urgent` matched \"urgente\"|rule `function down` matched \"no marca\""),
        (nil, "no funciona la grabación, es urgente",
         "high|incident|rule `urgent` matched \"urgente\"|rule `function down` matched \"no funciona\""),
        (nil, "El monitor está lento a veces",
         "medium|incident|rule `degraded` matched \"lento\"|rule `degraded` matched \"lento\""),
        (nil, "Solicitud de cambio: nueva funcionalidad de reportes",
         "low|change_request|rule `change request` matched \"solicitud de cambio\"|rule `change request` matched \"solicitud de cambio\""),
        (nil, "Necesitamos un ajuste en el horario de la campaña",
         "low|adjustment|rule `adjustment` matched \"ajuste\"|rule `adjustment` matched \"ajuste\""),
        (nil, "Consulta: ¿cómo exporto los reportes?",
         "low|query|rule `query` matched \"consulta\"|rule `query` matched \"consulta\""),
        (nil, "[CRITICA] consulta sobre la factura",
         "critical|query|explicit marker [critical]|rule `query` matched \"consulta\""),
        ("[P2] x", "sistema caido",
         "high|incident|explicit marker [high]|rule `system down` matched \"sistema caido\""),
        (nil, "caso 17: la consola de agentes no carga desde las 9, probamos reiniciar el navegador y el softphone pero el error 1017 sigue apareciendo en todas las posiciones del piso 3; necesitamos ayuda urgente para la campaña",
         "high|incident|rule `urgent` matched \"urgente\"|rule `function down` matched \"no carga\""),
        (nil, "it doesn't work, can't login; does not work!!! how do i fix",
         "high|incident|rule `function down` matched \"doesn't work\"|rule `function down` matched \"doesn't work\""),
        (nil, "how to how do I ask a question",
         "low|query|rule `query` matched \"how to\"|rule `query` matched \"how to\""),
        (nil, "sistema",
         "medium|incident|default priority medium|default type incident"),
        (nil, "sistema caid",
         "medium|incident|default priority medium|default type incident"),
        (nil, "no",
         "medium|incident|default priority medium|default type incident"),
        (nil, "no puedo no podemos",
         "high|incident|rule `function down` matched \"no puedo\"|rule `function down` matched \"no puedo\""),
        (nil, "  error\nerror  ERROR ",
         "high|incident|rule `function down` matched \"error\"|rule `function down` matched \"error\""),
        ("Alta de usuario", "please add a new feature, solicitud de cambio",
         "low|change_request|rule `change request` matched \"alta de\"|rule `change request` matched \"alta de\""),
        (nil, "CAÍDA TOTAL del servicio caído",
         "critical|incident|rule `system down` matched \"caida total\"|rule `system down` matched \"caida total\""),
        (nil, "outage outage",
         "critical|incident|rule `system down` matched \"outage\"|rule `system down` matched \"outage\""),
        (nil, "reconfigure tweak adjust",
         "low|adjustment|rule `adjustment` matched \"reconfigure\"|rule `adjustment` matched \"reconfigure\""),
        (nil, "[low] [baja] todo caido",
         "low|incident|explicit marker [low]|rule `system down` matched \"todo caido\""),
        (nil, "a veces a",
         "medium|incident|rule `degraded` matched \"a veces\"|rule `degraded` matched \"a veces\""),
        (nil, "quisiera saber información",
         "low|query|rule `query` matched \"quisiera saber\"|rule `query` matched \"quisiera saber\""),
        (nil, "intermitente\n> urgente",
         "high|incident|rule `urgent` matched \"urgente\"|rule `degraded` matched \"intermitente\""),
        (nil, "emergencia: sistema bloqueado",
         "critical|incident|rule `system down` matched \"sistema bloqueado\"|rule `system down` matched \"sistema bloqueado\""),
        // A contact center's wording, and words between the ones that matter (`*` in a phrase).
        (nil, "Hola, cómo están? Se cayó el sistema en todas las posiciones",
         "critical|incident|rule `system down` matched \"cayo * sistema\"|rule `system down` matched \"cayo * sistema\""),
        (nil, "El sistema está completamente caído",
         "critical|incident|rule `system down` matched \"sistema * caido\"|rule `system down` matched \"sistema * caido\""),
        (nil, "Estamos sin servicio, ningún agente puede loguearse",
         "critical|incident|rule `system down` matched \"sin servicio\"|rule `system down` matched \"sin servicio\""),
        (nil, "No entran llamadas a la cola de ventas",
         "high|incident|rule `function down` matched \"no entran * llamadas\"|rule `function down` matched \"no entran * llamadas\""),
        (nil, "Los agentes no tienen audio",
         "high|incident|rule `function down` matched \"no tienen audio\"|rule `function down` matched \"no tienen audio\""),
        (nil, "Necesitamos cambiar el horario de la campaña",
         "low|change_request|rule `change request` matched \"cambiar\"|rule `change request` matched \"cambiar\""),
        (nil, "Por favor blanquear la clave del usuario jperez",
         "low|adjustment|rule `adjustment` matched \"blanquear\"|rule `adjustment` matched \"blanquear\""),
        // Argentina's and Chile's words for a program that hangs, and for what still does not work.
        (nil, "Se colgó la consola de agentes",
         "high|incident|rule `function down` matched \"se colgo\"|rule `function down` matched \"se colgo\""),
        (nil, "se tildó el softphone otra vez",
         "high|incident|rule `function down` matched \"se tildo\"|rule `function down` matched \"se tildo\""),
        (nil, "Se colgó el sistema en todo el piso",
         "critical|incident|rule `system down` matched \"colgo * sistema\"|rule `function down` matched \"se colgo\""),
        (nil, "Sigue sin funcionar el discador",
         "high|incident|rule `function down` matched \"sin funcionar\"|rule `function down` matched \"sin funcionar\""),
        (nil, "No se puede loguear ningún agente",
         "high|incident|rule `function down` matched \"no se puede\"|rule `function down` matched \"no se puede\""),
        (nil, "los agentes no escuchan al cliente",
         "high|incident|rule `function down` matched \"no escuchan\"|rule `function down` matched \"no escuchan\""),
        ("Console freezes", "the console freezes when agents transfer",
         "high|incident|rule `function down` matched \"freezes\"|rule `function down` matched \"freezes\""),
        // Negated: the problem is gone, or was never there.
        (nil, "Ya no da error, gracias",
         "medium|incident|default priority medium|default type incident"),
        (nil, "Sin errores desde ayer, ya no se corta",
         "medium|incident|default priority medium|default type incident"),
        (nil, "No es urgente, es una consulta",
         "low|query|rule `query` matched \"consulta\"|rule `query` matched \"consulta\""),
        (nil, "El sistema no está caído, solo lento",
         "medium|incident|rule `degraded` matched \"lento\"|rule `degraded` matched \"lento\""),
        (nil, "not urgent: how do I export the report?",
         "low|query|rule `query` matched \"how do i\"|rule `query` matched \"how do i\""),
        // Still the problem: a bare "no" before a phrase (its comma folded away), "ya no" before one that says no itself.
        (nil, "No, no funciona",
         "high|incident|rule `function down` matched \"no funciona\"|rule `function down` matched \"no funciona\""),
        (nil, "No, se cortan todas las llamadas",
         "high|incident|rule `function down` matched \"se cortan\"|rule `function down` matched \"se cortan\""),
        (nil, "ya no hay audio en las posiciones",
         "high|incident|rule `function down` matched \"no hay audio\"|rule `function down` matched \"no hay audio\""),
        (nil, "no hay errores pero el sistema está caído",
         "critical|incident|rule `system down` matched \"sistema * caido\"|rule `system down` matched \"sistema * caido\""),
        // Too many words between: no phrase.
        (nil, "cayó la luz en el piso del sistema",
         "medium|incident|default priority medium|default type incident"),
        (nil, "cayo",
         "medium|incident|default priority medium|default type incident"),
    ]

    func testStandardRulesDecideAsPinned() {
        for row in table {
            let d = ClassificationRules.standard.classify(subject: row.subject, text: row.text)
            XCTAssertEqual("\(d.priority.rawValue)|\(d.requestType.rawValue)|\(d.priorityReason)|\(d.typeReason)", row.decision,
                           "\(row.subject ?? "nil") / \(row.text ?? "nil")")
        }
    }

    func testPhrasesMatchOnWordBoundariesOnly() {
        let rules = ClassificationRules(rules: [
            .init(name: "two words", phrases: ["no carga"], priority: .high),
            .init(name: "accented", phrases: ["Caída"], requestType: .query),
        ])
        let table: [(String, Priority, RequestType)] = [
            ("no carga", .high, .incident),
            ("NO, carga!", .high, .incident),
            ("no cargas", .medium, .incident),
            ("xno carga", .medium, .incident),
            ("no\ncarga", .high, .incident),
            ("no", .medium, .incident),
            ("caida", .medium, .query),
            ("CAÍDA", .medium, .query),
            ("caidas", .medium, .incident),
            ("la caída no carga", .high, .query),
        ]
        for (text, priority, type) in table {
            let d = rules.classify(subject: nil, text: text)
            XCTAssertEqual(d.priority, priority, text)
            XCTAssertEqual(d.requestType, type, text)
        }
    }
}
