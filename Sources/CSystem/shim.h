// Functions of the system C library that Swift's Glibc module leaves out (GNU extensions and
// Linux-only calls), declared here as glibc declares them, or taken from glibc's own headers.
// Nothing else: no code of Parcours is written in C.
#ifndef PARCOURS_CSYSTEM_H
#define PARCOURS_CSYSTEM_H

// The first `c` or the terminating NUL of `s`, whichever comes first (glibc 2.1.1).
extern char *strchrnul(const char *s, int c);

// `rename` with flags (glibc 2.28, Linux 3.15): with RENAME_EXCHANGE (2) both paths must exist
// and their files are swapped atomically.
extern int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags);

// epoll (Linux 2.6) and eventfd (Linux 2.6.22): the server's event loop. The Glibc module does
// not export them; glibc's headers declare them (struct epoll_event is packed on x86-64).
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

// `accept` with flags (SOCK_NONBLOCK, SOCK_CLOEXEC) in one call (glibc 2.10, a GNU extension).
extern int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags);

#endif
