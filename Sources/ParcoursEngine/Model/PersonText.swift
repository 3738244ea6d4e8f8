/// What the person reads about a catalogue entry, a route or a stage on the sheet handed to
/// them (`for_person:`): second person (« vous »), plain words, no stage names, no jargon; an
/// acronym only if the glossary explains it. The counsellor's `name`, `description` and the
/// rules' `why` stay the counsellor's.
public struct PersonText: Sendable, Equatable {
    /// A plainer name than the counsellor's (`label:`), nil to keep the entry's name.
    public let label: String?
    /// One or two sentences addressed to the person (`text:`), nil when none is written.
    public let text: String?
    /// Where `label:` and `text:` are written, to report them at their line and column.
    public let labelLocation: SourceLocation?
    public let textLocation: SourceLocation?

    public init(label: String?, text: String?, labelLocation: SourceLocation? = nil, textLocation: SourceLocation? = nil) {
        self.label = label
        self.text = text
        self.labelLocation = labelLocation
        self.textLocation = textLocation
    }
}
