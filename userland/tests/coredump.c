/*
 * Core dumps: with RLIMIT_CORE 0 a SIGSEGV kills without a core; with it
 * unlimited the process leaves an ELF core file "core" (mode 0600) in its
 * cwd and the wait status has WCOREDUMP; SIGABRT and SIGQUIT dump too,
 * SIGKILL and SIGTERM do not; /proc/sys/kernel/core_pattern names the file
 * (%p, %s). The core is checked as gdb reads it: an ET_CORE header, a
 * PT_NOTE whose NT_PRSTATUS has the signal, the pid and the registers (the
 * instruction pointer in the crashing function), and a PT_LOAD for the
 * stack holding the bytes the process had there.
 */
#include <elf.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"

#define DIR "/tmp/coredump"

static volatile int *null_pointer;
static char marker[] = "stack marker 0123456789";

__attribute__((noinline)) static void crash_here(void)
{
    *null_pointer = 1;
}

static void crash_end(void)
{
}

struct child_arg {
    rlim_t limit;
    int sig; /* 0: SIGSEGV by a bad store */
};

static int crasher(void *p)
{
    struct child_arg *arg = p;
    struct rlimit r = { arg->limit, arg->limit };
    volatile char on_stack[64];

    memcpy((char *)on_stack, marker, sizeof marker);
    if (chdir(DIR) || setrlimit(RLIMIT_CORE, &r))
        return 2;
    if (arg->sig == SIGABRT)
        abort();
    if (arg->sig)
        kill(getpid(), arg->sig);
    crash_here();
    return on_stack[0];
}

static int run(rlim_t limit, int sig)
{
    struct child_arg arg = { limit, sig };
    return run_child(crasher, &arg);
}

static long file_size(const char *name)
{
    struct stat st;
    return stat(name, &st) ? -1 : st.st_size;
}

/* Check a core file: 1 if it is what gdb needs. */
static int check_core(const char *path, pid_t pid, int sig)
{
    int fd = open(path, O_RDONLY), ok_note = 0, ok_stack = 0;
    long n = file_size(path);
    char *core = n > 0 ? mmap(NULL, n, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
    Elf64_Ehdr *eh = (Elf64_Ehdr *)core;

    close(fd);
    if (core == MAP_FAILED)
        return 0;
    if (n < (long)sizeof *eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_type != ET_CORE ||
        eh->e_machine != EM_X86_64) {
        munmap(core, n);
        return 0;
    }
    for (int i = 0; i < eh->e_phnum; i++) {
        Elf64_Phdr *ph = (Elf64_Phdr *)(core + eh->e_phoff + i * sizeof *ph);
        if (ph->p_type == PT_NOTE) {
            char *notes = core + ph->p_offset;
            Elf64_Nhdr *nh = (Elf64_Nhdr *)notes;
            /* struct elf_prstatus: cursig at 12, pid at 32, rip at 112 + 16 * 8 */
            char *desc = notes + sizeof *nh + ((nh->n_namesz + 3) & ~3);
            unsigned long rip;
            memcpy(&rip, desc + 112 + 16 * 8, 8);
            ok_note = nh->n_type == NT_PRSTATUS && *(short *)(desc + 12) == sig &&
                      *(int *)(desc + 32) == pid &&
                      (sig != SIGSEGV ||
                       (rip >= (unsigned long)crash_here && rip < (unsigned long)crash_end) ||
                       rip - (unsigned long)crash_here < 64);
        } else if (ph->p_type == PT_LOAD && ph->p_filesz && ph->p_offset + ph->p_filesz <= (unsigned long)n) {
            for (unsigned long off = 0; off + sizeof marker <= ph->p_filesz; off += 8)
                if (!memcmp(core + ph->p_offset + off, marker, sizeof marker) &&
                    ph->p_vaddr > (unsigned long)&marker + 4096)
                    ok_stack = 1;
        }
    }
    munmap(core, n);
    return ok_note && ok_stack;
}

int main(void)
{
    char path[64];
    struct stat st;
    int s;

    mkdir(DIR, 0755);
    unlink(DIR "/core");

    s = run(0, 0);
    CHECK(WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV && !WCOREDUMP(s),
          "RLIMIT_CORE 0: killed by SIGSEGV, no WCOREDUMP (%s)", status_text(s));
    CHECK_EQ_LONG(file_size(DIR "/core"), -1, "and no core file");
    comparable("limit 0: signal %d coredump %d", WTERMSIG(s), !!WCOREDUMP(s));

    pid_t pid = spawn(crasher, &(struct child_arg){ RLIM_INFINITY, 0 });
    s = wait_for(pid);
    CHECK(WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV && WCOREDUMP(s),
          "RLIMIT_CORE unlimited: SIGSEGV with WCOREDUMP (%s)", status_text(s));
    CHECK(stat(DIR "/core", &st) == 0 && (st.st_mode & 0777) == 0600 && st.st_size > 4096,
          "a core file in its cwd, mode 0600");
    CHECK(check_core(DIR "/core", pid, SIGSEGV),
          "ET_CORE with NT_PRSTATUS (signal, pid, rip in crash_here) and the stack's bytes");
    comparable("segv: signal %d coredump %d", WTERMSIG(s), !!WCOREDUMP(s));

    s = run(RLIM_INFINITY, SIGABRT);
    CHECK(WIFSIGNALED(s) && WTERMSIG(s) == SIGABRT && WCOREDUMP(s), "abort() dumps core");
    s = run(RLIM_INFINITY, SIGQUIT);
    CHECK(WIFSIGNALED(s) && WTERMSIG(s) == SIGQUIT && WCOREDUMP(s), "SIGQUIT dumps core");
    comparable("quit: signal %d coredump %d", WTERMSIG(s), !!WCOREDUMP(s));
    unlink(DIR "/core");
    s = run(RLIM_INFINITY, SIGTERM);
    CHECK(WIFSIGNALED(s) && WTERMSIG(s) == SIGTERM && !WCOREDUMP(s), "SIGTERM does not");
    CHECK_EQ_LONG(file_size(DIR "/core"), -1, "no core file");

    CHECK_EQ_LONG(write_file("/proc/sys/kernel/core_pattern", "core.%p.%s\n"), 0,
                  "core_pattern core.%%p.%%s");
    pid = spawn(crasher, &(struct child_arg){ RLIM_INFINITY, 0 });
    s = wait_for(pid);
    snprintf(path, sizeof path, DIR "/core.%d.11", pid);
    CHECK(WCOREDUMP(s) && file_size(path) > 0, "the core is %s", path);
    CHECK(check_core(path, pid, SIGSEGV), "and it is a good core");
    unlink(path);
    write_file("/proc/sys/kernel/core_pattern", "core");
    char text[64] = "";
    read_file("/proc/sys/kernel/core_pattern", text, sizeof text);
    CHECK_STR(text, "core\n", "core_pattern is back to core");
    comparable("core_pattern: named core.PID.11, read back core");
    rmdir(DIR);
    return tap_done();
}
