import Foundation
import IntakeCore
import IntakeDesk
import IntakeService
import IntakeTestSupport
import XCTest

final class CDRWatcherTests: XCTestCase {
    private struct Crash: Error {}

    var fx: CDRFixture!

    override func setUpWithError() throws { fx = try CDRFixture() }
    override func tearDown() { fx.remove() }

    func testReadsTheFileThenOnlyTheRowsAppendedLater() throws {
        let watcher = try fx.watcher()
        fx.write(CDRFixture.rows(1...2))
        XCTAssertEqual(try watcher.poll().externalIDs, CDRFixture.ids(1...2))
        try fx.append(CDRFixture.rows(3...3))
        XCTAssertEqual(try watcher.poll().externalIDs, CDRFixture.ids(3...3))
        XCTAssertEqual(try watcher.poll().externalIDs, [])
        XCTAssertEqual(try watcher.follower.importer.store.read { try $0.messageCount() }, 3)
    }

    /// A CDR database export names its own column order in a header row; a watcher restarted after
    /// that row (a new process, the position from the store) still reads the rows by those names.
    func testAHeaderNamedOrderHoldsForRowsReadAfterARestart() throws {
        let header = "calldate,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,disposition,amaflags,accountcode,uniqueid,userfield,did\n"
        func row(_ n: Int) -> String {
            "2026-11-20 09:4\(n):12,\"\"\"Juan Perez\"\" <1152769999>\",1152769999,600,ext-queues,PJSIP/trunk-\(n),,Queue,600,42,0,NO ANSWER,3,,1763642472.\(n),,1152770000\n"
        }
        fx.write(header + row(1))
        XCTAssertEqual(try fx.watcher().poll().externalIDs, ["1763642472.1"])
        try fx.append(row(2) + row(3))
        let restarted = try fx.watcher()
        let log = try restarted.poll()
        XCTAssertEqual(log.externalIDs, ["1763642472.2", "1763642472.3"])
        XCTAssertEqual(try restarted.follower.importer.store.read { try $0.messageCount() }, 3)
    }

    /// A report with title lines above its header: a watcher restarted past the header finds it below them.
    func testAHeaderBelowTitleLinesHoldsForRowsReadAfterARestart() throws {
        let head = "Reporte de llamadas;;;;;\nDesde 20/11/2026;;;;;\nFecha;Origen;Destino;Duración;Estado;Unique ID\n"
        func row(_ n: Int) -> String { "20/11/2026 09:4\(n):12;011 15 5276-9999;600;42;NO ANSWER;1763642472.\(n)\n" }
        fx.write(head + row(1))
        XCTAssertEqual(try fx.watcher().poll().externalIDs, ["1763642472.1"])
        try fx.append(row(2))
        let restarted = try fx.watcher()
        XCTAssertEqual(try restarted.poll().externalIDs, ["1763642472.2"])
        XCTAssertEqual(try restarted.follower.importer.store.read { try $0.messageCount() }, 2)
    }

    func testNoFileYetIsNotAnError() throws {
        XCTAssertEqual(try fx.watcher().poll().results, [])
    }

    func testARowWrittenInTwoPartsIsImportedOnceComplete() throws {
        let watcher = try fx.watcher()
        let second = CDRFixture.row(2)
        let cut = second.index(second.startIndex, offsetBy: 120)
        fx.write(CDRFixture.row(1) + second[..<cut])
        XCTAssertEqual(try watcher.poll().externalIDs, CDRFixture.ids(1...1))
        let position = try watcher.follower.importer.store.read { try $0.cdrPosition(path: self.fx.csvPath) }
        XCTAssertEqual(position?.offset, CDRFixture.row(1).utf8.count, "the half-written row stays unread")
        XCTAssertEqual(position?.line, 2)
        XCTAssertEqual(try watcher.poll().externalIDs, [], "still incomplete")
        try fx.append(String(second[cut...]))
        XCTAssertEqual(try watcher.poll().externalIDs, CDRFixture.ids(2...2))
        XCTAssertEqual(try watcher.poll().externalIDs, [])
    }

    func testRotationFinishesTheOldFileThenReadsTheNewOneFromItsStart() throws {
        let watcher = try fx.watcher()
        fx.write(CDRFixture.rows(1...2))
        XCTAssertEqual(try watcher.poll().externalIDs, CDRFixture.ids(1...2))
        try fx.append(CDRFixture.rows(3...3))
        try FileManager.default.moveItem(atPath: fx.csvPath, toPath: fx.csvPath + ".1")
        fx.write(CDRFixture.rows(4...5))
        let log = try watcher.poll()
        XCTAssertEqual(log.externalIDs, CDRFixture.ids(3...5), "the old file's last row, then the new file from its start")
        XCTAssertEqual(log.events, ["rotated, finished Master.csv.1"])
        XCTAssertEqual(try watcher.poll().externalIDs, [])
        let position = try watcher.follower.importer.store.read { try $0.cdrPosition(path: self.fx.csvPath) }
        XCTAssertEqual(position?.inode, try fx.inode(fx.csvPath))
        XCTAssertEqual(position?.line, 3)
    }

    func testRotationWithTheOldFileGoneReadsTheNewFileFromItsStart() throws {
        let watcher = try fx.watcher()
        fx.write(CDRFixture.rows(1...2))
        XCTAssertEqual(try watcher.poll().externalIDs, CDRFixture.ids(1...2))
        try FileManager.default.moveItem(atPath: fx.csvPath, toPath: fx.dir + "/archived.csv")
        fx.write(CDRFixture.rows(3...6))
        let log = try watcher.poll()
        XCTAssertEqual(log.externalIDs, CDRFixture.ids(3...6), "a new file longer than the old offset is still read from byte 0")
        XCTAssertEqual(log.events, ["rotated"])
    }

    func testTruncationRestartsAtTheStartOfTheFile() throws {
        let watcher = try fx.watcher()
        fx.write(CDRFixture.rows(1...3))
        XCTAssertEqual(try watcher.poll().externalIDs, CDRFixture.ids(1...3))
        let inode = try fx.inode(fx.csvPath)
        try fx.truncate()
        try fx.append(CDRFixture.rows(4...4))
        XCTAssertEqual(try fx.inode(fx.csvPath), inode)
        let log = try watcher.poll()
        XCTAssertEqual(log.events, ["truncated"])
        XCTAssertEqual(log.externalIDs, CDRFixture.ids(4...4))
    }

    func testAFileRewrittenInPlacePastTheSavedOffsetIsReadFromTheStart() throws {
        let watcher = try fx.watcher()
        fx.write(CDRFixture.row(1))
        XCTAssertEqual(try watcher.poll().externalIDs, CDRFixture.ids(1...1))
        let offset = CDRFixture.row(1).utf8.count
        let rewritten = CDRFixture.row(2, name: "Maria Gomez de la Serna") + CDRFixture.row(3)
        XCTAssertNotEqual(Array(rewritten.utf8)[offset - 1], UInt8(ascii: "\n"), "the saved offset falls inside a row")
        try fx.truncate()
        try fx.append(rewritten)
        let log = try watcher.poll()
        XCTAssertEqual(log.events, ["replaced"])
        XCTAssertEqual(log.externalIDs, CDRFixture.ids(2...3))
    }

    func testALineWithoutEndLongerThanAChunkIsSkippedAsBad() throws {
        let watcher = try fx.watcher(chunkBytes: CDRImporter.minimumChunkBytes)
        fx.write(CDRFixture.row(1) + String(repeating: "x", count: 3 * CDRImporter.minimumChunkBytes))
        XCTAssertEqual(try watcher.poll().externalIDs, CDRFixture.ids(1...1))
        try fx.append("\n" + CDRFixture.row(3))
        let log = try watcher.poll()
        XCTAssertEqual(log.errors, ["\(fx.csvPath): line 2: no line end within \(3 * CDRImporter.minimumChunkBytes + 1) bytes: not a CDR row"])
        XCTAssertEqual(log.externalIDs, CDRFixture.ids(3...3))
        XCTAssertEqual(try watcher.poll().externalIDs, [])
    }

    func testASecondWatcherContinuesFromTheSavedPositionAfterACrashBetweenChunks() throws {
        fx.write(CDRFixture.rows(1...150))
        let first = try fx.watcher(chunkBytes: CDRImporter.minimumChunkBytes)
        var before: [String] = []
        XCTAssertThrowsError(try first.follower.poll { event in
            guard case .chunk(let chunk) = event else { return }
            before += chunk.results.compactMap(\.externalID)
            throw Crash()
        })
        XCTAssertFalse(before.isEmpty)
        XCTAssertLessThan(before.count, 150, "the first chunk only")

        let restarted = try fx.watcher(chunkBytes: CDRImporter.minimumChunkBytes)
        let after = try restarted.poll()
        XCTAssertEqual(before + after.externalIDs, CDRFixture.ids(1...150), "nothing twice, nothing skipped")
        XCTAssertFalse(after.results.contains { $0.outcome == .duplicate })
        XCTAssertEqual(try restarted.follower.importer.store.read { try $0.messageCount() }, 150)
    }

    func testAFileLargerThanAChunkIsReadWhole() throws {
        fx.write(CDRFixture.rows(1...200))
        let watcher = try fx.watcher(chunkBytes: CDRImporter.minimumChunkBytes)
        var chunks = 0
        var ids: [String] = []
        try watcher.follower.poll { event in
            guard case .chunk(let chunk) = event else { return }
            chunks += 1
            ids += chunk.results.compactMap(\.externalID)
        }
        XCTAssertGreaterThan(chunks, 2)
        XCTAssertEqual(ids, CDRFixture.ids(1...200))
    }

    /// Every call has two legs (rows with its uniqueid), so some call straddles each chunk boundary: each
    /// chunk leaves its last call to the next, and every call is one record.
    func testACallsLegsOnBothSidesOfAChunkBoundaryAreOneCall() throws {
        fx.write((1...200).map { CDRFixture.row($0) + CDRFixture.row($0, answered: true) }.joined())
        let watcher = try fx.watcher(chunkBytes: CDRImporter.minimumChunkBytes)
        var chunks = 0
        var results: [IngestResult] = []
        try watcher.follower.poll { event in
            guard case .chunk(let chunk) = event else { return }
            chunks += 1
            results += chunk.results
        }
        XCTAssertGreaterThan(chunks, 2)
        XCTAssertEqual(results.compactMap(\.externalID), CDRFixture.ids(1...200))
        XCTAssertFalse(results.contains { $0.outcome == .duplicate }, "no leg is taken for a redelivery of its call")
    }

    func testABadRowIsLoggedWithItsLineNumberAndTheRestImports() throws {
        let watcher = try fx.watcher()
        fx.write(CDRFixture.row(1) + "\"\",\"5491152769999\",\"only\",\"five\",\"columns\"\n" + CDRFixture.row(3))
        try watcher.tick()
        let metrics = watcher.follower.importer.store
        XCTAssertEqual(try metrics.read { try $0.messageCount() }, 2)
        let context = fx.contexts[0]
        XCTAssertEqual(context.metrics.counter("intake_cdr_rows_total", [("result", "ok")]), 2)
        XCTAssertEqual(context.metrics.counter("intake_cdr_rows_total", [("result", "bad")]), 1)
        let warnings = fx.logs.all.filter { $0.contains("\"level\":\"warning\"") }
        XCTAssertEqual(warnings.count, 1)
        XCTAssertTrue(warnings[0].contains("\(fx.csvPath): line 2: expected 16 to 21 columns, found 5"), warnings[0])
        XCTAssertTrue(warnings[0].contains("\"line\":2"), warnings[0])
    }

    func testTheBadRowsFixtureImportsItsGoodRows() throws {
        let fixture = TestPaths.fixture("phone/cdr-bad-rows.csv")
        try FileManager.default.copyItem(atPath: fixture.path, toPath: fx.csvPath)
        let log = try fx.watcher().poll()
        XCTAssertEqual(log.externalIDs, ["1709659800.18", "1709661600.21"])
        XCTAssertEqual(log.errors.map { $0.replacingOccurrences(of: fx.csvPath + ": ", with: "") }, [
            "line 2: expected 16 to 21 columns, found 6",
            "line 3: bad start date: 2024-02-30 14:40:00",
            "line 5: bad duration: thirty",
        ])
    }
}
