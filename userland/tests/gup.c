/*
 * The kernel reaching a process's pages directly (get_user_pages, pins):
 * /proc/PID/mem reads and writes (FOLL_FORCE: a write into a PROT_READ
 * private mapping writes a private copy, never the file or a shared
 * mapping of it; EIO where nothing is mapped), process_vm_readv and
 * process_vm_writev between processes (the remote VMA's protections
 * apply; partial transfers; argument errors), and the copy-on-write
 * guarantee for pages pinned by vmsplice() into a pipe: whoever writes
 * after fork, the pipe keeps delivering the contents it was given.
 * MADV_POPULATE_READ/WRITE: what they map, and their errors.
 */
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#include "test.h"

#define RW (PROT_READ | PROT_WRITE)
#define PM_FILE (1ULL << 61)
#define FILE_PATH "/tmp/gup-file"

static struct worker child;

static int open_mem(pid_t pid)
{
    char path[32];
    snprintf(path, sizeof path, "/proc/%d/mem", pid);
    return open(path, O_RDWR);
}

static void test_self_mem(void)
{
    char *rw = map_anon(NULL, 2 * PAGE_SIZE, RW, 0), buf[8];
    char *ro = map_anon(NULL, PAGE_SIZE, PROT_READ, 0);
    int fd = open_mem(getpid());

    CHECK(fd >= 0, "open /proc/self/mem read-write");
    strcpy(rw + PAGE_SIZE - 3, "hello");
    CHECK_EQ_LONG(pread(fd, buf, 6, (off_t)(rw + PAGE_SIZE - 3)), 6, "read across a page boundary");
    CHECK_STR(buf, "hello", "reads what the process wrote");
    CHECK_EQ_LONG(lseek(fd, (off_t)rw, SEEK_SET), (long)rw, "lseek to an address");
    CHECK_EQ_LONG(write(fd, "abc", 3), 3, "write at the file position");
    CHECK_EQ_LONG(lseek(fd, 0, SEEK_CUR), (long)rw + 3, "the position moved on");
    CHECK(memcmp(rw, "abc", 3) == 0, "the process sees the write");
    CHECK_ERR(lseek(fd, 0, SEEK_END), EINVAL, "SEEK_END: EINVAL");

    /* FOLL_FORCE: a PROT_READ private page can be written through mem. */
    CHECK_EQ_LONG(pwrite(fd, "X", 1, (off_t)ro), 1, "write into a PROT_READ anonymous page");
    CHECK_EQ_LONG(ro[0], 'X', "the read-only mapping shows it");
    CHECK(pagemap_entry(ro) & PM_PRESENT, "the page is present");
    print_maps_range("PROT_READ after a forced write", ro, ro + PAGE_SIZE);

    /* Nothing mapped: EIO, for reads and writes alike. */
    munmap(rw + PAGE_SIZE, PAGE_SIZE);
    CHECK_ERR(pread(fd, buf, 1, (off_t)(rw + PAGE_SIZE)), EIO, "read of an unmapped address: EIO");
    CHECK_ERR(pwrite(fd, "x", 1, (off_t)(rw + PAGE_SIZE)), EIO, "write to an unmapped address: EIO");
    CHECK_EQ_LONG(pread(fd, buf, 8, (off_t)(rw + PAGE_SIZE - 4)), 4, "short at the hole");
    CHECK_ERR(pread(fd, buf, 1, 0), EIO, "address 0: EIO");
    close(fd);
    munmap(rw, PAGE_SIZE);
    munmap(ro, PAGE_SIZE);
}

/* A forced write into a private read-only file mapping copies; the file stays. */
static void test_mem_file_mapping(void)
{
    char page[PAGE_SIZE], c = 0;
    int ffd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0600), fd = open_mem(getpid());

    memset(page, 'F', sizeof page);
    CHECK_EQ_LONG(write(ffd, page, sizeof page), PAGE_SIZE, "write the file");
    char *priv = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE, ffd, 0);
    char *shared = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, ffd, 0);
    CHECK(priv != MAP_FAILED && shared != MAP_FAILED, "map it private and shared, PROT_READ");
    CHECK_EQ_LONG(priv[0] + shared[0], 2 * 'F', "both read the file");
    CHECK(pagemap_entry(priv) & PM_FILE, "the private mapping maps the page-cache page");

    CHECK_EQ_LONG(pwrite(fd, "W", 1, (off_t)priv), 1, "forced write into the private mapping");
    CHECK_EQ_LONG(priv[0], 'W', "the private mapping sees it");
    CHECK_EQ_LONG(priv[1], 'F', "and the rest of the file's page");
    CHECK(!(pagemap_entry(priv) & PM_FILE), "now through an anonymous copy");
    CHECK_EQ_LONG(shared[0], 'F', "the shared mapping does not see it");
    CHECK_EQ_LONG(pread(ffd, &c, 1, 0), 1, "read the file");
    CHECK_EQ_LONG(c, 'F', "the file is untouched");
    CHECK_ERR(pwrite(fd, "S", 1, (off_t)shared), EIO, "forced write into a PROT_READ shared mapping: EIO");
    CHECK_EQ_LONG(shared[0], 'F', "which stays as it was");
    close(fd);
    close(ffd);
    munmap(priv, PAGE_SIZE);
    munmap(shared, PAGE_SIZE);
    unlink(FILE_PATH);
}

/* Another process's memory through /proc/PID/mem: only its copy changes. */
static void test_child_mem(void)
{
    char *p = map_anon(NULL, PAGE_SIZE, RW, 0), c = 0;
    p[0] = 'A';
    worker_start(&child, serve_memory, NULL);
    int fd = open_mem(child.pid);
    CHECK(fd >= 0, "open the child's mem");
    CHECK_EQ_LONG(pread(fd, &c, 1, (off_t)p), 1, "read the child's byte");
    CHECK_EQ_LONG(c, 'A', "it is what the parent wrote before fork");
    CHECK_EQ_LONG(pwrite(fd, "B", 1, (off_t)p), 1, "write the child's byte");
    CHECK_EQ_LONG(worker_call(&child, MEM_READ, (long)p, 0), 'B', "the child sees it");
    CHECK_EQ_LONG(p[0], 'A', "the parent's copy is unchanged");
    worker_exit(&child);
    CHECK_EQ_LONG(pread(fd, &c, 1, (off_t)p), 0, "after the child exits: nothing to read");
    close(fd);
    munmap(p, PAGE_SIZE);
}

static void test_process_vm(void)
{
    char *p = map_anon(NULL, 3 * PAGE_SIZE, RW, 0), a[6] = { 0 }, b[6] = { 0 };
    memcpy(p + PAGE_SIZE - 4, "0123456789", 10);
    mprotect(p + 2 * PAGE_SIZE, PAGE_SIZE, PROT_READ);
    worker_start(&child, serve_memory, NULL);

    struct iovec local[2] = { { a, 5 }, { b, 5 } };
    struct iovec remote[1] = { { p + PAGE_SIZE - 4, 10 } };
    CHECK_EQ_LONG(process_vm_readv(child.pid, local, 2, remote, 1, 0), 10,
                  "process_vm_readv: 10 bytes across a page into two buffers");
    CHECK_STR(a, "01234", "first buffer");
    CHECK_STR(b, "56789", "second buffer");

    struct iovec out[1] = { { "vwxyz", 5 } };
    struct iovec there[2] = { { p, 2 }, { p + PAGE_SIZE, 3 } };
    CHECK_EQ_LONG(process_vm_writev(child.pid, out, 1, there, 2, 0), 5,
                  "process_vm_writev: one buffer into two remote ones");
    CHECK_EQ_LONG(worker_call(&child, MEM_READ, (long)p + 1, 0), 'w', "the child sees the first part");
    CHECK_EQ_LONG(worker_call(&child, MEM_READ, (long)p + PAGE_SIZE + 2, 0), 'z',
                  "and the second");
    CHECK_EQ_LONG(p[0], 0, "the parent's copy is unchanged");

    /* The remote VMA's protections apply; a transfer stops where it cannot go on. */
    struct iovec ro[1] = { { p + 2 * PAGE_SIZE, 1 } };
    CHECK_ERR(process_vm_writev(child.pid, out, 1, ro, 1, 0), EFAULT,
              "process_vm_writev into a PROT_READ page: EFAULT (no FOLL_FORCE)");
    struct iovec hole[2] = { { p + PAGE_SIZE, 2 }, { (void *)8, 2 } };
    CHECK_EQ_LONG(process_vm_readv(child.pid, local, 1, hole, 2, 0), 2,
                  "a bad second remote buffer: the bytes of the first");
    CHECK_ERR(process_vm_readv(child.pid, local, 1, hole + 1, 1, 0), EFAULT,
              "only a bad remote buffer: EFAULT");
    struct iovec bad_local[1] = { { (void *)8, 5 } };
    CHECK_ERR(process_vm_readv(child.pid, bad_local, 1, remote, 1, 0), EFAULT,
              "a bad local buffer: EFAULT");

    CHECK_ERR(process_vm_readv(child.pid, local, 1, remote, 1, 1), EINVAL, "flags 1: EINVAL");
    CHECK_EQ_LONG(process_vm_readv(child.pid, local, 0, remote, 1, 0), 0, "no local bytes: 0");
    CHECK_EQ_LONG(process_vm_readv(child.pid, local, 1, remote, 0, 0), 0, "no remote bytes: 0");
    CHECK_ERR(process_vm_readv(child.pid, local, 1, remote, 1025, 0), EINVAL,
              "1025 remote buffers: EINVAL");
    worker_exit(&child);
    CHECK_ERR(process_vm_readv(child.pid, local, 1, remote, 1, 0), ESRCH, "a reaped process: ESRCH");
    munmap(p, 3 * PAGE_SIZE);
}

/* A page full of @c, mapped privately. */
static char *filled(char c)
{
    char *p = map_anon(NULL, PAGE_SIZE, RW, 0);
    memset(p, c, PAGE_SIZE);
    return p;
}

static ssize_t splice_in(int fd, void *addr, size_t len)
{
    struct iovec iov = { addr, len };
    return vmsplice(fd, &iov, 1, 0);
}

/*
 * The next @len bytes of the pipe: "all X" if they are all X, else "mixed";
 * "short" if fewer are there (a vmsplice that failed): never waits.
 */
static const char *pipe_holds(int fd, size_t len)
{
    static char text[32];
    char buf[256];
    int there = 0;
    if (len > sizeof buf || ioctl(fd, FIONREAD, &there) || there < (int)len ||
        read_full(fd, buf, len) != (ssize_t)len)
        return "short";
    for (size_t i = 1; i < len; i++)
        if (buf[i] != buf[0])
            return "mixed";
    snprintf(text, sizeof text, "all %c", buf[0]);
    return text;
}

static void test_vmsplice(void)
{
    int pfd[2];
    char *p = filled('A'), buf[16] = { 0 };
    CHECK_SYS(pipe(pfd), "pipe");

    /* The pipe takes the page by reference: the process's own later write shows. */
    CHECK_EQ_LONG(write(pfd[1], "xy", 2), 2, "write 2 bytes");
    CHECK_EQ_LONG(splice_in(pfd[1], p + 100, 64), 64, "vmsplice 64 bytes of a page");
    CHECK_EQ_LONG(write(pfd[1], "zz", 2), 2, "write 2 more");
    int n = 0;
    CHECK_SYS(ioctl(pfd[0], FIONREAD, &n), "FIONREAD");
    CHECK_EQ_LONG(n, 68, "the pipe holds 68 bytes");
    memset(p, 'B', PAGE_SIZE);
    CHECK_EQ_LONG(read(pfd[0], buf, 2), 2, "read the first write");
    CHECK(memcmp(buf, "xy", 2) == 0, "in order");
    comparable("vmsplice, then the process writes: the pipe gives %s", pipe_holds(pfd[0], 64));
    CHECK_EQ_LONG(read(pfd[0], buf, 4), 2, "then the last write");
    CHECK(memcmp(buf, "zz", 2) == 0, "in order");

    /* vmsplice from the read end copies out, as read() does. */
    CHECK_EQ_LONG(write(pfd[1], "hello", 5), 5, "write hello");
    struct iovec out = { buf, 5 };
    CHECK_EQ_LONG(vmsplice(pfd[0], &out, 1, 0), 5, "vmsplice from the read end");
    CHECK(memcmp(buf, "hello", 5) == 0, "copies the data out");
    CHECK_ERR(vmsplice(pfd[0], &out, 1, SPLICE_F_NONBLOCK), EAGAIN,
              "from an empty pipe with SPLICE_F_NONBLOCK: EAGAIN");
    CHECK_ERR(vmsplice(pfd[1], &out, 1, 0x10), EINVAL, "unknown flags: EINVAL");
    int fd = open("/dev/null", O_WRONLY);
    CHECK_ERR(vmsplice(fd, &out, 1, 0), EBADF, "not a pipe: EBADF");
    close(fd);
    CHECK_ERR(vmsplice(-1, &out, 1, 0), EBADF, "no fd: EBADF");
    struct iovec bad = { (void *)8, 5 };
    CHECK_ERR(vmsplice(pfd[1], &bad, 1, 0), EFAULT, "an unmapped buffer: EFAULT");
    close(pfd[0]);
    signal(SIGPIPE, SIG_IGN);
    CHECK_ERR(splice_in(pfd[1], p, 8), EPIPE, "no reader left: EPIPE");
    signal(SIGPIPE, SIG_DFL);
    close(pfd[1]);
    munmap(p, PAGE_SIZE);
}

static int pipe_w;
static char *page_arg;

static int child_splices_and_unmaps(void *unused)
{
    (void)unused;
    if (splice_in(pipe_w, page_arg, 64) != 64)
        return 1;
    return munmap(page_arg, PAGE_SIZE) ? 2 : 0;
}

static int child_writes(void *unused)
{
    (void)unused;
    memset(page_arg, 'C', PAGE_SIZE);
    return 0;
}

/*
 * The COW guarantee: after fork, a page the pipe references keeps what it
 * held, whoever writes (Linux 6.12's anon-exclusive rules; a write copies
 * because the pipe's reference makes the page look shared).
 */
static void test_vmsplice_cow(void)
{
    int pfd[2];
    CHECK_SYS(pipe(pfd), "pipe");
    pipe_w = pfd[1];

    /* The child vmsplices the shared page and unmaps it; then the parent writes. */
    page_arg = filled('A');
    CHECK_EXIT(run_child(child_splices_and_unmaps, NULL), 0, "the child vmsplices and unmaps");
    memset(page_arg, 'P', PAGE_SIZE);
    comparable("child pinned, parent wrote: the pipe gives %s", pipe_holds(pfd[0], 64));
    CHECK_EQ_LONG(page_arg[0], 'P', "the parent sees its write");

    /* The same with mprotect(PROT_READ) and back before the parent writes. */
    memset(page_arg, 'A', PAGE_SIZE);
    CHECK_EXIT(run_child(child_splices_and_unmaps, NULL), 0, "the child vmsplices and unmaps");
    mprotect(page_arg, PAGE_SIZE, PROT_READ);
    mprotect(page_arg, PAGE_SIZE, RW);
    memset(page_arg, 'P', PAGE_SIZE);
    comparable("child pinned, mprotect, parent wrote: the pipe gives %s", pipe_holds(pfd[0], 64));
    munmap(page_arg, PAGE_SIZE);

    /* The parent vmsplices before fork; the child writes, then the parent. */
    page_arg = filled('A');
    CHECK_EQ_LONG(splice_in(pfd[1], page_arg, 64), 64, "the parent vmsplices");
    CHECK_EXIT(run_child(child_writes, NULL), 0, "a child writes the page");
    CHECK_EQ_LONG(page_arg[0], 'A', "the parent does not see the child's write");
    memset(page_arg, 'P', PAGE_SIZE);
    comparable("parent pinned before fork, both wrote: the pipe gives %s", pipe_holds(pfd[0], 64));
    munmap(page_arg, PAGE_SIZE);
    close(pfd[0]);
    close(pfd[1]);
}

#define PM_EXCLUSIVE (1ULL << 56)

/* How many of @n pages from @p are present, and how many distinct frames they use. */
static void present_frames(const char *p, int n, int *present, int *distinct)
{
    uint64_t pfn[16];
    *present = *distinct = 0;
    for (int i = 0; i < n; i++) {
        uint64_t e = pagemap_entry(p + i * PAGE_SIZE);
        pfn[i] = e & PM_PFN_MASK;
        if (!(e & PM_PRESENT))
            continue;
        (*present)++;
        int seen = 0;
        for (int j = 0; j < i; j++)
            seen |= pfn[j] == pfn[i];
        *distinct += !seen;
    }
}

static void test_populate(void)
{
    char *p = map_anon(NULL, 4 * PAGE_SIZE, RW, 0);
    int present, distinct;
    long rss = self_status_kb("RssAnon");

    rss = self_status_kb("RssAnon");	/* the first reading faults in the reader's buffer */

    CHECK_SYS(madvise(p, 4 * PAGE_SIZE, MADV_POPULATE_READ), "MADV_POPULATE_READ");
    present_frames(p, 4, &present, &distinct);
    comparable("POPULATE_READ of untouched memory: %d present, %d frame(s)", present, distinct);
    CHECK_EQ_LONG(self_status_kb("RssAnon"), rss, "the zero page: no RssAnon");
    CHECK_SYS(madvise(p, 4 * PAGE_SIZE, MADV_POPULATE_WRITE), "MADV_POPULATE_WRITE");
    present_frames(p, 4, &present, &distinct);
    comparable("POPULATE_WRITE: %d present, %d frame(s), exclusive %d", present, distinct,
               !!(pagemap_entry(p) & PM_EXCLUSIVE));
    CHECK_EQ_LONG(self_status_kb("RssAnon"), rss + 16, "4 pages of RssAnon");
    CHECK_EQ_LONG(p[0] + p[3 * PAGE_SIZE], 0, "still zero");

    /* After fork, POPULATE_WRITE breaks copy-on-write at once. */
    p[0] = 'A';
    worker_start(&child, serve_memory, NULL);
    uint64_t shared = virt_to_pfn(p);
    CHECK(!(pagemap_entry(p) & PM_EXCLUSIVE), "after fork the page is shared");
    CHECK_SYS(madvise(p, PAGE_SIZE, MADV_POPULATE_WRITE), "MADV_POPULATE_WRITE after fork");
    CHECK(virt_to_pfn(p) != shared, "the parent got its own copy");
    CHECK(pagemap_entry(p) & PM_EXCLUSIVE, "mapped exclusively");
    CHECK_EQ_LONG(worker_call(&child, MEM_PFN, (long)p, 0), (long)shared, "the child kept the frame");
    CHECK_EQ_LONG(p[0], 'A', "with the contents");
    worker_exit(&child);

    /* Errors: a hole, a VMA without the permission, a fault that would SIGBUS. */
    munmap(p + PAGE_SIZE, PAGE_SIZE);
    CHECK_ERR(madvise(p, 4 * PAGE_SIZE, MADV_POPULATE_READ), ENOMEM, "over a hole: ENOMEM");
    mprotect(p + 2 * PAGE_SIZE, PAGE_SIZE, PROT_READ);
    CHECK_ERR(madvise(p + 2 * PAGE_SIZE, PAGE_SIZE, MADV_POPULATE_WRITE), EINVAL,
              "POPULATE_WRITE of PROT_READ: EINVAL");
    CHECK_SYS(madvise(p + 2 * PAGE_SIZE, PAGE_SIZE, MADV_POPULATE_READ), "POPULATE_READ of PROT_READ");
    mprotect(p + 2 * PAGE_SIZE, PAGE_SIZE, PROT_NONE);
    CHECK_ERR(madvise(p + 2 * PAGE_SIZE, PAGE_SIZE, MADV_POPULATE_READ), EINVAL,
              "POPULATE_READ of PROT_NONE: EINVAL");
    CHECK_ERR(madvise(p + 1, PAGE_SIZE, MADV_POPULATE_READ), EINVAL, "unaligned: EINVAL");
    munmap(p, 4 * PAGE_SIZE);

    int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK_EQ_LONG(write(fd, "data", 4), 4, "a file of 4 bytes");
    char *f = mmap(NULL, 2 * PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
    CHECK(f != MAP_FAILED, "mapped over 2 pages");
    CHECK_ERR(madvise(f, 2 * PAGE_SIZE, MADV_POPULATE_READ), EFAULT,
              "POPULATE_READ beyond the end of the file: EFAULT");
    CHECK(pagemap_entry(f) & PM_PRESENT, "the file's page was populated first");
    CHECK_ERR(madvise(f, PAGE_SIZE, MADV_POPULATE_WRITE), EINVAL,
              "POPULATE_WRITE of a PROT_READ shared mapping: EINVAL");
    munmap(f, 2 * PAGE_SIZE);
    close(fd);
    unlink(FILE_PATH);
}

int main(void)
{
    test_self_mem();
    test_mem_file_mapping();
    test_child_mem();
    test_process_vm();
    test_vmsplice();
    test_vmsplice_cow();
    test_populate();
    check_mm_verify("after the gup tests");
    return tap_done();
}
