import Foundation
@testable import IntakeService
import Synchronization
import XCTest

final class WorkerThreadsTests: XCTestCase {
    func testEveryIndexRunsOnceAtMostWidthAtOnceBatchAfterBatch() {
        let threads = WorkerThreads(width: 4, name: "test")
        for count in [0, 1, 2, 20, 7] {
            let seen = Mutex((calls: [Int](), now: 0, most: 0))
            threads.run(count) { index in
                seen.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
                Thread.sleep(forTimeInterval: 0.005)
                seen.withLock { $0.calls.append(index); $0.now -= 1 }
            }
            let result = seen.withLock { $0 }
            XCTAssertEqual(result.calls.sorted(), Array(0..<count), "batch of \(count)")
            XCTAssertLessThanOrEqual(result.most, 4)
            XCTAssertEqual(result.now, 0, "run returns only once every call has")
        }
    }

    func testWidthOneRunsOnTheCallersThreadInOrder() {
        let threads = WorkerThreads(width: 1, name: "test")
        let order = Mutex([Int]())
        threads.run(5) { index in order.withLock { $0.append(index) } }
        XCTAssertEqual(order.withLock { $0 }, [0, 1, 2, 3, 4])
    }
}
