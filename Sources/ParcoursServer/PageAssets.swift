/// The counsellors' page: HTML, script and style, served by the binary itself (no external
/// resource; works offline on the LAN). The files of `Sources/ParcoursServer/Page/` are
/// embedded by the build (SwiftPM's `embedInCode` resources, `PackageResources`).
enum PageAssets {
    static let html = String(decoding: PackageResources.index_html, as: UTF8.self)
    static let script = String(decoding: PackageResources.parcours_js, as: UTF8.self)
    static let style = String(decoding: PackageResources.parcours_css, as: UTF8.self)
    /// The accessibility statement (« Déclaration d'accessibilité »).
    static let accessibility = String(decoding: PackageResources.accessibilite_html, as: UTF8.self)
    /// The rules workshop (`/atelier`): its page, its script and its style (over the page's).
    static let workshop = String(decoding: PackageResources.atelier_html, as: UTF8.self)
    static let workshopScript = String(decoding: PackageResources.atelier_js, as: UTF8.self)
    /// The workshop's YAML blocks: finding, reading and rewriting an item's block.
    static let workshopBlocks = String(decoding: PackageResources.atelier_blocks_js, as: UTF8.self)
    static let workshopStyle = String(decoding: PackageResources.atelier_css, as: UTF8.self)
}
