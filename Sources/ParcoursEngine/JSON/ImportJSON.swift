// What an imported diagnosis gave, in the JSON contract (`recommend --from … --format json`
// and `POST /api/v1/recommend/{format}`, key `import`).

extension ImportResult {
    package func write<Sink: JSONSink>(to sink: inout Sink, vocabulary: Vocabulary) {
        func item(_ item: Diagnosis.Item, fields: [String]? = nil) {
            sink.beginObject()
            sink.field("kind", item.kind.rawValue)
            sink.field("code", item.code)
            sink.field("theme", item.theme)
            sink.field("label", item.label)
            if let fields { sink.field("fields", strings: fields) }
            if let location = item.location {
                sink.field("line", location.line)
                sink.field("column", location.column)
            }
            sink.endObject()
        }
        sink.beginObject()
        sink.field("format", format.rawValue)
        sink.field("mapping", mappingLabel)
        sink.field("profile", profile.jsonLine(vocabulary))
        sink.key("applied")
        sink.beginArray()
        for applied in applied { item(applied.item, fields: applied.fields) }
        sink.endArray()
        sink.key("unmapped")
        sink.beginArray()
        for unmapped in unmapped { item(unmapped) }
        sink.endArray()
        sink.key("unaddressed")
        sink.beginArray()
        for theme in unaddressed { item(theme) }
        sink.endArray()
        sink.key("conflicts")
        sink.beginArray()
        for conflict in conflicts {
            sink.beginObject()
            sink.field("field", conflict.field)
            sink.field("codes", strings: conflict.codes)
            sink.endObject()
        }
        sink.endArray()
        sink.key("duplicates")
        sink.beginArray()
        for duplicate in duplicates { item(duplicate) }
        sink.endArray()
        sink.endObject()
    }
}
