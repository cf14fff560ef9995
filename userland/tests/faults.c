/*
 * Fault paths that must kill the faulting process with SIGSEGV (seen by
 * the parent's wait4): NULL, kernel and non-canonical addresses, writes to
 * read-only and text pages, execution from a non-executable mapping, any
 * access to PROT_NONE or unmapped memory, and rt_sigreturn of a forged
 * frame with a non-canonical or kernel ip, a non-canonical sp or kernel FPU
 * state.  The parent and its memory are untouched by its children's deaths.
 */
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "test.h"

/* Addresses passed through a volatile so the compiler emits the access. */
static void write_to(uintptr_t addr)
{
    volatile char *volatile p = (volatile char *)addr;
    *p = 1;
}

static char read_from(uintptr_t addr)
{
    volatile char *volatile p = (volatile char *)addr;
    return *p;
}

static void call(uintptr_t addr)
{
    void (*volatile fn)(void) = (void (*)(void))addr;
    fn();
}

static int write_null(void *unused)
{
    (void)unused;
    write_to(0);
    return 0;
}

static int read_null(void *unused)
{
    (void)unused;
    return read_from(8);
}

static int write_kernel(void *unused)
{
    (void)unused;
    write_to(0xffff888000000000UL);
    return 0;
}

static int read_kernel(void *unused)
{
    (void)unused;
    return read_from(0xffffffff81000000UL);
}

static int read_noncanonical(void *unused)
{
    (void)unused;
    return read_from(0x0000800000000000UL);
}

static int write_readonly(void *touch_first)
{
    char *p = map_anon(NULL, PAGE_SIZE, PROT_READ, 0);
    if (touch_first)
        read_from((uintptr_t)p);
    write_to((uintptr_t)p);
    return 0;
}

static int write_after_mprotect(void *unused)
{
    (void)unused;
    char *p = map_anon(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, 0);
    p[0] = 1;
    mprotect(p, PAGE_SIZE, PROT_READ);
    write_to((uintptr_t)p);
    return 0;
}

static int write_text(void *unused)
{
    (void)unused;
    write_to((uintptr_t)write_text);
    return 0;
}

static int exec_noexec(void *unused)
{
    (void)unused;
    unsigned char *p = map_anon(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, 0);
    p[0] = 0xc3; /* ret */
    call((uintptr_t)p);
    return 0;
}

static int exec_null(void *unused)
{
    (void)unused;
    call(0);
    return 0;
}

static int read_prot_none(void *unused)
{
    (void)unused;
    char *p = map_anon(NULL, PAGE_SIZE, PROT_NONE, 0);
    return read_from((uintptr_t)p);
}

static int read_unmapped(void *unused)
{
    (void)unused;
    char *p = map_anon(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, 0);
    p[PAGE_SIZE] = 1;
    munmap(p + PAGE_SIZE, PAGE_SIZE);
    p[0] = 1;
    return read_from((uintptr_t)p + PAGE_SIZE);
}

/*
 * rt_sigreturn of a forged frame: the kernel must return to (and fault on)
 * whatever it restores, never fault itself. @arg picks the bad field.
 */
enum { GOOD_FRAME, BAD_IP_NONCANONICAL, BAD_IP_KERNEL, BAD_SP_NONCANONICAL, BAD_FPSTATE_KERNEL };

/* Where a forged frame resumes if its bad field were ignored. */
static void exit_five(void)
{
    _exit(5);
}

static int bad_sigreturn(void *arg)
{
    static uint64_t frame[128] __attribute__((aligned(64)));
    /* pretcode, uc_flags, uc_link, uc_stack (3 words), then the sigcontext */
    uint64_t *sc = frame + 6;
    enum { SC_SP = 15, SC_IP, SC_FLAGS, SC_SEGS, SC_FPSTATE = 23 };

    sc[SC_SP] = (uint64_t)(frame + 121); /* as after a call: 8 mod 16 */
    sc[SC_IP] = (uint64_t)exit_five;
    sc[SC_FLAGS] = 0x202;
    sc[SC_SEGS] = 0x33 | 0x2bUL << 48; /* cs, gs, fs, ss: Linux takes cs and ss from here */
    switch ((long)arg) {
    case BAD_IP_NONCANONICAL: sc[SC_IP] = 0x8000000000000000UL; break;
    case BAD_IP_KERNEL: sc[SC_IP] = 0xffffffff81000000UL; break;
    case BAD_SP_NONCANONICAL: sc[SC_SP] = 0x8000000000000000UL; break;
    case BAD_FPSTATE_KERNEL: sc[SC_FPSTATE] = 0xffff888000000000UL; break;
    }
    __asm__ volatile("lea 8(%0), %%rsp; mov $15, %%eax; syscall" : : "r"(frame) : "memory");
    return 4;
}

/* Control: the same kind of child, without a fault, exits normally. */
static int no_fault(void *unused)
{
    (void)unused;
    char *p = map_anon(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC, 0);
    p[0] = (char)0xc3;
    call((uintptr_t)p);
    return 3;
}

static const struct {
    const char *what;
    int (*fn)(void *);
    void *arg;
} cases[] = {
    { "write to NULL", write_null, NULL },
    { "read near NULL", read_null, NULL },
    { "write to a kernel address", write_kernel, NULL },
    { "read the kernel text address", read_kernel, NULL },
    { "read a non-canonical address", read_noncanonical, NULL },
    { "write to an untouched PROT_READ page", write_readonly, NULL },
    { "write to a read-faulted PROT_READ page", write_readonly, (void *)1 },
    { "write after mprotect(PROT_READ)", write_after_mprotect, NULL },
    { "write to the program's text", write_text, NULL },
    { "execute from a non-executable mapping", exec_noexec, NULL },
    { "jump to address 0", exec_null, NULL },
    { "read a PROT_NONE mapping", read_prot_none, NULL },
    { "read an unmapped page", read_unmapped, NULL },
    { "rt_sigreturn to a non-canonical ip", bad_sigreturn, (void *)BAD_IP_NONCANONICAL },
    { "rt_sigreturn to a kernel ip", bad_sigreturn, (void *)BAD_IP_KERNEL },
    { "rt_sigreturn with a non-canonical sp", bad_sigreturn, (void *)BAD_SP_NONCANONICAL },
    { "rt_sigreturn with its FPU state in the kernel", bad_sigreturn, (void *)BAD_FPSTATE_KERNEL },
};

int main(void)
{
    static char mine[PAGE_SIZE * 4];
    memset(mine, 0x5a, sizeof mine);

    CHECK_EXIT(run_child(no_fault, NULL), 3, "control: executing from a PROT_EXEC mapping works");
    CHECK_EXIT(run_child(bad_sigreturn, (void *)GOOD_FRAME), 5,
               "control: rt_sigreturn of a good forged frame resumes at its ip");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int status = run_child(cases[i].fn, cases[i].arg);
        CHECK_SIGNAL(status, SIGSEGV, "%s: killed by SIGSEGV", cases[i].what);
    }
    CHECK_EQ_HEX(run_child(write_null, NULL), SIGSEGV, "raw wait status: signal 11, no core dump");

    size_t bad = 0;
    for (size_t i = 0; i < sizeof mine; i++)
        bad += mine[i] != 0x5a;
    CHECK_EQ_LONG(bad, 0, "the parent's memory is intact");
    return tap_done();
}
