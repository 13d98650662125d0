import IntakeDesk

/// One group of inputs prepared on several threads (`OverlappedChunks`), one slot per input.
final class PreparedChunk: @unchecked Sendable {
    // @unchecked: the buffers are allocated once; each index is written by exactly one thread, and read
    // only once every preparing thread is done (`OverlappedChunks.Pending.finish`).
    private let slots: UnsafeMutableBufferPointer<PreparedPayload?>
    private let times: UnsafeMutableBufferPointer<Double>
    private let failures: UnsafeMutableBufferPointer<String?>

    let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
        times = .allocate(capacity: count)
        times.initialize(repeating: 0)
        failures = .allocate(capacity: count)
        failures.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
        times.deallocate()
        failures.deinitialize()
        failures.deallocate()
    }

    /// `payload` nil with a `failure` when the input could not even be read.
    func set(_ index: Int, _ payload: PreparedPayload?, seconds: Double = 0, failure: String? = nil) {
        slots[index] = payload
        times[index] = seconds
        failures[index] = failure
    }

    /// Prepared payloads in index order (unreadable inputs left out).
    var payloads: [PreparedPayload] { slots.compactMap { $0 } }
    /// What went wrong with each input, in index order.
    var problems: [String?] { Array(failures) }
    var seconds: [Double] { Array(times) }
}
