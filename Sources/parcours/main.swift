import Foundation
import ParcoursCommands

// A program always receives at least its own name. None means the arguments could not be read
// (a statically linked binary reads them from /proc, absent in a bare chroot): say so rather
// than answer as if no command was given.
guard !CommandLine.arguments.isEmpty else {
    FileHandle.standardError.write(Data("parcours : impossible de lire les arguments de la commande (/proc est-il monté ?)\n".utf8))
    exit(ExitCode.usage)
}
exit(ParcoursCLI.run(Array(CommandLine.arguments.dropFirst())))
