// Functions of the system C library that Swift's Glibc module leaves out (GNU extensions),
// declared here as glibc declares them. Nothing else: no code of Parcours is written in C.
#ifndef PARCOURS_CSYSTEM_H
#define PARCOURS_CSYSTEM_H

// The first `c` or the terminating NUL of `s`, whichever comes first (glibc 2.1.1).
extern char *strchrnul(const char *s, int c);

// `rename` with flags (glibc 2.28, Linux 3.15): with RENAME_EXCHANGE (2) both paths must exist
// and their files are swapped atomically.
extern int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags);

#endif
