/* epoll(7) and eventfd(2) for Swift: Swift's Glibc module map leaves <sys/epoll.h> and <sys/eventfd.h>
 * out, so this target only makes them visible (struct epoll_event keeps the C layout, packed on x86-64). */
#ifndef CEVENTPOLL_H
#define CEVENTPOLL_H
#include <sys/epoll.h>
#include <sys/eventfd.h>
#endif
