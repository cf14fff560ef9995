/*
 * The user-space test library: TAP output, check macros, and helpers for
 * the things the tests look at (procfs, pagemap, maps, child processes,
 * Pagoda's debugfs files).
 *
 * Output goes straight to fd 1 with one write() per line, so lines from a
 * parent and its children never mix inside a line and nothing is lost when
 * a process is killed.  Only the test's main process calls the check
 * macros; children report through exit codes or pipes.
 */
#ifndef PAGODA_TEST_H
#define PAGODA_TEST_H

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>

#undef PAGE_SIZE /* musl defines it as PAGESIZE; ours is unsigned long */
#define PAGE_SIZE 4096UL

/* Constants musl 1.2.3 does not name. */
#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif
#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#define MADV_POPULATE_WRITE 23
#endif
#ifndef PR_SET_MEMORY_MERGE
#define PR_SET_MEMORY_MERGE 67
#define PR_GET_MEMORY_MERGE 68
#endif

/* ---- TAP (tap.c) ---- */

/* Record one check; prints `ok N - desc` or `not ok N - desc # file:line: detail`. */
int tap_result(int ok, const char *file, int line, const char *detail,
               const char *desc_fmt, ...) __attribute__((format(printf, 5, 6)));
/* `ok N - desc # SKIP reason` */
void tap_skip(const char *reason, const char *desc_fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Print the plan `1..N`; the exit code for main: 1 if any check failed. */
int tap_done(void);
/* A `# text` diagnostic line. */
void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A `@ text` line: must be identical between Linux's and Pagoda's runs. */
void comparable(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Write a formatted line to fd 1 in one write(). */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "EFAULT" for EFAULT, else the number. */
const char *errno_name(int err);
/* Text for a wait status: "exit 3", "signal 11". */
const char *status_text(int status);

/* printf into a static buffer: the details of a failed check. */
const char *detail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define CHECK(cond, ...) \
    tap_result(!!(cond), __FILE__, __LINE__, "failed: " #cond, __VA_ARGS__)

#define CHECK_EQ_LONG(got, expected, ...) ({ \
    long g_ = (long)(got), e_ = (long)(expected); \
    tap_result(g_ == e_, __FILE__, __LINE__, \
               detail("%s (got %ld, expected %ld)", #got, g_, e_), __VA_ARGS__); })

#define CHECK_EQ_HEX(got, expected, ...) ({ \
    unsigned long g_ = (unsigned long)(got), e_ = (unsigned long)(expected); \
    tap_result(g_ == e_, __FILE__, __LINE__, \
               detail("%s (got 0x%lx, expected 0x%lx)", #got, g_, e_), __VA_ARGS__); })

#define CHECK_STR(got, expected, ...) ({ \
    const char *g_ = (got), *e_ = (expected); \
    tap_result(g_ && strcmp(g_, e_) == 0, __FILE__, __LINE__, \
               detail("%s (got \"%s\", expected \"%s\")", #got, g_ ? g_ : "(null)", e_), \
               __VA_ARGS__); })

/* expr must fail with -1 and errno err. */
#define CHECK_ERR(expr, err, ...) ({ \
    errno = 0; long r_ = (long)(expr); int e_ = errno; \
    tap_result(r_ == -1 && e_ == (err), __FILE__, __LINE__, \
               detail("%s (got %ld errno %s, expected -1 errno %s)", #expr, r_, \
                      errno_name(e_), errno_name(err)), __VA_ARGS__); })

/* expr must succeed (not -1); evaluates to its value. */
#define CHECK_SYS(expr, ...) ({ \
    errno = 0; long r_ = (long)(expr); int e_ = errno; \
    tap_result(r_ != -1, __FILE__, __LINE__, \
               detail("%s (got -1 errno %s)", #expr, errno_name(e_)), __VA_ARGS__); \
    r_; })

/* A wait status must be a normal exit with code. */
#define CHECK_EXIT(status, code, ...) ({ \
    int s_ = (status); \
    tap_result(WIFEXITED(s_) && WEXITSTATUS(s_) == (code), __FILE__, __LINE__, \
               detail("got %s, expected exit %d", status_text(s_), (code)), __VA_ARGS__); })

/* A wait status must be death by signal sig. */
#define CHECK_SIGNAL(status, sig, ...) ({ \
    int s_ = (status); \
    tap_result(WIFSIGNALED(s_) && WTERMSIG(s_) == (sig), __FILE__, __LINE__, \
               detail("got %s, expected signal %d", status_text(s_), (sig)), __VA_ARGS__); })

#define SKIP(reason, ...) tap_skip(reason, __VA_ARGS__)

/* ---- system and files (sys.c) ---- */

int on_linux(void);
int on_pagoda(void);
/* Read a whole file into buf (NUL-terminated); length or -1. */
ssize_t read_file(const char *path, char *buf, size_t size);
/* Write text to an existing file (e.g. a sysctl); 0 or -1. */
int write_file(const char *path, const char *text);
/* The value of "Key:  N kB" in /proc/meminfo, or -1. */
long meminfo_kb(const char *key);
/* The counter @name of /proc/vmstat, or -1. */
long vmstat(const char *name);
/* The same from /proc/self/status (VmRSS, RssAnon, VmPTE...), or -1. */
long self_status_kb(const char *key);
/* active_objs of a cache in /proc/slabinfo, or -1. */
long slab_active_objs(const char *cache);
/* Loop over partial reads/writes; return bytes moved (short only at EOF/error). */
ssize_t read_full(int fd, void *buf, size_t n);
ssize_t write_full(int fd, const void *buf, size_t n);
/* The line of text starting with prefix (copied into out without newline). */
int find_line(const char *text, const char *prefix, char *out, size_t size);
/* Seeded randomness (xorshift64): the next value of *state, and one below n. */
uint64_t xorshift64(uint64_t *state);
unsigned xorshift64_below(uint64_t *state, unsigned n);

/* ---- processes (child.c, worker.c) ---- */

/* fork; the child runs fn(arg) and _exits with its return value. */
pid_t spawn(int (*fn)(void *), void *arg);
/* spawn, then wait for it: its wait status. */
int run_child(int (*fn)(void *), void *arg);
/* wait4 for pid: its wait status, or -1 with errno. */
int wait_for(pid_t pid);

/* The state letter in /proc/PID/stat (R, S, Z, ...), or 0 if there is none. */
char proc_state(pid_t pid);
/* Wait until pid has exited: reap it if it is our child, else until it is a zombie or gone. */
void wait_gone(pid_t pid);

/* ---- worker processes (worker.c) ---- */

struct worker {
    pid_t pid;
    int req[2], rep[2];
    int owned; /* see worker_own */
};

struct request {
    int op;
    long a, b;
};

typedef long (*serve_fn)(const struct request *r, void *ctx);

#define WORKER_EXIT (-1)

/* Create the worker's pipes (before any process that must reach it forks). */
void worker_init(struct worker *w);
/* Fork the worker: it answers each request with serve(request, ctx). */
pid_t worker_fork(struct worker *w, serve_fn serve, void *ctx);
/*
 * The caller talks to the worker pid (forked by it or, e.g. by MEM_FORK, by
 * another worker) and closes its copies of the worker's ends, so that the
 * worker's death reads as EOF here.
 */
void worker_own(struct worker *w, pid_t pid);
/* worker_init + worker_fork + worker_own: a child worker of the caller. */
void worker_start(struct worker *w, serve_fn serve, void *ctx);
/* Send a request and wait for the reply (-1 if the worker is gone). */
long worker_call(struct worker *w, int op, long a, long b);
/*
 * Ask the worker to exit and wait until it has.  An owned worker's pipes are
 * closed; others stay, so another worker can be forked with them again.
 */
void worker_exit(struct worker *w);

/* serve_memory's requests: a = address, b = value; MEM_FORK: a = struct worker *. */
enum { MEM_READ, MEM_WRITE, MEM_PFN, MEM_FORK };
long serve_memory(const struct request *r, void *unused);

/* ---- memory (mm.c) ---- */

#define PM_PRESENT (1ULL << 63)
#define PM_SOFT_DIRTY (1ULL << 55)
#define PM_PFN_MASK ((1ULL << 55) - 1)

/* The 8-byte /proc/PID/pagemap entry (pid 0: self) for addr; 0 on error. */
uint64_t pagemap_entry_of(pid_t pid, const void *addr);
uint64_t pagemap_entry(const void *addr);
/* The PFN mapped at addr, or 0 if not present. */
uint64_t virt_to_pfn(const void *addr);
uint64_t virt_to_pfn_of(pid_t pid, const void *addr);
/* /proc/kpagecount for pfn, or -1. */
long kpagecount(uint64_t pfn);
/* The KPF_* bits of pfn in /proc/kpageflags (KPF_KSM is bit 21), 0 on error. */
uint64_t kpageflags(uint64_t pfn);
#define KPF_KSM_BIT (1ULL << 21)
/* mmap anonymous private memory; MAP_FAILED is a test bug, so it aborts. */
void *map_anon(void *hint, size_t len, int prot, int flags);
/* Reserve len bytes of PROT_NONE address space for a scripted layout. */
char *reserve(size_t len);
/*
 * The /proc/self/maps lines inside [lo, hi), clipped to it, as
 * "start-end perms[ name]" with addresses relative to lo, joined by "; ".
 */
const char *maps_range(const void *lo, const void *hi);
/* Print the same lines as `@ label: start-end perms` comparable lines. */
void print_maps_range(const char *label, const void *lo, const void *hi);

/* Free blocks of 2 MiB or more in /proc/buddyinfo, counted in 2 MiB units (-1: unreadable). */
long free_2m_blocks(void);

/* ---- KSM's /sys/kernel/mm/ksm files (mm.c) ---- */

/* The number in /sys/kernel/mm/ksm/name, or -1. */
long ksm_read(const char *name);
/* Write text to /sys/kernel/mm/ksm/name: 0, or -errno. */
int ksm_write(const char *name, const char *text);
/* Remember every KSM setting a test may change; -1 if there is no KSM. */
int ksm_save(void);
/* Wait until full_scans reaches n, polling every ms (at most 120 s): 1, or 0 on timeout. */
int ksm_wait_full_scans(long n);
/* Unmerge everything (run=2), then put the settings back as ksm_save() found them. */
void ksm_restore(void);

/* ---- Pagoda's debug files (pagoda.c) ---- */

struct rmap_entry {
    long pid;
    unsigned long address, vm_start, vm_end, mapping; /* anon_vma or address_space */
};

/* The PTE mappings of pfn from /sys/kernel/debug/rmap: count or -1. */
int rmap_lookup(uint64_t pfn, struct rmap_entry *out, int max);
/* A check that /sys/kernel/debug/mm_verify says ok (a SKIP on Linux). */
void check_mm_verify(const char *when);

#endif
