import Bytes

extension Profile {
    /// The profile as one CSV row under `Vocabulary.csvHeader` (an empty cell: unknown).
    public func csvRow(_ vocabulary: Vocabulary) -> String {
        line(vocabulary, .csv)
    }

    /// The profile as one compact JSON line, keys in vocabulary order (the corpus format).
    public func jsonLine(_ vocabulary: Vocabulary) -> String {
        line(vocabulary, .jsonl)
    }

    /// The line `ProfileEncoder` writes for this profile (defaults not applied), without its newline.
    private func line(_ vocabulary: Vocabulary, _ format: ProfileEncoder.Format) -> String {
        var slots = Array(repeating: CompiledProfile.unknown, count: vocabulary.fields.count)
        for (field, value) in values where field < slots.count {
            switch value {
            case .scalar(let number): slots[field] = Int64(number)
            case .set(let mask): slots[field] = Int64(bitPattern: mask)
            }
        }
        let bytes = ByteBuffer()
        slots.withView { ProfileEncoder(vocabulary: vocabulary, format: format).write($0, into: bytes) }
        return bytes.withBytes { String(decoding: $0.dropLast(), as: UTF8.self) }
    }
}
