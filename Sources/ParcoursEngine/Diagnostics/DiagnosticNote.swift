/// A place a diagnostic points to besides its own: the first definition of a duplicated id,
/// the rule a conflicting or shadowed rule is measured against (as swift-format's finding notes).
/// Printed `path:line:col: note : …` under the diagnostic, `notes` in JSON, `relatedLocations`
/// in SARIF, so an editor can jump to the other place.
public struct DiagnosticNote: Sendable, Hashable {
    /// Where the other place is.
    public var location: SourceLocation
    /// What is there, in French and in English.
    public var message: Phrase

    public init(at location: SourceLocation, _ message: Phrase) {
        self.location = location
        self.message = message
    }
}

extension Diagnostic {
    /// This diagnostic with `note` added.
    public func noting(_ message: Phrase, at location: SourceLocation) -> Diagnostic {
        var copy = self
        copy.notes.append(DiagnosticNote(at: location, message))
        return copy
    }
}
