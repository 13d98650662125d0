import Foundation
import IntakeChannels
import IntakeCore
import IntakeTestSupport
import XCTest

final class CDRReaderTests: XCTestCase {
    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: FixtureTable.folder("phone").appendingPathComponent(name)))
    }

    static let row = #""","5491152769999","1152769000","from-trunk","""Juan Perez"" <5491152769999>","SIP/t-1","SIP/101-2","Dial","SIP/101,30","2024-03-05 14:30:00",,"2024-03-05 14:30:30",30,0,"NO ANSWER","DOCUMENTATION","1709659800.18","""#

    /// Reads `bytes` the way a watcher does: a first chunk of `split` bytes, then the rest from where it
    /// said to resume, as end of input.
    static func readInTwoChunks(_ bytes: [UInt8], split: Int, reader: CDRReader = CDRReader()) -> (rows: [CDRRow], errors: [CDRRowError]) {
        let first = reader.read(Array(bytes[..<split]), offset: 0, line: 1)
        let rest = reader.read(Array(bytes[first.resumeOffset...]), offset: first.resumeOffset, line: first.resumeLine, isEndOfInput: true)
        return (first.rows + rest.rows, first.errors + rest.errors)
    }

    func testEveryRowComesOutExactlyOnceWhereverTheFileIsSplit() throws {
        for name in ["cdr-dispositions.csv", "cdr-16-columns-crlf.csv", "cdr-optional-columns.csv", "cdr-bad-rows.csv"] {
            let bytes = try Self.fixture(name)
            let whole = CDRReader().readAll(bytes)
            XCTAssertFalse(whole.rows.isEmpty, name)
            for split in 0...bytes.count {
                let parts = Self.readInTwoChunks(bytes, split: split)
                XCTAssertEqual(parts.rows, whole.rows, "\(name) split at \(split)")
                XCTAssertEqual(parts.errors, whole.errors, "\(name) split at \(split)")
            }
        }
    }

    /// Rows of one call with another row between them are two records, so that a read split anywhere
    /// (`cdr import` reads in chunks) tells the same calls as the whole file: a chunk cannot take back a
    /// row it already gave. Found by the fuzz target (kept in `Fixtures/fuzz-regressions/phone`).
    func testRowsOfOneCallApartAreReadAlikeWholeAndInChunks() throws {
        let other = Self.row.replacingOccurrences(of: "1709659800.18", with: "1709659811.20")
        let apart = Array((Self.row + "\n" + other + "\n" + Self.row + "\n").utf8)
        let found = Array(try Data(contentsOf: TestPaths.fixture("fuzz-regressions/phone/cdr-split-inside-quoted-newline.csv")))
        for bytes in [apart, found] {
            let whole = CDRReader().readAll(bytes)
            for split in 0...bytes.count {
                // As the importer reads: the first read holds back its last call, the second goes on with
                // the columns the first found.
                var reader = CDRReader()
                let first = reader.read(Array(bytes[..<split]), holdingBackLastCall: true)
                reader.columns = first.columns
                let rest = reader.read(Array(bytes[first.resumeOffset...]), offset: first.resumeOffset, line: first.resumeLine, isEndOfInput: true)
                XCTAssertEqual(first.rows + rest.rows, whole.rows, "split at \(split)")
            }
        }
        XCTAssertEqual(CDRReader().readAll(apart).rows.map(\.line), [1, 2, 3])
    }

    func testAnIncompleteTrailingRowIsLeftForTheNextRead() {
        let complete = Array((Self.row + "\n").utf8)
        let partial = Array(Self.row.prefix(40).utf8)
        let chunk = CDRReader().read(complete + partial, offset: 1000, line: 7)
        XCTAssertEqual(chunk.rows.map(\.line), [7])
        XCTAssertEqual(chunk.rows.first?.endOffset, 1000 + complete.count)
        XCTAssertEqual(chunk.resumeOffset, 1000 + complete.count)
        XCTAssertEqual(chunk.resumeLine, 8)
    }

    func testARowWithoutItsNewlineIsCompleteOnlyAtTheEndOfInput() {
        let bytes = Array(Self.row.utf8)
        XCTAssertEqual(CDRReader().read(bytes).rows.count, 0)
        XCTAssertEqual(CDRReader().read(bytes, isEndOfInput: true).rows.count, 1)
    }

    func testQuotedFieldsKeepCommasQuotesAndNewlines() throws {
        let text = "\"\",\"1152769999\",\"s\",\"ctx\",\"\"\"Perez, Juan\"\" <1152769999>\",\"DAHDI/1-1\",\"\",\"Playback\",\"a,\nb\",\"2024-03-05 09:00:00\",,,0,0,\"NO ANSWER\",\"DOCUMENTATION\"\nnext"
        let chunk = CDRReader().read(Array(text.utf8))
        let record = try XCTUnwrap(chunk.rows.first?.record)
        XCTAssertEqual(record.callerID, "\"Perez, Juan\" <1152769999>")
        XCTAssertEqual(record.lastData, "a,\nb")
        XCTAssertNil(record.answer)
        XCTAssertEqual(chunk.resumeLine, 3, "the newline inside quotes counts as a line")
    }

    func testBadRowsAreReportedWithTheirLineAndReadingGoesOn() throws {
        let chunk = CDRReader().readAll(try Self.fixture("cdr-bad-rows.csv"))
        XCTAssertEqual(chunk.rows.map(\.line), [1, 6])
        XCTAssertEqual(chunk.errors, [
            CDRRowError(line: 2, reason: "expected 16 to 21 columns, found 6"),
            CDRRowError(line: 3, reason: "bad start date: 2024-02-30 14:40:00"),
            CDRRowError(line: 5, reason: "bad duration: thirty"),
        ])
    }

    func testAQuoteLeftOpenAtTheEndOfInputIsReportedAndTheRowsBeforeItKept() {
        let text = Self.row + "\n" + "\"\",\"1152769999\",\"open\nmore text"
        let watcher = CDRReader().read(Array(text.utf8))
        XCTAssertEqual(watcher.rows.map(\.line), [1])
        XCTAssertEqual(watcher.errors, [], "a watcher waits for the quote to close")
        let chunk = CDRReader().readAll(Array(text.utf8))
        XCTAssertEqual(chunk.rows.map(\.line), [1])
        XCTAssertEqual(chunk.errors.first, CDRRowError(line: 2, reason: "unterminated quoted field"))
    }

    func testAQuoteOpenForLongerThanAnyRecordIsGivenUpOnWithoutWaitingForever() {
        let filler = String(repeating: "texto sin comillas\n", count: CDRReader.maximumRowBytes / 10)
        let text = "\"\",\"1152769999\",\"open" + filler
        let chunk = CDRReader().read(Array(text.utf8))
        XCTAssertEqual(chunk.errors.first, CDRRowError(line: 1, reason: "unterminated quoted field"))
        XCTAssertGreaterThan(chunk.resumeOffset, 0)
    }

    func testAHeaderRowOnTheFirstLineIsSkipped() throws {
        let chunk = CDRReader().readAll(try Self.fixture("cdr-16-columns-crlf.csv"))
        XCTAssertEqual(chunk.errors, [])
        XCTAssertEqual(chunk.rows.map(\.line), [2, 3])
    }

    /// A header names the order (a CDR database export: calldate first, no answer or end column, extra
    /// columns); the reader hands it on so a later chunk reads its rows the same way.
    func testAHeaderNamedColumnOrderIsReadAndHandedToLaterChunks() throws {
        let bytes = try Self.fixture("cdr-freepbx-export.csv")
        let whole = CDRReader().readAll(bytes)
        XCTAssertEqual(whole.errors, [])
        XCTAssertEqual(whole.rows.map(\.record.uniqueID), ["1763642472.298", "1763643725.305", "1763644540.311"])
        XCTAssertEqual(whole.rows.map(\.record.disposition), ["ANSWERED", "NO ANSWER", "ANSWERED"])
        XCTAssertEqual(whole.rows.first?.record.start.iso8601, "2026-11-20T12:41:12Z")
        XCTAssertEqual(whole.rows.first?.record.billableSeconds, 80)
        XCTAssertNil(whole.rows.first?.record.answer)
        XCTAssertEqual(whole.rows.map(\.record.dialledNumber), ["1152770000", "1152770000", nil], "the did column, empty on the outbound call")
        let cut = try XCTUnwrap(bytes.firstIndex(of: UInt8(ascii: "\n"))) + 1
        var reader = CDRReader()
        let first = reader.read(Array(bytes[..<cut]))
        XCTAssertEqual(first.rows, [])
        reader.columns = first.columns
        let rest = reader.read(Array(bytes[cut...]), offset: cut, line: 2, isEndOfInput: true)
        XCTAssertEqual(rest.rows.map(\.record), whole.rows.map(\.record))
        let headerless = CDRReader().read(Array(bytes[cut...]), offset: cut, line: 2, isEndOfInput: true)
        XCTAssertEqual(headerless.rows.map(\.record), whole.rows.map(\.record), "without the header: the CDR table's own order")
    }

    func testHeaderNamesTable() {
        let rows: [(header: String, usable: Bool)] = [
            ("accountcode,src,dst,dcontext,clid,channel,dstchannel,lastapp,lastdata,start,answer,end,duration,billsec,disposition,amaflags", true),
            ("calldate,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,disposition,amaflags,accountcode,uniqueid,userfield,did", true),
            ("Call Date,Source,Destination,Duration,Billsec,Status", true),
            ("calldate,src,dst,duration,disposition", true),
            ("Fecha,Origen,Destino,Duración,Estado", true),
            ("calldate,src,dst,disposition", false),
            ("Call Date,Caller,Called,Period,user Field", true),
            ("Date,Source,Ring Group,Destination,Src. Channel,Account Code,Dst. Channel,Call Type,Status,Duration", true),
            ("calldate,clid,src,dst,duration,billsec,uniqueid", true),
            ("date,source_name,source_exten,destination_name,destination_exten,user_field,answered,duration", true),
            ("a,b,c", false),
        ]
        for row in rows {
            let fields = row.header.split(separator: ",").map(String.init)
            XCTAssertEqual(CDRColumns(header: fields) != nil, row.usable, row.header)
        }
    }

    /// CDRs come out of spreadsheets and reports, not only `cdr_csv`: dates in the locale's order and
    /// without seconds, a zone, Unix seconds from a `cdr_custom` mapping (`${CDR(start,u)}`).
    func testStartTimesInTheFormsExportsWriteThem() {
        let table: [(start: String, utc: String?)] = [
            ("2024-03-05 14:30:00", "2024-03-05T17:30:00Z"),
            ("2024-03-05 14:30", "2024-03-05T17:30:00Z"),
            ("2024-03-05T14:30:00.250", "2024-03-05T17:30:00Z"),
            ("2024/03/05 14:30:00", "2024-03-05T17:30:00Z"),
            ("05/03/2024 14:30", "2024-03-05T17:30:00Z"),
            ("5/3/24 14:30:00", "2024-03-05T17:30:00Z"),
            ("05-03-2024 14:30:00", "2024-03-05T17:30:00Z"),
            ("03/25/2024 14:30", "2024-03-25T17:30:00Z"),
            ("3/5/2024 2:30 PM", "2024-03-05T17:30:00Z"),
            ("3/5/2024 12:05:00 AM", "2024-03-05T03:05:00Z"),
            ("5/3/2024 2:30:00 p. m.", "2024-03-05T17:30:00Z"),
            ("5/3/2024 11:30 a. m.", "2024-03-05T14:30:00Z"),
            ("2024-03-05 17:30:00Z", "2024-03-05T17:30:00Z"),
            ("2024-03-05 14:30:00 -0300", "2024-03-05T17:30:00Z"),
            ("2024-03-05 20:30:00+03:00", "2024-03-05T17:30:00Z"),
            ("2024-03-05 17:30:00 UTC", "2024-03-05T17:30:00Z"),
            ("1709659800", "2024-03-05T17:30:00Z"),
            ("1709659800.123456", "2024-03-05T17:30:00Z"),
            ("1709659800123", "2024-03-05T17:30:00Z"),
            ("1709659800123.5", "2024-03-05T17:30:00Z"),
            ("2024-13-05 14:30:00", nil),
            ("05/03/2024", nil),
            ("13/25/2024 14:30", nil),
            ("2024-03-05 14:30:00 Buenos Aires", nil),
        ]
        for (start, utc) in table {
            let row = Self.row.replacingOccurrences(of: "\"2024-03-05 14:30:00\"", with: "\"\(start)\"")
            let chunk = CDRReader().readAll(Array(row.utf8))
            XCTAssertEqual(chunk.rows.first?.record.start.iso8601, utc, start)
        }
    }

    /// Report exports give durations as `h:mm:ss`, dispositions in their own spelling, and sometimes no
    /// billsec column at all: an answered call's time in the system is then its talk time.
    func testDurationsAndDispositionsAsReportsWriteThem() throws {
        let csv = "calldate,src,dst,duration,disposition,uniqueid\n2024-03-05 14:30:00,1152769999,600,0:01:35,Answered,1.1\n2024-03-05 14:40:00,1152769999,600,12,no_answer,1.2\n2024-03-05 14:50:00,1152769999,600,3,Ocupado,1.3\n"
        let records = CDRReader().readAll(Array(csv.utf8)).rows.map(\.record)
        XCTAssertEqual(records.map(\.disposition), ["ANSWERED", "NO ANSWER", "BUSY"])
        XCTAssertEqual(records.map(\.duration), [95, 12, 3])
        XCTAssertEqual(records.map(\.billableSeconds), [95, 0, 0])
    }

    /// `DIALSTATUS` words in a disposition column (a `cdr_custom` mapping or a dialplan that logs
    /// `${DIALSTATUS}`) and the words of call reports: an `ANSWER` with 90 seconds talked was a missed call.
    func testDialStatusAndReportWordsAreDispositions() {
        let table: [(word: String, disposition: String)] = [
            ("ANSWER", "ANSWERED"), ("NOANSWER", "NO ANSWER"), ("CANCEL", "NO ANSWER"), ("CHANUNAVAIL", "FAILED"),
            ("DONTCALL", "NO ANSWER"), ("TORTURE", "NO ANSWER"), ("INVALIDARGS", "FAILED"), ("Unanswered", "NO ANSWER"),
            ("Missed", "NO ANSWER"), ("Abandoned", "NO ANSWER"), ("BUSY", "BUSY"), ("CONGESTION", "CONGESTION"),
        ]
        for (word, disposition) in table {
            let csv = "calldate,src,dst,duration,billsec,disposition,uniqueid\n2024-03-05 14:30:00,1152769999,600,95,\(disposition == "ANSWERED" ? 90 : 0),\(word),1.1\n"
            let message = try? PhoneAdapter().normalize(RawPayload(bytes: Array(csv.utf8))).first
            XCTAssertEqual(message?.metadata["disposition"]?.stringValue, disposition, word)
            XCTAssertEqual(message?.kind, disposition == "ANSWERED" ? .call : .missedCall, word)
        }
    }

    /// XiVO's call-log CSV and many reports have no disposition column: answered or missed is told from
    /// billsec (XiVO's period, 0 when not answered), else an answer time, else an end time without one,
    /// else the one duration; the basis is kept, and a row that says its disposition is read as it says.
    func testARowWithoutADispositionHasOneInferredFromWhatItHas() {
        let table: [(csv: String, disposition: String, basis: String?, billsec: Int)] = [
            ("Call Date,Caller,Called,Period,user Field\n2024-11-25T10:15:02,Juan (01152769999),4000,0,\n", "NO ANSWER", "billsec", 0),
            ("Call Date,Caller,Called,Period,user Field\n2024-11-25T10:15:02,Juan (01152769999),4000,185,\n", "ANSWERED", "billsec", 185),
            ("start,answer,end,src,dst,duration\n2024-11-25 09:00:00,2024-11-25 09:00:12,2024-11-25 09:04:12,1152769999,4000,252\n", "ANSWERED", "answer", 240),
            ("start,answer,end,src,dst,duration\n2024-11-25 09:00:00,,2024-11-25 09:00:40,1152769999,4000,40\n", "NO ANSWER", "end", 0),
            ("calldate,src,dst,duration\n2024-11-25 09:00:00,1152769999,4000,95\n", "ANSWERED", "duration", 95),
            ("calldate,src,dst,duration\n2024-11-25 09:00:00,1152769999,4000,0\n", "NO ANSWER", "duration", 0),
            ("date,source_exten,destination_exten,answered,duration\n2024-11-25 09:00:00,1152769999,4000,f,00:00:00\n", "NO ANSWER", nil, 0),
            ("date,source_exten,destination_exten,answered,duration\n2024-11-25 09:00:00,1152769999,4000,t,00:01:35\n", "ANSWERED", nil, 95),
            ("calldate,src,dst,duration,billsec,disposition\n2024-11-25 09:00:00,1152769999,4000,30,0,BUSY\n", "BUSY", nil, 0),
        ]
        for row in table {
            let chunk = CDRReader().readAll(Array(row.csv.utf8))
            XCTAssertEqual(chunk.errors, [], row.csv)
            let record = chunk.rows.first?.record
            XCTAssertEqual(record?.disposition, row.disposition, row.csv)
            XCTAssertEqual(record?.dispositionBasis, row.basis, row.csv)
            XCTAssertEqual(record?.billableSeconds, row.billsec, row.csv)
        }
    }

    /// PostgreSQL writes an `interval` with the seconds' fraction (`00:03:05.52`), as XiVO's `call_log`
    /// table keeps its durations: such a row was a "bad duration" and the call was lost.
    func testDurationsWithAFractionOfASecondAreRounded() {
        let header = "date,source_exten,destination_exten,answered,duration\n"
        let table: [(duration: String, seconds: Int?)] = [
            ("00:03:05.52", 186), ("00:00:59.6", 60), ("3:05.4", 185), ("00:00:00.000001", 0), ("00:01:35", 95),
            ("00:00:60.0", nil), ("00:00:5.2.1", nil), ("00:00:-1", nil), ("00:00:.5", nil), ("00:00:1e2", nil),
        ]
        for (duration, seconds) in table {
            let chunk = CDRReader().readAll(Array((header + "2024-11-25 09:00:00,1152769999,4000,t,\(duration)\n").utf8))
            XCTAssertEqual(chunk.rows.first?.record.duration, seconds, duration)
        }
    }

    /// A report saved from a spreadsheet in a Spanish locale writes seconds with a decimal comma (`65,4`);
    /// an English locale's thousands (`1,234`) are no duration, rather than 1 second.
    func testDurationsWithADecimalCommaAreRounded() {
        let header = "Fecha;Origen;Destino;Duración;Billsec;Estado\n"
        let table: [(duration: String, seconds: Int?)] = [
            ("65,4", 65), ("65,52", 66), ("0,5", 1), ("65", 65), ("1,234", nil), (",5", nil), ("65,", nil), ("6,5,1", nil),
        ]
        for (duration, seconds) in table {
            let chunk = CDRReader().readAll(Array((header + "05/03/2024 14:30;1152769999;600;\(duration);0;No Answer\n").utf8))
            XCTAssertEqual(chunk.rows.first?.record.duration, seconds, duration)
        }
    }

    /// XiVO's `call_log` table dumped without a header (`copy call_log to ... CSV`, as XiVO's documentation
    /// says): the first row tells the table's order, which a watcher's later reads go on with.
    func testAHeaderlessXiVOCallLogDumpHandsItsOrderOn() throws {
        let first = "41,2014-03-05 10:15:02.123456,\"Juan\",01152769999,\"Soporte\",4000,,t,00:03:05.52\n"
        let second = "42,2014-03-05 10:20:40.5,\"Ana\",01152769998,\"\",4000,,f,00:00:00\n"
        let chunk = CDRReader().read(Array(first.utf8))
        XCTAssertEqual(chunk.errors, [])
        XCTAssertEqual(chunk.rows.map(\.record.source), ["01152769999"])
        var reader = CDRReader()
        reader.columns = chunk.columns
        let next = reader.read(Array(second.utf8), offset: chunk.resumeOffset, line: chunk.resumeLine)
        XCTAssertEqual(next.errors, [])
        XCTAssertEqual(next.rows.map(\.record.disposition), ["NO ANSWER"])
        XCTAssertEqual(next.rows.first?.record.callerID, "\"Ana\" <01152769998>")
    }

    /// XiVO's `Caller` has no `src` beside it: the number in it stands in, so two callers in the same
    /// second (rows without a uniqueid) keep ids of their own.
    func testRowsWithOnlyACallerColumnGetFallbackIDsOfTheirCaller() {
        let csv = "Call Date,Caller,Called,Period,user Field\n2024-11-25T10:15:02,Juan (01152769999),4000,0,\n2024-11-25T10:15:02,Ana (01152769998),4000,0,\n"
        let records = CDRReader().readAll(Array(csv.utf8)).rows.map(\.record)
        XCTAssertEqual(records.map(\.source), ["01152769999", "01152769998"])
        XCTAssertEqual(Set(records.map(\.fallbackExternalID)).count, 2)
    }

    /// Issabel's and Elastix's CDR report export: `Src. Channel`/`Dst. Channel` headers and the billable
    /// seconds as `95s (1m 35s)`; durations with units as other reports write them.
    func testIssabelReportExportsAndDurationsWithUnitsAreRead() throws {
        let header = "\"Date\",\"Source\",\"Ring Group\",\"Destination\",\"Src. Channel\",\"Account Code\",\"Dst. Channel\",\"Call Type\",\"Status\",\"Duration\"\n"
        let table: [(duration: String, seconds: Int?)] = [
            ("95s (1m 35s)", 95), ("30s", 30), ("3725s (1h 2m 5s)", 3725), ("1m 35s", 95), ("1h2m5s", 3725),
            ("2 min 5 seg", 125), ("0s", 0), ("95 segundos", nil), ("s", nil), ("(1m)", nil),
        ]
        for (duration, seconds) in table {
            let row = "\"2024-11-25 10:00:00\",\"1152769999\",\"600 (Soporte)\",\"600\",\"SIP/trunk-1\",\"\",\"SIP/201-2\",\"incoming\",\"ANSWERED\",\"\(duration)\"\n"
            let chunk = CDRReader().readAll(Array((header + row).utf8))
            XCTAssertEqual(chunk.rows.first?.record.duration, seconds, duration)
            XCTAssertEqual(chunk.rows.first?.record.destinationChannel, seconds == nil ? nil : "SIP/201-2", duration)
        }
    }

    /// A spreadsheet in a comma-decimal locale saves with `;`. The first line tells, once it has arrived
    /// whole (a part of it could tell otherwise); the reader hands the separator on with the header's
    /// order, so the rows of a later chunk split the same way, wherever the file is cut.
    /// `bytes` read in two reads cut at `cut`, the second resuming where the first asks (as the watcher
    /// does when a file grows between polls): the rows and errors of both.
    static func readInTwo(_ bytes: [UInt8], cut: Int) -> (rows: [CDRRow], errors: [CDRRowError]) {
        var reader = CDRReader()
        let first = reader.read(Array(bytes[..<cut]))
        reader.columns = first.columns
        let resume = first.resumeOffset
        let rest = reader.read(Array(bytes[resume...]), offset: resume, line: first.resumeLine, isEndOfInput: true)
        return (first.rows + rest.rows, first.errors + rest.errors)
    }

    func testASemicolonSeparatedExportIsReadAndItsSeparatorHandedToLaterChunks() throws {
        let bytes = try Self.fixture("cdr-spreadsheet-semicolon.csv")
        let whole = CDRReader().readAll(bytes)
        XCTAssertEqual(whole.errors, [])
        XCTAssertEqual(whole.rows.map(\.record.uniqueID), ["1709659800.11", "1709661720.12", "1711368900.13"])
        XCTAssertEqual(whole.columns?.separator, UInt8(ascii: ";"))
        for cut in 0...bytes.count {
            XCTAssertEqual(Self.readInTwo(bytes, cut: cut).rows, whole.rows, "cut at \(cut)")
        }
        let commaFile = Array("note;x;y,calldate,src,dst,duration,disposition,uniqueid\nz,2024-03-05 14:30:00,1152769999,600,20,NO ANSWER,1.1\n".utf8)
        for cut in 0...commaFile.count {
            var reader = CDRReader()
            let first = reader.read(Array(commaFile[..<cut]))
            reader.columns = first.columns
            let rest = reader.read(Array(commaFile[first.resumeOffset...]), offset: first.resumeOffset, line: first.resumeLine, isEndOfInput: true)
            XCTAssertEqual((first.rows + rest.rows).map(\.record.uniqueID), ["1.1"], "a first line that starts with ';' cut at \(cut)")
        }
        let unusableHeader = Array("Fecha;Origen;Destino\n\"\";1152769999;600;from-trunk;\"\";SIP/t-1;;Dial;;2024-03-05 14:30:00;;2024-03-05 14:30:30;30;0;NO ANSWER;DOCUMENTATION;1.2\n".utf8)
        let cut = try XCTUnwrap(unusableHeader.firstIndex(of: UInt8(ascii: "\n"))) + 1
        var reader = CDRReader()
        let first = reader.read(Array(unusableHeader[..<cut]))
        reader.columns = first.columns
        let rest = reader.read(Array(unusableHeader[cut...]), offset: cut, line: 2, isEndOfInput: true)
        XCTAssertEqual(rest.rows.map(\.record.uniqueID), ["1.2"], "a header too poor to order the columns still told the separator")
        let headerless = Array("\"\";1152769999;600;from-trunk;\"\";SIP/t-1;;Dial;;2024-03-05 14:30:00;;2024-03-05 14:30:30;30;0;NO ANSWER;DOCUMENTATION;1709659800.1\n".utf8)
        XCTAssertEqual(CDRReader().readAll(headerless).rows.first?.record.uniqueID, "1709659800.1")
    }

    /// Report exports that write a title, the date range or an empty spreadsheet row above their header:
    /// those lines are skipped, the header found below them orders the columns and tells the separator,
    /// however the file is cut into reads.
    func testTitleLinesAboveTheHeaderRowAreSkipped() throws {
        let bytes = try Self.fixture("cdr-report-preamble.csv")
        let whole = CDRReader().readAll(bytes)
        XCTAssertEqual(whole.errors, [])
        XCTAssertEqual(whole.rows.map(\.record.uniqueID), ["1763642472.298", "1763643725.305", "1763644540.311"])
        XCTAssertEqual(whole.rows.map(\.line), [5, 6, 7])
        XCTAssertEqual(whole.columns?.separator, UInt8(ascii: ";"))
        for cut in 0...bytes.count {
            let read = Self.readInTwo(bytes, cut: cut)
            XCTAssertEqual(read.rows, whole.rows, "cut at \(cut)")
            XCTAssertEqual(read.errors, [], "cut at \(cut)")
        }
        let titleWithoutHeader = Array("Reporte de llamadas\n\(Self.row)\n".utf8)
        let chunk = CDRReader().readAll(titleWithoutHeader)
        XCTAssertEqual(chunk.rows.map(\.line), [2], "no header below: the rows are read as they are")
        XCTAssertEqual(chunk.errors.map(\.line), [1])
    }

    /// Asterisk 12+ writes a CDR per agent a queue rang, all with the caller's uniqueid: one call, answered
    /// when any leg was, not a missed call followed by a "redelivery".
    func testRowsOfOneCallAreOneRecordAnsweredWhenAnyLegWas() throws {
        let bytes = try Self.fixture("cdr-queue-legs.csv")
        let lineEnds = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
        let chunk = CDRReader().readAll(bytes)
        XCTAssertEqual(chunk.errors, [])
        XCTAssertEqual(chunk.rows.map(\.line), [1, 4])
        XCTAssertEqual(chunk.rows.map(\.record.uniqueID), ["1709659800.16", "1709661600.20"])
        XCTAssertEqual(chunk.rows.map(\.record.disposition), ["ANSWERED", "NO ANSWER"])
        XCTAssertEqual(chunk.rows.map(\.record.billableSeconds), [100, 0])
        XCTAssertEqual(chunk.rows.map(\.record.legs), [3, 2])
        XCTAssertEqual(chunk.rows.first?.record.destinationChannel, "PJSIP/202-00000012")
        XCTAssertEqual(chunk.rows.map(\.endOffset), [lineEnds[2], lineEnds[4]], "past the call's last leg")
    }

    /// A call held back for the next read resumes at its first row; in a file that starts with a byte order
    /// mark and that call, at the file's start (a saved position is always at the start of a line).
    func testAHeldBackCallResumesAtItsFirstRowOrTheFileStart() throws {
        let row = Array((Self.row + "\n").utf8)
        let twoCalls = row + Array((Self.row.replacingOccurrences(of: "1709659800.18", with: "1709659800.19") + "\n").utf8)
        let held = CDRReader().read(twoCalls, holdingBackLastCall: true)
        XCTAssertEqual(held.rows.map(\.record.uniqueID), ["1709659800.18"])
        XCTAssertEqual(held.resumeOffset, row.count)
        XCTAssertEqual(held.resumeLine, 2)
        let marked = CDRReader().read([0xEF, 0xBB, 0xBF] + row, holdingBackLastCall: true)
        XCTAssertEqual(marked.rows, [])
        XCTAssertEqual(marked.resumeOffset, 0)
        XCTAssertEqual(marked.resumeLine, 1)
    }

    func testLocalTimesUseTheConfiguredOffset() throws {
        let bytes = Array(Self.row.utf8)
        let argentina = try XCTUnwrap(CDRReader().read(bytes, isEndOfInput: true).rows.first?.record)
        let utc = try XCTUnwrap(CDRReader(timeZone: LocalTimeZone(offsetSeconds: 0)).read(bytes, isEndOfInput: true).rows.first?.record)
        XCTAssertEqual(argentina.start.iso8601, "2024-03-05T17:30:00Z")
        XCTAssertEqual(utc.start.iso8601, "2024-03-05T14:30:00Z")
        XCTAssertEqual(argentina.end?.iso8601, "2024-03-05T17:30:30Z")
    }

    func testOptionalColumnsAreReadByCount() throws {
        let records = CDRReader().readAll(try Self.fixture("cdr-optional-columns.csv")).rows.map(\.record)
        XCTAssertEqual(records.map(\.uniqueID), ["pbx1-1709659800.1", nil, nil, "1709661000.4"])
        XCTAssertEqual(records.map(\.userField), [nil, "cliente acme", nil, "vip"])
        XCTAssertEqual(records.map(\.linkedID), [nil, nil, "1709660400.3", "1709661000.4"])
        XCTAssertEqual(records.map(\.sequence), [nil, nil, 0, 1])
    }

    func testCDRCustomSampleOrderIsReadAsTheSameRecord() throws {
        let csv = CDRReader().readAll(Array((Self.row + "\n").utf8)).rows.map(\.record)
        let custom = #""""Juan Perez"" <5491152769999>","5491152769999","1152769000","from-trunk","SIP/t-1","SIP/101-2","Dial","SIP/101,30","2024-03-05 14:30:00","","2024-03-05 14:30:30","30","0","NO ANSWER","DOCUMENTATION","","1709659800.18","""#
        // The sample mapping, with `sequence`, and with `cdr_csv`'s newcdrcolumns tail (peeraccount,
        // linkedid, sequence) that installations add for linkedid: 21 columns.
        let table: [(String, Int?, String?)] = [
            (custom, nil, nil), (custom + #","7""#, 7, nil), (custom + #","","1709659800.18","7""#, 7, "1709659800.18"),
        ]
        for (row, sequence, linkedID) in table {
            let chunk = CDRReader().readAll(Array((row + "\n").utf8))
            XCTAssertEqual(chunk.errors, [], row)
            var expected = try XCTUnwrap(csv.first)
            expected.sequence = sequence
            expected.linkedID = linkedID
            XCTAssertEqual(chunk.rows.map(\.record), [expected], row)
        }
    }

    /// A CEL file (Channel Event Logging: one row per channel event) read row by row, as a watcher reads
    /// CDRs, is named for what it is, not reported as a bad start date.
    func testCELRowsReadRowByRowAreReportedAsCELNotAsBadDates() {
        let cel = #""CHAN_START","1732540800.123456","Juan","1152769999","1152769999","","4000","4000","from-trunk","SIP/trunk-00000001","","","3","","1732540800.11","1732540800.11","","","""#
            + "\n" + #""HANGUP","1732540900.0","Juan","1152769999","1152769999","","4000","4000","from-trunk","SIP/trunk-00000001","","","3","","1732540800.11","1732540800.11","","","""#
        let chunk = CDRReader().read(Array(cel.utf8), isEndOfInput: true)
        XCTAssertEqual(chunk.rows, [])
        XCTAssertEqual(chunk.errors.map(\.line), [1, 2])
        XCTAssertTrue(chunk.errors.allSatisfy { $0.reason.hasPrefix("a CEL event (") }, "\(chunk.errors)")
    }

    func testLatin1CallerNamesAreDecoded() throws {
        var bytes = Array(Self.row.utf8)
        let index = try XCTUnwrap(bytes.firstIndex(of: UInt8(ascii: "J")))
        bytes.replaceSubrange(index..<(index + 4), with: [UInt8(ascii: "J"), 0xFA, UInt8(ascii: "a"), UInt8(ascii: "n")])
        let record = try XCTUnwrap(CDRReader().read(bytes, isEndOfInput: true).rows.first?.record)
        XCTAssertEqual(CallerID(record.callerID).name, "Júan Perez")
    }

    func testRowsWithoutUniqueIDGetAStableFallbackID() throws {
        let records = CDRReader().readAll(try Self.fixture("cdr-16-columns-crlf.csv")).rows.map(\.record)
        let ids = records.map { $0.message().externalID ?? "" }
        XCTAssertTrue(ids.allSatisfy { $0.hasPrefix("cdr-") && $0.count == 36 })
        XCTAssertEqual(Set(ids).count, 2)
        XCTAssertEqual(ids, records.map { $0.message().externalID ?? "" })
    }
}
