import IntakeService
import XCTest

final class MetricsTests: XCTestCase {
    func testCountersRenderInTheExpositionFormatWithEscapedLabels() {
        let m = Metrics()
        m.describe("intake_messages_total", type: "counter", help: "Messages by channel and outcome.")
        m.increment("intake_messages_total", [("channel", "slack"), ("outcome", "created")])
        m.increment("intake_messages_total", [("channel", "slack"), ("outcome", "created")], by: 2)
        m.increment("intake_messages_total", [("channel", "we\"ird\\\n"), ("outcome", "x")])
        XCTAssertEqual(m.counter("intake_messages_total", [("channel", "slack"), ("outcome", "created")]), 3)
        XCTAssertEqual(m.render(), """
            # HELP intake_messages_total Messages by channel and outcome.
            # TYPE intake_messages_total counter
            intake_messages_total{channel="slack",outcome="created"} 3
            intake_messages_total{channel="we\\"ird\\\\\\n",outcome="x"} 1

            """)
    }

    func testHistogramsRenderCumulativeBucketsSumAndCount() {
        let m = Metrics()
        m.describe("latency_seconds", type: "histogram", help: "Latency.")
        m.observe("latency_seconds", [("route", "/healthz")], 0.003, buckets: [0.001, 0.01])
        m.observe("latency_seconds", [("route", "/healthz")], 0.5, buckets: [0.001, 0.01])
        XCTAssertEqual(m.render(), """
            # HELP latency_seconds Latency.
            # TYPE latency_seconds histogram
            latency_seconds_bucket{route="/healthz",le="0.001"} 0
            latency_seconds_bucket{route="/healthz",le="0.01"} 1
            latency_seconds_bucket{route="/healthz",le="+Inf"} 2
            latency_seconds_sum{route="/healthz"} 0.503
            latency_seconds_count{route="/healthz"} 2

            """)
    }
}
