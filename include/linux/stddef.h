/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stddef.h - NULL, offsetof and friends. Mirrors include/linux/stddef.h.
 */
#ifndef _LINUX_STDDEF_H
#define _LINUX_STDDEF_H

#ifndef NULL
#define NULL ((void *)0)
#endif

#ifndef offsetof
#define offsetof(TYPE, MEMBER) __builtin_offsetof(TYPE, MEMBER)
#endif

/* Size of a struct member without an instance of the struct. */
#define sizeof_field(TYPE, MEMBER) sizeof((((TYPE *)0)->MEMBER))

#endif /* _LINUX_STDDEF_H */
