import IntakeTestSupport
import SQLite
import XCTest

/// Text and blob values are bound from the statement's own buffers (`ParameterBuffers`): each row must
/// hold what was bound for it, whatever was bound before, through growth, empty values, values too
/// large to keep, and a statement stepped again without rebinding.
final class StatementBindingTests: XCTestCase {
    func testEveryRowKeepsWhatWasBoundForIt() throws {
        let dir = try TestPaths.temporaryDirectory("intake-bind").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = try Database(path: dir + "/t.sqlite")
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b BLOB)")
        let large = String(repeating: "x", count: 40_000)
        let rows: [(String?, [UInt8])] = [
            ("corto", [1, 2]), ("mucho más largo que el anterior, con acentos: áéíóú ñ", Array(repeating: 7, count: 300)),
            ("", [9]), (nil, []), (large, Array(repeating: 3, count: 20_000)), ("otra vez corto", [4]),
        ]
        // A declared query's statement is reset without clearing its bindings: what was bound stays bound.
        let query = Query("INSERT INTO t (a, b) VALUES (?, ?)")
        for (a, b) in rows {
            let insert = try db.statement(query)
            insert.bind(a, at: 1)
            insert.bind(b, at: 2)
            try insert.run()
        }
        let again = try db.statement(query)
        again.bind("sin volver a ligar b", at: 1)
        try again.run()
        let read = try db.statement("SELECT a, b, typeof(a) FROM t ORDER BY id").rows { s in
            (s.isNull(0) ? nil : s.text(0), s.blob(1), s.text(2))
        }
        XCTAssertEqual(read.map(\.0), rows.map(\.0) + ["sin volver a ligar b"])
        XCTAssertEqual(read.map(\.1), rows.map(\.1) + [[4]])
        XCTAssertEqual(read[2].2, "text", "an empty string is text, not NULL")
    }
}
