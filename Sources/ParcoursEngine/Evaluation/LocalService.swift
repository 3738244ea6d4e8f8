/// One service of a data·inclusion export, as a step shows it: who, where, how to reach them,
/// as the export gives it (nothing is completed or guessed).
public struct LocalService: Sendable, Equatable {
    public let id: String
    public let source: String?
    public let name: String
    public let structure: String?
    public let address: String?
    public let postcode: String?
    public let commune: String?
    public let phone: String?
    public let email: String?
    /// Opening hours, in the OpenStreetMap format the schema asks for.
    public let hours: String?
    /// Whether the service is located in the person's département (rather than eligible from afar).
    public let inDepartment: Bool
}

extension LocalService {
    func write<Sink: JSONSink>(to sink: inout Sink) {
        sink.beginObject()
        sink.field("id", id)
        sink.field("source", source)
        sink.field("nom", name)
        sink.field("structure", structure)
        sink.field("adresse", address)
        sink.field("code_postal", postcode)
        sink.field("commune", commune)
        sink.field("telephone", phone)
        sink.field("courriel", email)
        sink.field("horaires_accueil", hours)
        sink.endObject()
    }
}
