// Functions of the system C library that Swift's Glibc module leaves out (GNU extensions),
// declared here as glibc declares them. Nothing else: no code of Parcours is written in C.
#ifndef PARCOURS_CSYSTEM_H
#define PARCOURS_CSYSTEM_H

// The first `c` or the terminating NUL of `s`, whichever comes first (glibc 2.1.1).
extern char *strchrnul(const char *s, int c);

#endif
