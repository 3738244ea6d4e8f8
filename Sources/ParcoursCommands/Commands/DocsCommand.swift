import ParcoursEngine
/// placeholder replaced below
enum DocsCommand { static func run(out: String, common: CommonOptions, terminal: Terminal) -> Int32 { 0 } }
