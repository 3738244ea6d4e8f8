import Foundation
import ParcoursCommands
import Platform

// Before anything is opened: a closed standard descriptor must not be taken by a file.
StandardStreams.secure()

// A program always receives at least its own name. None means the arguments could not be read
// (a statically linked binary reads them from /proc, absent in a bare chroot): say so rather
// than answer as if no command was given.
guard !CommandLine.arguments.isEmpty else {
    StandardStreams.write(.error, "parcours : impossible de lire les arguments de la commande (/proc est-il monté ?)\n")
    exit(ExitCode.usage)
}
exit(ParcoursCLI.run(Array(CommandLine.arguments.dropFirst())))
