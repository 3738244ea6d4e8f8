import Foundation
import ParcoursCommands

exit(ParcoursCLI.run(Array(CommandLine.arguments.dropFirst())))
