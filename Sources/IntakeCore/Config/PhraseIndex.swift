/// Phrases as folded words (`TextFolding.foldedWords`: one space between words), indexed by a hash of
/// their first word. Matching walks the folded text's words once, without making a `String` of each:
/// a candidate matches when its bytes follow at a word start and end at a word boundary, so a hash
/// collision only costs a comparison.
///
/// A `*` in a phrase stands for up to `maxGap` words of any kind: Spanish puts articles and adverbs
/// between the words that matter ("se cayó *el* sistema", "el sistema *está* caído"), and one phrase
/// `cayo * sistema` says what a list of every such wording could not. A phrase negated by the words
/// before it or in its gap (`PhraseNegation`: "ya no da error") does not match.
struct PhraseIndex: Sendable {
    static let maxGap = 3

    private struct Phrase: Sendable {
        /// The folded words between the `*`s, each non-empty.
        var segments: [[UInt8]]
        var rule: Int
        var text: String
    }

    private var byFirstWord: [UInt64: [Phrase]] = [:]
    /// A 256-bit filter of the first words' hashes (top 8 bits): most words of a text are no phrase's
    /// first word, and this answers so without a dictionary lookup.
    private var firstWordFilter = [UInt64](repeating: 0, count: 4)

    init(_ rules: [ClassificationRules.Rule]) {
        for (i, rule) in rules.enumerated() {
            for phrase in rule.phrases {
                let segments = phrase.split(separator: "*").map { TextFolding.foldedWords($0) }.filter { !$0.isEmpty }
                guard let first = segments.first else { continue }
                let firstWord = first.firstIndex(of: 0x20) ?? first.endIndex
                let hash = first.withUnsafeBufferPointer { Self.hash($0, 0, firstWord) }
                byFirstWord[hash, default: []].append(Phrase(segments: segments, rule: i, text: phrase))
                firstWordFilter[Int(hash >> 62)] |= 1 << (hash >> 56 & 63)
            }
        }
    }

    /// For each rule (by index) that matches, its first matching phrase and the word position where it
    /// starts; nil for the others.
    func matches(in folded: [UInt8], ruleCount: Int) -> [(String, Int)?] {
        var found = [(String, Int)?](repeating: nil, count: ruleCount)
        folded.withUnsafeBufferPointer { text in
            let filter = (firstWordFilter[0], firstWordFilter[1], firstWordFilter[2], firstWordFilter[3])
            var position = 0
            var start = 0
            // Where the two words before this one start (-1: none), for `isNegated`.
            var previous = -1
            var beforePrevious = -1
            while start < text.count {
                var end = start
                while end < text.count, text[end] != 0x20 { end += 1 }
                let hash = Self.hash(text, start, end)
                let bits = switch hash >> 62 { case 0: filter.0; case 1: filter.1; case 2: filter.2; default: filter.3 }
                if bits & 1 << (hash >> 56 & 63) != 0, let candidates = byFirstWord[hash] {
                    for c in candidates where found[c.rule] == nil && Self.segments(c.segments[...], areAt: start, in: text)
                        && !Self.isNegated(before: start, previous: previous, beforePrevious: beforePrevious, in: text)
                    {
                        found[c.rule] = (c.text, position)
                    }
                }
                beforePrevious = previous
                previous = start
                position += 1
                start = end + 1
            }
        }
        return found
    }

    /// Whether the first segment is at `start` of `text` and each next one begins after at most
    /// `maxGap` words more.
    private static func segments(_ segments: ArraySlice<[UInt8]>, areAt start: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = segments.first, segment(first, isAt: start, in: text) else { return false }
        let rest = segments.dropFirst()
        guard !rest.isEmpty else { return true }
        var next = start + first.count + 1
        for _ in 0...maxGap where next < text.count {
            if Self.segments(rest, areAt: next, in: text) { return true }
            let word = next
            while next < text.count, text[next] != 0x20 { next += 1 }
            if PhraseNegation.inGap.contains(Array(text[word..<next])) { return false }
            next += 1
        }
        return false
    }

    /// Whether the one or two words before `start` (`PhraseNegation.before`) negate the phrase there.
    /// Asked only of a phrase that matched, which few words are.
    private static func isNegated(before start: Int, previous: Int, beforePrevious: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard previous >= 0 else { return false }
        if PhraseNegation.before.contains(Array(text[previous..<start - 1])) { return true }
        return beforePrevious >= 0 && PhraseNegation.before.contains(Array(text[beforePrevious..<start - 1]))
    }

    /// Whether `segment` is at `start` of `text` and ends where a word does.
    private static func segment(_ segment: [UInt8], isAt start: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let end = start + segment.count
        guard end <= text.count, end == text.count || text[end] == 0x20 else { return false }
        return segment.withUnsafeBufferPointer { p in
            for k in 0..<p.count where p[k] != text[start + k] { return false }
            return true
        }
    }

    /// FNV-1a (64-bit) of `bytes[start..<end]`.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in start..<end { h = (h ^ UInt64(bytes[i])) &* 0x100_0000_01b3 }
        return h
    }
}
