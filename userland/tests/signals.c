/*
 * Signal handlers, as Linux runs them: the siginfo a handler receives
 * (kill, tkill, faults, CPU exceptions, SIGCHLD), the mask while it runs,
 * SA_NODEFER / SA_RESETHAND / SA_RESTART, handlers that repair a fault or
 * edit the interrupted registers, pause and sigsuspend, and sigaltstack
 * (a handler that survives a stack overflow).
 */
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "test.h"

#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31)
#endif
#define SI_TKILL (-6)

/* What the last handler saw. */
static volatile int hits, last_sig, last_code, last_errno, nested_order;
static volatile pid_t last_pid;
static volatile uid_t last_uid;
static volatile int last_status;
static void *volatile last_addr;
static volatile uint64_t mask_inside;
static volatile unsigned long trapno, err, cr2;

static uint64_t current_mask(void)
{
    uint64_t set = 0;
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &set, 8);
    return set;
}

#define BIT(sig) (1ULL << ((sig) - 1))

static void record(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;

    hits++;
    last_sig = si->si_signo;
    last_code = si->si_code;
    last_errno = si->si_errno;
    last_pid = si->si_pid;
    last_uid = si->si_uid;
    last_status = si->si_status;
    last_addr = si->si_addr;
    mask_inside = current_mask();
    trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
    err = uc->uc_mcontext.gregs[REG_ERR];
    cr2 = uc->uc_mcontext.gregs[REG_CR2];
    (void)sig;
}

static void catch(int sig, void (*fn)(int, siginfo_t *, void *), int flags, uint64_t mask)
{
    struct sigaction sa = { .sa_sigaction = fn, .sa_flags = SA_SIGINFO | flags };

    for (int s = 1; s < 64; s++)
        if (mask & BIT(s))
            sigaddset(&sa.sa_mask, s);
    sigaction(sig, &sa, NULL);
}

static void reset(int sig)
{
    signal(sig, SIG_DFL);
    hits = 0;
}

static void test_kill_info(void)
{
    catch(SIGUSR1, record, 0, BIT(SIGUSR2));
    hits = 0;
    kill(getpid(), SIGUSR1);
    CHECK_EQ_LONG(hits, 1, "kill(self, SIGUSR1) runs the handler once, before kill returns");
    CHECK(last_sig == SIGUSR1 && last_code == SI_USER && last_errno == 0,
          "siginfo: si_signo SIGUSR1, si_code SI_USER (code %d)", last_code);
    CHECK_EQ_LONG(last_pid, getpid(), "siginfo: si_pid is the sender");
    CHECK_EQ_LONG(last_uid, 0, "siginfo: si_uid is the sender's uid");
    CHECK_EQ_HEX(mask_inside, BIT(SIGUSR1) | BIT(SIGUSR2),
                 "inside: the signal itself and sa_mask are blocked");
    CHECK_EQ_HEX(current_mask(), 0, "after the handler returns the mask is restored");

    syscall(SYS_tkill, syscall(SYS_gettid), SIGUSR1);
    CHECK(hits == 2 && last_code == SI_TKILL && last_pid == getpid(),
          "tkill: si_code SI_TKILL (code %d), si_pid the sender", last_code);
    reset(SIGUSR1);
}

static void test_blocked_then_pending(void)
{
    sigset_t set, pending;

    catch(SIGUSR2, record, 0, 0);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    kill(getpid(), SIGUSR2);
    kill(getpid(), SIGUSR2);
    sigpending(&pending);
    CHECK(hits == 0 && sigismember(&pending, SIGUSR2), "a blocked signal stays pending");
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    CHECK_EQ_LONG(hits, 1, "unblocking delivers it once (two sends of a standard signal merge)");
    reset(SIGUSR2);

    catch(SIGRTMIN, record, 0, 0);
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN);
    sigprocmask(SIG_BLOCK, &set, NULL);
    for (int i = 0; i < 3; i++)
        kill(getpid(), SIGRTMIN);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    CHECK_EQ_LONG(hits, 3, "a real-time signal is queued: three sends, three deliveries");
    CHECK(last_sig == SIGRTMIN && last_pid == getpid(), "each with its siginfo");
    reset(SIGRTMIN);
}

static void nested_usr2(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)si, (void)uc;
    nested_order = nested_order * 10 + 2;
}

static void nested_usr1(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)si, (void)uc;
    nested_order = nested_order * 10 + 1;
    kill(getpid(), SIGUSR2);
    nested_order = nested_order * 10 + 3;
}

static void nodefer_usr1(int sig, siginfo_t *si, void *uc)
{
    record(sig, si, uc);
}

static void test_flags(void)
{
    struct sigaction old;

    nested_order = 0;
    catch(SIGUSR1, nested_usr1, 0, 0);
    catch(SIGUSR2, nested_usr2, 0, 0);
    kill(getpid(), SIGUSR1);
    CHECK_EQ_LONG(nested_order, 123, "a handler is interrupted by an unblocked signal (1, 2, 3)");

    catch(SIGUSR1, nodefer_usr1, SA_NODEFER | SA_RESETHAND, 0);
    hits = 0;
    kill(getpid(), SIGUSR1);
    CHECK_EQ_HEX(mask_inside, 0, "SA_NODEFER: the signal is not blocked in its handler");
    sigaction(SIGUSR1, NULL, &old);
    CHECK(hits == 1 && old.sa_handler == SIG_DFL, "SA_RESETHAND: the action is back to SIG_DFL");
    reset(SIGUSR2);
}

/* SIGSEGV on a PROT_NONE page: the handler opens it and the access is retried. */
static char *guarded;

static void open_page(int sig, siginfo_t *si, void *uc)
{
    record(sig, si, uc);
    mprotect(guarded, PAGE_SIZE, PROT_READ | PROT_WRITE);
}

static sigjmp_buf escape;

static void jump_out(int sig, siginfo_t *si, void *uc)
{
    record(sig, si, uc);
    siglongjmp(escape, 1);
}

static void test_fault_info(void)
{
    guarded = mmap(NULL, PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    catch(SIGSEGV, open_page, 0, 0);
    hits = 0;
    guarded[100] = 'x';
    CHECK(hits == 1 && guarded[100] == 'x', "the handler mprotects the page, the write is retried");
    CHECK(last_sig == SIGSEGV && last_code == SEGV_ACCERR && last_addr == guarded + 100,
          "siginfo: SEGV_ACCERR at the address (code %d)", last_code);
    CHECK(trapno == 14 && err == 6 && cr2 == (unsigned long)(guarded + 100),
          "sigcontext: trapno 14, error 6 (user write, not present), cr2 (%lu %lu)", trapno, err);

    munmap(guarded, PAGE_SIZE);
    catch(SIGSEGV, jump_out, 0, 0);
    if (!sigsetjmp(escape, 1))
        *(volatile char *)guarded = 1;
    CHECK(hits == 2 && last_code == SEGV_MAPERR && last_addr == guarded,
          "unmapped: SEGV_MAPERR at the address (code %d)", last_code);
    CHECK_EQ_HEX(current_mask(), 0, "siglongjmp out of the handler restores the mask");
    reset(SIGSEGV);
}

/* A handler that edits the interrupted registers: skip the ud2. */
static void skip_ud2(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;

    record(sig, si, ucv);
    uc->uc_mcontext.gregs[REG_RIP] += 2;
}

static void test_exceptions(void)
{
    void *volatile at;

    catch(SIGILL, skip_ud2, 0, 0);
    hits = 0;
    __asm__ volatile("lea 0(%%rip), %0\n\tud2" : "=r"(at));
    CHECK_EQ_LONG(hits, 1, "ud2: the handler ran and moving RIP past it resumes the program");
    CHECK(last_sig == SIGILL && last_code == ILL_ILLOPN && last_addr == (char *)at + 0,
          "siginfo: SIGILL, ILL_ILLOPN at the instruction (code %d)", last_code);
    CHECK_EQ_LONG(trapno, 6, "sigcontext: trapno 6 (#UD)");
    reset(SIGILL);

    catch(SIGSEGV, jump_out, 0, 0);
    if (!sigsetjmp(escape, 1))
        __asm__ volatile("hlt");	/* privileged: #GP */
    CHECK(hits == 1 && last_code == SI_KERNEL && last_addr == NULL,
          "#GP (hlt in user mode): SIGSEGV, SI_KERNEL, no address (code %d)", last_code);
    CHECK_EQ_LONG(trapno, 13, "sigcontext: trapno 13 (#GP)");
    reset(SIGSEGV);

    catch(SIGFPE, jump_out, 0, 0);
    if (!sigsetjmp(escape, 1)) {
        volatile int zero = 0, seven = 7;
        volatile int x = seven / zero;	/* 1 / x would compile to no division */
        (void)x;
    }
    CHECK(hits == 1 && last_sig == SIGFPE && last_code == FPE_INTDIV,
          "divide by zero: SIGFPE, FPE_INTDIV (code %d)", last_code);
    reset(SIGFPE);
}

static void test_sigchld_info(void)
{
    pid_t pid;

    catch(SIGCHLD, record, 0, 0);
    hits = 0;
    pid = fork();
    if (pid == 0)
        _exit(3);
    wait_for(pid);
    CHECK(hits == 1 && last_sig == SIGCHLD && last_code == CLD_EXITED && last_pid == pid &&
          last_status == 3, "SIGCHLD: CLD_EXITED, si_pid the child, si_status 3 (code %d)",
          last_code);

    pid = fork();
    if (pid == 0)
        for (;;)
            pause();
    kill(pid, SIGKILL);
    wait_for(pid);
    CHECK(hits == 2 && last_code == CLD_KILLED && last_pid == pid && last_status == SIGKILL,
          "SIGCHLD: CLD_KILLED, si_status SIGKILL (code %d)", last_code);
    reset(SIGCHLD);
}

/*
 * A child that sends sig to its parent once the parent sleeps in a system
 * call, then writes a byte to fd (if fd >= 0) once it sleeps again.
 */
static pid_t poke_when_asleep(int sig, int fd)
{
    pid_t parent = getpid(), pid = fork();

    if (pid)
        return pid;
    while (proc_state(parent) != 'S')
        sched_yield();
    kill(parent, sig);
    if (fd >= 0) {
        struct timespec ts = { 0, 20 * 1000 * 1000 };
        nanosleep(&ts, NULL);
        while (proc_state(parent) != 'S')
            sched_yield();
        write(fd, "x", 1);
    }
    _exit(0);
}

static void count(int sig)
{
    (void)sig;
    hits++;
}

static void on_usr1(int flags)
{
    struct sigaction sa = { .sa_handler = count, .sa_flags = flags };
    sigaction(SIGUSR1, &sa, NULL);
    hits = 0;
}

static void test_restart(void)
{
    int p[2];
    char c = 0;
    pid_t pid;
    long r;

    pipe(p);
    on_usr1(SA_RESTART);
    pid = poke_when_asleep(SIGUSR1, p[1]);
    r = read(p[0], &c, 1);
    CHECK(r == 1 && c == 'x' && hits == 1, "SA_RESTART: read() runs the handler and goes on "
          "(r %ld, hits %d)", r, hits);
    wait_for(pid);

    on_usr1(0);
    pid = poke_when_asleep(SIGUSR1, p[1]);
    CHECK_ERR(read(p[0], &c, 1), EINTR, "without SA_RESTART: read() fails with EINTR");
    CHECK(read(p[0], &c, 1) == 1 && c == 'x' && hits == 1, "the data is still there");
    wait_for(pid);

    on_usr1(SA_RESTART);
    pid = poke_when_asleep(SIGUSR1, -1);
    {
        struct timespec ts = { 30, 0 }, rem = { 0, 0 };
        CHECK_ERR(nanosleep(&ts, &rem), EINTR, "nanosleep: EINTR even with SA_RESTART");
        CHECK(rem.tv_sec > 0 && rem.tv_sec <= 30, "nanosleep reports the time left");
    }
    wait_for(pid);

    on_usr1(SA_RESTART);
    pid = poke_when_asleep(SIGUSR1, -1);
    CHECK_ERR(pause(), EINTR, "pause returns EINTR after the handler ran");
    CHECK_EQ_LONG(hits, 1, "the handler ran once");
    wait_for(pid);
    close(p[0]);
    close(p[1]);
    reset(SIGUSR1);
}

static void test_sigsuspend(void)
{
    sigset_t block, wait_mask;
    pid_t pid;

    catch(SIGUSR1, record, 0, 0);
    hits = 0;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, NULL);
    pid = poke_when_asleep(SIGUSR1, -1);
    sigemptyset(&wait_mask);
    sigaddset(&wait_mask, SIGUSR2);
    CHECK_ERR(sigsuspend(&wait_mask), EINTR, "sigsuspend returns EINTR after the handler");
    CHECK_EQ_LONG(hits, 1, "the blocked signal was delivered inside sigsuspend");
    CHECK_EQ_HEX(mask_inside, BIT(SIGUSR1) | BIT(SIGUSR2),
                 "inside the handler: sigsuspend's mask plus the signal");
    CHECK_EQ_HEX(current_mask(), BIT(SIGUSR1), "afterwards the old mask is back");
    wait_for(pid);
    sigprocmask(SIG_UNBLOCK, &block, NULL);
    CHECK_ERR(syscall(SYS_rt_sigsuspend, &wait_mask, 4), EINVAL, "rt_sigsuspend bad size: EINVAL");
    CHECK_ERR(syscall(SYS_rt_sigsuspend, (void *)8, 8), EFAULT, "rt_sigsuspend bad mask: EFAULT");
    reset(SIGUSR1);
}

/* ---- sigaltstack ---- */

#define ALT_SIZE (64 * 1024)
static char *alt;
static volatile unsigned long handler_sp;
static volatile int inside_flags, inside_eperm;
static volatile unsigned long uc_sp, uc_size;
static volatile int uc_flags;

static void on_alt(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    stack_t now, other = { .ss_sp = alt, .ss_size = ALT_SIZE };
    char here;

    record(sig, si, ucv);
    handler_sp = (unsigned long)&here;
    sigaltstack(NULL, &now);
    inside_flags = now.ss_flags;
    /* Only try it where it must fail: with SS_AUTODISARM it would succeed. */
    inside_eperm = now.ss_flags == SS_ONSTACK &&
                   syscall(SYS_sigaltstack, &other, NULL) == -1 && errno == EPERM;
    uc_sp = (unsigned long)uc->uc_stack.ss_sp;
    uc_size = uc->uc_stack.ss_size;
    uc_flags = uc->uc_stack.ss_flags;
}

static int on_alt_stack(unsigned long sp)
{
    return sp > (unsigned long)alt && sp <= (unsigned long)alt + ALT_SIZE;
}

static void test_sigaltstack_calls(void)
{
    stack_t ss = { 0 }, old;

    CHECK_SYS(sigaltstack(NULL, &old), "sigaltstack queries");
    CHECK(old.ss_flags == SS_DISABLE && old.ss_sp == NULL && old.ss_size == 0,
          "at first there is none: SS_DISABLE (flags %d)", old.ss_flags);

    ss.ss_sp = alt;
    ss.ss_size = 1024;
    CHECK_ERR(syscall(SYS_sigaltstack, &ss, NULL), ENOMEM, "smaller than MINSIGSTKSZ: ENOMEM");
    ss.ss_size = ALT_SIZE;
    ss.ss_flags = 5;
    CHECK_ERR(syscall(SYS_sigaltstack, &ss, NULL), EINVAL, "unknown flags: EINVAL");
    CHECK_ERR(syscall(SYS_sigaltstack, (void *)8, NULL), EFAULT, "bad pointer: EFAULT");
    CHECK_ERR(syscall(SYS_sigaltstack, NULL, (void *)8), EFAULT, "bad old pointer: EFAULT");

    ss.ss_flags = 0;
    CHECK_SYS(sigaltstack(&ss, &old), "sigaltstack sets");
    CHECK_EQ_LONG(old.ss_flags, SS_DISABLE, "and hands back the old one");
    sigaltstack(NULL, &old);
    CHECK(old.ss_sp == alt && old.ss_size == ALT_SIZE && old.ss_flags == 0,
          "it reads back: sp, size, flags 0 (flags %d)", old.ss_flags);
}

static void test_sigaltstack_delivery(void)
{
    stack_t ss = { .ss_sp = alt, .ss_size = ALT_SIZE }, now;
    char here;

    catch(SIGUSR1, on_alt, SA_ONSTACK, 0);
    kill(getpid(), SIGUSR1);
    CHECK(on_alt_stack(handler_sp), "SA_ONSTACK: the handler runs on the alternate stack");
    CHECK_EQ_LONG(inside_flags, SS_ONSTACK, "inside, sigaltstack reports SS_ONSTACK");
    CHECK(inside_eperm, "changing the stack while on it: EPERM");
    CHECK(uc_sp == (unsigned long)alt && uc_size == ALT_SIZE && uc_flags == 0,
          "uc_stack holds the alternate stack (flags %d)", uc_flags);
    CHECK(!on_alt_stack((unsigned long)&here), "back on the normal stack afterwards");

    catch(SIGUSR1, on_alt, 0, 0);
    kill(getpid(), SIGUSR1);
    CHECK(!on_alt_stack(handler_sp) && inside_flags == 0,
          "without SA_ONSTACK the handler stays on the normal stack");

    ss.ss_flags = SS_AUTODISARM;
    sigaltstack(&ss, NULL);
    catch(SIGUSR1, on_alt, SA_ONSTACK, 0);
    kill(getpid(), SIGUSR1);
    CHECK(on_alt_stack(handler_sp) && inside_flags == SS_DISABLE,
          "SS_AUTODISARM: inside the handler the stack is disarmed (flags %d)", inside_flags);
    CHECK_EQ_HEX((unsigned)uc_flags, SS_AUTODISARM, "uc_stack keeps SS_AUTODISARM");
    sigaltstack(NULL, &now);
    CHECK(now.ss_sp == alt && now.ss_flags == (int)SS_AUTODISARM,
          "sigreturn re-arms it (flags 0x%x)", now.ss_flags);

    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
    sigaltstack(NULL, &now);
    CHECK(now.ss_flags == SS_DISABLE && now.ss_sp == NULL && now.ss_size == 0,
          "SS_DISABLE removes it");
    reset(SIGUSR1);
}

static int inherited(void *unused)
{
    stack_t now;
    (void)unused;
    sigaltstack(NULL, &now);
    return now.ss_sp == alt && now.ss_size == ALT_SIZE && now.ss_flags == 0;
}

static void overflowed(int sig)
{
    (void)sig;
    _exit(42);
}

static int recurse(int depth)
{
    volatile char frame[1024];

    frame[0] = (char)depth;
    if (depth > (1 << 30))  /* never: the stack ends first */
        return 0;
    return recurse(depth + 1) + frame[0];
}

static int overflow_child(void *with_altstack)
{
    struct sigaction sa = { .sa_handler = overflowed, .sa_flags = SA_ONSTACK };

    if (with_altstack) {
        stack_t ss = { .ss_sp = alt, .ss_size = ALT_SIZE };
        sigaltstack(&ss, NULL);
    }
    sigaction(SIGSEGV, &sa, NULL);
    return recurse(0);
}

static void test_sigaltstack_overflow(void)
{
    stack_t ss = { .ss_sp = alt, .ss_size = ALT_SIZE };

    sigaltstack(&ss, NULL);
    CHECK_EXIT(run_child(inherited, NULL), 1, "fork: the child inherits the alternate stack");
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);

    CHECK_EXIT(run_child(overflow_child, (void *)1), 42,
               "stack overflow: the SIGSEGV handler runs on the alternate stack");
    CHECK_SIGNAL(run_child(overflow_child, NULL), SIGSEGV,
                 "without one the handler cannot run: killed by SIGSEGV");
}

int main(void)
{
    alt = malloc(ALT_SIZE);
    test_kill_info();
    test_blocked_then_pending();
    test_flags();
    test_fault_info();
    test_exceptions();
    test_sigchld_info();
    test_restart();
    test_sigsuspend();
    test_sigaltstack_calls();
    test_sigaltstack_delivery();
    test_sigaltstack_overflow();
    free(alt);
    return tap_done();
}
