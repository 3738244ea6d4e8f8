import Foundation

/// Runs a shell script with the built `parcours` as `$P`, from the package root: for what
/// only a shell sets up (closed descriptors, `/dev/full`, pipes closed early, signals).
enum ShellRun {
    struct Result {
        var code: Int32
        var output: String
        var error: String
    }

    /// A fresh temporary folder, given to the script as `$T`.
    static func temporaryFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "parcours-shell-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Runs `script` with `sh -c` (`$P`: the binary, `$T`: `folder`), in French (no locale).
    static func run(_ script: String, folder: String) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        var environment = ProcessInfo.processInfo.environment
        for name in ["LC_ALL", "LC_MESSAGES", "LANG", "PARCOURS_RULES", "PARCOURS_SCENARIOS"] { environment[name] = nil }
        environment["P"] = Support.executable
        environment["T"] = folder
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: Support.packageRoot)
        let stdout = Pipe(), stderr = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(code: process.terminationStatus, output: String(decoding: out, as: UTF8.self), error: String(decoding: err, as: UTF8.self))
    }
}
