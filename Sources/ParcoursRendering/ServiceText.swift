import ParcoursEngine

/// A local service in one line, as the export gives it: name, structure, address, phone,
/// e-mail, hours.
package enum ServiceText {
    package static func line(_ service: LocalService) -> String {
        var parts = [service.name + (service.structure.map { " (\($0))" } ?? "")]
        let place = [service.address, [service.postcode, service.commune].compactMap { $0 }.joined(separator: " ")].compactMap { $0 }.filter { !$0.isEmpty }
        if !place.isEmpty { parts.append(place.joined(separator: ", ")) }
        if let phone = service.phone { parts.append("tél. " + phone) }
        if let email = service.email { parts.append(email) }
        if let hours = service.hours { parts.append("horaires : " + hours) }
        return parts.joined(separator: " — ")
    }
}
