/* SPDX-License-Identifier: GPL-2.0 */
/*
 * utsname.h - the system's names as uname() reports them. Mirrors
 * include/linux/utsname.h and include/uapi/linux/utsname.h (one UTS
 * namespace: Linux's init_uts_ns).
 */
#ifndef _LINUX_UTSNAME_H
#define _LINUX_UTSNAME_H

#define __NEW_UTS_LEN 64

/*
 * The release uname -r reports: the Linux version whose ABI Pagoda
 * implements, so that a program checking "Linux >= 4.17" runs; Pagoda's
 * own version follows. uname -s and -v say Pagoda.
 */
#define UTS_RELEASE	"6.12.0-pagoda-" PAGODA_VERSION
#define UTS_VERSION	"#1 Pagoda " PAGODA_VERSION " " __DATE__ " " __TIME__

struct new_utsname {
	char sysname[__NEW_UTS_LEN + 1];	/* "Pagoda" */
	char nodename[__NEW_UTS_LEN + 1];	/* the host name: sethostname() */
	char release[__NEW_UTS_LEN + 1];	/* UTS_RELEASE */
	char version[__NEW_UTS_LEN + 1];	/* UTS_VERSION */
	char machine[__NEW_UTS_LEN + 1];	/* "x86_64" */
	char domainname[__NEW_UTS_LEN + 1];	/* NIS domain: setdomainname() */
};

/* kernel/sys.c: the names (Linux's utsname() of init_uts_ns). */
struct new_utsname *utsname(void);

#endif /* _LINUX_UTSNAME_H */
