// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Parcours",
    products: [
        .executable(name: "parcours", targets: ["parcours"]),
        .library(name: "ParcoursEngine", targets: ["ParcoursEngine"]),
    ],
    targets: [
        // libyaml, from the system (Debian: libyaml-dev).
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // GNU extensions of the system C library that the Glibc module does not expose.
        .systemLibrary(name: "CSystem"),
        // The system calls Parcours makes (reading and writing files, swapping paths, the clock),
        // the sockets and the event poller, in one place: no other Parcours module imports Glibc or CSystem.
        .target(name: "Platform", dependencies: ["CSystem"]),
        // The low-level building blocks that read and write memory directly, behind safe views:
        // SHA-256, the byte buffer and byte fragments, the byte-key table, frozen arrays and the
        // checked views (`BufferView`) the engine's hot loops read. Knows nothing of Parcours;
        // the engine itself holds no unsafe pointer code.
        .target(name: "Bytes"),
        // YAML text to a positioned node tree. Knows nothing of rules.
        .target(name: "YAML", dependencies: ["CYAML"]),
        // Vocabulary, rule model, loading, validation, evaluation, explanation. Holds no unsafe
        // code (pointers are in Bytes) and makes no system call (Platform does); its folders are
        // layered (language → decision → analysis → features → contract), see EngineLayersTests.
        .target(name: "ParcoursEngine", dependencies: ["Bytes", "YAML", "Platform"]),
        // What people read: recommendations as text, the person's sheet, conditions in French,
        // diagnostics, reports and the documentation site. The engine returns data; this renders it.
        .target(name: "ParcoursRendering", dependencies: ["ParcoursEngine"]),
        // Corpora at input/output speed: the line reader, the corpus decoder (fast, then precise),
        // the block pipeline across jobs, batch output formats and files replaced whole.
        .target(name: "ParcoursBatch", dependencies: ["Bytes", "ParcoursEngine", "Platform"]),
        // A small HTTP/1.1 server on the system's sockets. Knows nothing of rules.
        .target(name: "HTTPServer", dependencies: ["Platform"]),
        // The counsellors' page and the JSON API, on HTTPServer, over the engine.
        // The page's files are embedded in the binary by the build (PageAssets).
        .target(name: "ParcoursServer", dependencies: ["ParcoursEngine", "ParcoursRendering", "HTTPServer", "Platform"],
                resources: [.embedInCode("Page/index.html"), .embedInCode("Page/parcours.js"), .embedInCode("Page/parcours.css"),
                            .embedInCode("Page/accessibilite.html"), .embedInCode("Page/atelier.html"), .embedInCode("Page/atelier.js"), .embedInCode("Page/atelier-blocks.js"), .embedInCode("Page/atelier.css")]),
        // Command-line commands and output formatting (text, JSON).
        .target(name: "ParcoursCommands", dependencies: ["Bytes", "ParcoursEngine", "ParcoursRendering", "ParcoursBatch", "ParcoursServer", "Platform"]),
        // The `parcours` executable: hands the arguments to ParcoursCommands.
        .executableTarget(name: "parcours", dependencies: ["ParcoursCommands", "Platform"]),
        // Generators of rule sets and profiles, shared by the differential tests and the benchmark.
        .target(name: "ParcoursTestSupport", dependencies: ["ParcoursEngine"]),
        // The fuzz harnesses, built with every build so that they cannot rot; `.ci/fuzz` links
        // them into libFuzzer binaries, `parcours-fuzz` replays files through them.
        .target(name: "ParcoursFuzz", dependencies: ["ParcoursEngine", "ParcoursBatch", "YAML"]),
        .executableTarget(name: "parcours-fuzz", dependencies: ["ParcoursFuzz", "Platform"]),
        // The benchmark (bench/run): figures, never assertions.
        .executableTarget(name: "parcours-bench", dependencies: ["Bytes", "ParcoursEngine", "ParcoursBatch", "ParcoursCommands", "ParcoursTestSupport"]),
        .testTarget(name: "YAMLTests", dependencies: ["YAML"]),
        .testTarget(name: "ParcoursBatchTests", dependencies: ["ParcoursBatch", "ParcoursEngine", "ParcoursFuzz"]),
        // A raw TCP client for the server tests: sends bytes as given, well-formed or not.
        .target(name: "HTTPTestSupport"),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "HTTPTestSupport", "Platform"]),
        .testTarget(name: "ParcoursServerTests", dependencies: ["Bytes", "ParcoursServer", "HTTPServer", "ParcoursEngine", "ParcoursRendering", "HTTPTestSupport"]),
        .testTarget(
            name: "ParcoursEngineTests",
            dependencies: ["Bytes", "ParcoursEngine", "YAML", "ParcoursTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "ParcoursCommandsTests",
            dependencies: ["ParcoursCommands", "ParcoursRendering", "ParcoursBatch", "HTTPTestSupport", "parcours"],
            exclude: ["Golden"]
        ),
    ]
)
