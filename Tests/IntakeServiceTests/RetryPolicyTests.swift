import IntakeCore
import IntakeService
import XCTest

final class RetryPolicyTests: XCTestCase {
    private let start = Timestamp(seconds: 1_717_423_200)
    private let policy = RetryPolicy(scheduleSeconds: [10, 30, 60, 300], maxAttempts: 6, maxAgeSeconds: 86_400)

    func testDelayFollowsTheScheduleAndRepeatsItsLastEntry() {
        let delays = (1...6).map { policy.delay(afterAttempt: $0, random: 0.5) }
        XCTAssertEqual(delays, [10, 30, 60, 300, 300, 300])
    }

    func testJitterStaysWithinTwentyPercent() {
        XCTAssertEqual(policy.delay(afterAttempt: 4, random: 0), 240)
        XCTAssertEqual(policy.delay(afterAttempt: 4, random: 0.999_999), 360)
        for r in stride(from: 0.0, to: 1.0, by: 0.05) {
            XCTAssertTrue((240...360).contains(policy.delay(afterAttempt: 4, random: r)))
        }
    }

    func testRetryAfterIsNeverShortened() {
        XCTAssertEqual(policy.delay(afterAttempt: 1, retryAfter: 120, random: 0.5), 120)
        XCTAssertEqual(policy.delay(afterAttempt: 4, retryAfter: 5, random: 0.5), 300)
    }

    func testRetryAfterIsHonouredAtMostForTheMaxAge() {
        XCTAssertEqual(policy.honoured(retryAfter: 999_999_999), 86_400)
        XCTAssertEqual(policy.delay(afterAttempt: 1, retryAfter: 999_999_999, random: 0.5), 86_400)
    }

    func testNextAttemptIsNowPlusTheDelay() {
        let now = start.adding(seconds: 100)
        XCTAssertEqual(policy.afterFailure(attempts: 2, createdAt: start, now: now, random: 0.5), .retry(at: now.adding(seconds: 30)))
    }

    func testDeadAtMaxAttempts() {
        XCTAssertEqual(policy.afterFailure(attempts: 5, createdAt: start, now: start, random: 0.5), .retry(at: start.adding(seconds: 300)))
        XCTAssertEqual(policy.afterFailure(attempts: 6, createdAt: start, now: start, random: 0.5), .dead(reason: "gave up after 6 attempts"))
    }

    func testDeadWhenOlderThanMaxAge() {
        XCTAssertEqual(policy.afterFailure(attempts: 1, createdAt: start, now: start.adding(seconds: 86_399), random: 0.5),
                       .retry(at: start.adding(seconds: 86_409)))
        XCTAssertEqual(policy.afterFailure(attempts: 1, createdAt: start, now: start.adding(seconds: 86_400), random: 0.5),
                       .dead(reason: "older than 86400 s"))
    }

    func testConfigurationDefaultsGiveTheDocumentedSchedule() {
        let p = RetryPolicy(config: GatewayConfig().outbox)
        XCTAssertEqual(p.scheduleSeconds.first, 10)
        XCTAssertEqual(p.maxAttempts, 12)
        XCTAssertEqual(p.jitter, 0.2)
    }
}
