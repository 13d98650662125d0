import Foundation
import IntakeCore
import IntakeDesk
import IntakeService
import IntakeTestSupport
import XCTest

/// A CEL file (`cel_custom`'s `Master.csv`) through `cdr import` and `cdr watch`: its events are rebuilt
/// into calls as `intake normalize` rebuilds them, and a call whose events arrive over several reads,
/// or across a restart of the watcher, is one call.
final class CELImportTests: XCTestCase {
    var fx: CDRFixture!

    override func setUpWithError() throws { fx = try CDRFixture() }
    override func tearDown() { fx.remove() }

    /// The fixture's lines: three calls that end (lines 1–16, 17–23, 24–30) and one still ringing (31).
    private func lines(_ range: ClosedRange<Int>) throws -> String {
        let text = try String(contentsOf: TestPaths.fixture("phone/cel-custom-master.csv"), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false)[(range.lowerBound - 1)...(range.upperBound - 1)]
            .map { $0 + "\n" }.joined()
    }

    func testImportRebuildsTheCallsAndReportsTheOneNotEnded() throws {
        fx.write(try lines(1...31))
        let importer = try fx.watcher().follower.importer
        let file = try XCTUnwrap(try CDRFile.open(fx.csvPath))
        defer { file.close() }
        var log = PollLog()
        try importer.importRows(of: file, from: .init(inode: file.inode, offset: 0, line: 1), trackingPath: nil, isFinished: true) {
            log.record(.chunk($0))
        }
        XCTAssertEqual(log.externalIDs, ["1732540800.11", "1732541000.20", "1732541100.30"])
        XCTAssertEqual(log.errors, ["\(fx.csvPath): line 31: call 1732541200.40 has not ended in this file (its channel has not hung up)"])
    }

    func testAWatchedCallSplitAcrossReadsAndARestartIsOneCall() throws {
        fx.write(try lines(1...12))
        XCTAssertEqual(try fx.watcher().poll().results, [], "call 1 is still going on")
        try fx.append(try lines(13...22))
        let restarted = try fx.watcher()
        let first = try restarted.poll()
        XCTAssertEqual(first.externalIDs, ["1732540800.11", "1732541000.20"], "call 2 is over at its last channel's HANGUP")
        XCTAssertEqual(first.errors, [])
        let hangup = #""HANGUP","1732541230.000000","","5491152760000","5491152760000","","1143210000","1143210000","from-pstn","PJSIP/trunk-00000040","","","3","","1732541200.40","1732541200.40","","","","{""dialstatus"":""NOANSWER""}""#
        try fx.append(try lines(23...31) + hangup + "\n")
        let second = try fx.watcher().poll()
        XCTAssertEqual(second.externalIDs, ["1732541100.30", "1732541200.40"], "call 2's CHAN_END read later is no call of its own")
        XCTAssertEqual(second.errors, [])
        XCTAssertEqual((first.results + second.results).filter { $0.outcome == .duplicate }, [])
        XCTAssertEqual(try restarted.follower.importer.store.read { try $0.messageCount() }, 4)
        let held = try restarted.follower.importer.store.read { try $0.cdrHeldEvents(path: self.fx.csvPath) }
        XCTAssertFalse(held?.contains("fields") ?? false, "no event is held once every call ended: \(held ?? "")")
    }
}
