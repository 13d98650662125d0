import IntakeChannels
import XCTest

final class CallerIDTests: XCTestCase {
    func testReadsNameAndNumberFromAsteriskCallerIDs() {
        let table: [(String, String?, String?)] = [
            ("\"Juan Perez\" <5491152769999>", "Juan Perez", "5491152769999"),
            ("Juan Perez <5491152769999>", "Juan Perez", "5491152769999"),
            ("<5491152769999>", nil, "5491152769999"),
            ("5491152769999", nil, "5491152769999"),
            ("\"5491152769999\" <5491152769999>", nil, "5491152769999"),
            ("\"Ana \"la jefa\" Ruiz\" <101>", "Ana \"la jefa\" Ruiz", "101"),
            ("\"\" <>", nil, nil),
            ("\"Anonymous\" <anonymous>", nil, "anonymous"),
            ("Restricted", nil, nil),
            ("Número Privado", nil, nil),
            ("\"Unknown\" <>", nil, nil),
            ("", nil, nil),
            ("Juan Pérez (01152769999)", "Juan Pérez", "01152769999"),
            ("source2 (1002)", "source2", "1002"),
            ("(011) 4555-1234", nil, "(011) 4555-1234"),
            ("Mesa de ayuda (central)", "Mesa de ayuda (central)", nil),
        ]
        for (clid, name, number) in table {
            XCTAssertEqual(CallerID(clid), CallerID(name: name, number: number), clid)
        }
    }
}
