import IntakeChannels
import XCTest

/// Rows of one call as PBXs really write them: the same leg twice, and legs whose talk adds up.
final class CDRRepeatedLegTests: XCTestCase {
    private static func row(_ billsec: Int, dstchannel: String = "PJSIP/201-00000065", end: String = "15:28:02") -> String {
        #""","5491152769999","1143215000","from-trunk","""Juan Perez"" <5491152769999>","PJSIP/telecom-ar-00000064","\#(dstchannel)","Dial","PJSIP/201,30,T","2026-11-24 15:21:36","2026-11-24 15:21:47","2026-11-24 \#(end)",386,\#(billsec),"ANSWERED","DOCUMENTATION","1764008496.152","""#
    }

    func testTheSameLegWrittenAgainIsOneLegAndTalkNeverOutlastsTheCall() {
        let cases: [(rows: [String], billsec: Int, legs: Int)] = [
            ([Self.row(375)], 375, 1),
            ([Self.row(375), Self.row(375), Self.row(375)], 375, 1),
            // A transfer on the first channel: talk after talk adds up...
            ([Self.row(200, dstchannel: "PJSIP/201-00000065"), Self.row(150, dstchannel: "PJSIP/305-00000070")], 350, 2),
            // ...but never beyond the call's own length (386 s from start to end).
            ([Self.row(300, dstchannel: "PJSIP/201-00000065"), Self.row(300, dstchannel: "PJSIP/305-00000070")], 386, 2),
        ]
        for (rows, billsec, legs) in cases {
            let chunk = CDRReader().readAll(Array((rows.joined(separator: "\n") + "\n").utf8))
            XCTAssertEqual(chunk.rows.count, 1, "\(rows.count) rows")
            XCTAssertEqual(chunk.rows.first?.record.billableSeconds, billsec, "\(rows)")
            XCTAssertEqual(chunk.rows.first?.record.legs, legs, "\(rows)")
        }
    }
}
