import IntakeCore
import IntakeDesk
import XCTest

final class ClassifierTests: XCTestCase {
    func testKeywordRulesInSpanishAndEnglish() {
        let c = Classifier(rules: .standard, sla: .agreement, missedCallPriority: .high)
        let table: [(String, Priority, RequestType)] = [
            ("Sistema caído, no funciona nada", .critical, .incident),
            ("The whole system is down", .critical, .incident),
            ("URGENTE: el discador no marca", .high, .incident),
            ("No funciona la grabación", .high, .incident),
            ("El monitor está lento a veces", .medium, .incident),
            ("Solicitud de cambio: nueva funcionalidad de reportes", .low, .changeRequest),
            ("Necesitamos un ajuste en el horario de la campaña", .low, .adjustment),
            ("Consulta: ¿cómo exporto los reportes?", .low, .query),
            ("[CRITICA] consulta sobre la factura", .critical, .query),
            ("Hola", .medium, .incident),
        ]
        for (text, priority, type) in table {
            let d = c.classify(InboundMessage(channel: .email, externalID: nil, sender: .init(id: "a@b.c"), text: text), customer: nil)
            XCTAssertEqual(d.priority, priority, text)
            XCTAssertEqual(d.requestType, type, text)
        }
    }

    func testHintsWinAndTheFloorRaises() {
        let c = Classifier(rules: .standard, sla: .agreement, missedCallPriority: .high)
        var m = InboundMessage(channel: .slack, externalID: "x", sender: .init(id: "U"), text: "sistema caído")
        m.hints.priority = .low
        XCTAssertEqual(c.classify(m, customer: nil).priority, .low)
        let floor = Customer(id: "c", name: "C", priorityFloor: .high)
        m.hints.priority = nil
        m.text = "consulta"
        let d = c.classify(m, customer: floor)
        XCTAssertEqual(d.priority, .high)
        XCTAssertEqual(c.firstResponseDue(d.priority, from: Timestamp(seconds: 0)).due, Timestamp(seconds: 4 * 3600))
    }

    func testSLATableMatchesTheAgreement() {
        let start = Timestamp(seconds: 1000)
        XCTAssertEqual(SLAPolicy.agreement.firstResponseDue(priority: .critical, from: start).seconds, 1000 + 7200)
        XCTAssertEqual(SLAPolicy.agreement.firstResponseDue(priority: .high, from: start).seconds, 1000 + 14_400)
        XCTAssertEqual(SLAPolicy.agreement.firstResponseDue(priority: .medium, from: start).seconds, 1000 + 86_400)
        XCTAssertEqual(SLAPolicy.agreement.firstResponseDue(priority: .low, from: start).seconds, 1000 + 4 * 86_400)
    }
}
