@testable import IntakeMail
import XCTest

final class IMAPResponseTests: XCTestCase {
    func testStatusItemsAreReadInAnyOrder() {
        let lines = ["* STATUS \"Support Inbox\" (UIDNEXT 7 MESSAGES 2 UIDVALIDITY 3857529045)", "A3 OK done"]
        XCTAssertEqual(IMAPResponse.statusItems(lines), ["UIDNEXT": 7, "MESSAGES": 2, "UIDVALIDITY": 3_857_529_045])
    }

    func testFetchSummariesSkipUnsolicitedResponses() {
        let lines = [
            "* 3 EXISTS",
            "* 1 FETCH (FLAGS (\\Seen))",
            "* 2 FETCH (FLAGS (\\Recent) UID 8 RFC822.SIZE 120)",
            "* 3 fetch (uid 9 flags (\\Seen \\Flagged) modseq (12))",
            "A5 OK Fetch completed",
        ]
        XCTAssertEqual(IMAPResponse.fetchSummaries(lines), [
            IMAPMessageSummary(uid: 8, isSeen: false, size: 120),
            IMAPMessageSummary(uid: 9, isSeen: true, size: nil),
        ])
    }

    func testLastMessageNumberCountsTheExpungesThatFollowTheFetch() {
        let lines = ["* 1 EXPUNGE", "* 12 FETCH (UID 40 FLAGS () RFC822.SIZE 9)", "* 2 FETCH (UID 7 FLAGS (\\Seen))", "* 1 EXPUNGE",
                     "* 11 EXPUNGE", "* 13 EXISTS", "A5 OK Fetch completed."]
        XCTAssertEqual(IMAPResponse.lastMessageNumber(lines), 10)
        XCTAssertEqual(IMAPResponse.lastMessageNumber(["* 12 FETCH (UID 40)", "* 12 EXPUNGE"]), 11)
        XCTAssertNil(IMAPResponse.lastMessageNumber(["* 3 EXPUNGE", "A5 OK Fetch completed."]))
    }

    func testCompletionAndRejection() {
        XCTAssertEqual(IMAPResponse.completion(["* 1 EXISTS", "A7 NO [ALREADYEXISTS] Mailbox exists"])?.status, "NO")
        XCTAssertNil(IMAPResponse.completion(["* BYE"]))
        XCTAssertEqual(IMAPResponse.rejection(["A3 NO [TRYCREATE] No folder", "* BYE Logging out", "A4 OK Logout"]), "NO [TRYCREATE] No folder")
    }

    func testAppendUID() {
        XCTAssertEqual(IMAPResponse.appendedUID("[APPENDUID 38505 3955] APPEND completed").map { [$0.uidValidity, $0.uid] }, [38505, 3955])
        XCTAssertNil(IMAPResponse.appendedUID("APPEND completed"))
    }

    func testUIDSetsCollapseRuns() {
        let cases: [([UInt32], String)] = [([], ""), ([5], "5"), ([3, 1, 2, 9, 5, 4], "1:5,9"), ([7, 7, 8], "7:8"), ([UInt32.max, 1], "1,4294967295")]
        for (uids, expected) in cases {
            XCTAssertEqual(UIDSet(uids).description, expected, "\(uids)")
        }
        XCTAssertTrue(UIDSet(range: 1...1_000_000).contains(999_999))
    }

    func testUIDSetsAreCutIntoChunksOfAtMostNUIDs() {
        XCTAssertEqual(UIDSet([1, 2, 3, 7, 8, 20]).chunks(ofAtMost: 2).map(\.description), ["1:2", "3,7", "8,20"])
        XCTAssertEqual(UIDSet(range: 1...120).chunks(ofAtMost: 50).map(\.description), ["1:50", "51:100", "101:120"])
        XCTAssertEqual(UIDSet([5]).chunks(ofAtMost: 50).map(\.description), ["5"])
        XCTAssertEqual(UIDSet([UInt32]()).chunks(ofAtMost: 50), [])
        XCTAssertEqual(UIDSet(range: UInt32.max - 1...UInt32.max).chunks(ofAtMost: 1).map(\.description), ["\(UInt32.max - 1)", "\(UInt32.max)"])
    }

    func testFolderNamesAreQuotedAndPercentEncoded() throws {
        XCTAssertEqual(try IMAPClient.quoted("Support \"VIP\"\\x"), "\"Support \\\"VIP\\\"\\\\x\"")
        XCTAssertEqual(IMAPClient.pathSegment("A b/c"), "A%20b%2Fc")
    }

    /// RFC 3501 §5.1.3: printable ASCII but `&` as itself, `&` as `&-`, other characters as UTF-16 in
    /// modified base64 (`,` for `/`) between `&` and `-`.
    func testFolderNamesAreEncodedInModifiedUTF7() throws {
        XCTAssertEqual(ModifiedUTF7.encode("~peter/mail/台北/日本語"), "~peter/mail/&U,BTFw-/&ZeVnLIqe-")
        XCTAssertEqual(ModifiedUTF7.encode("Atención & Soporte"), "Atenci&APM-n &- Soporte")
        XCTAssertEqual(ModifiedUTF7.encode("Boîte"), "Bo&AO4-te")
        XCTAssertEqual(ModifiedUTF7.encode("😀"), "&2D3eAA-")
        XCTAssertEqual(try IMAPClient.quoted("Boîte"), "\"Bo&AO4-te\"")
        XCTAssertEqual(IMAPClient.pathSegment("Boîte"), "Bo%26AO4-te")
    }
}
