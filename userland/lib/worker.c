/*
 * Worker processes: forked children that serve requests from the test over
 * a pair of pipes, so a test can make several processes act in a chosen
 * order (write a page, report a PFN, fork another worker, exit) and observe
 * the kernel between the steps.  A worker may itself fork workers whose
 * pipes the test created beforehand, so the test talks to grandchildren
 * directly too.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

void worker_init(struct worker *w)
{
    w->pid = -1;
    w->owned = 0;
    if (pipe(w->req) < 0 || pipe(w->rep) < 0) {
        say("Bail out! pipe: %s", errno_name(errno));
        exit(2);
    }
}

static void serve_forever(struct worker *w, serve_fn serve, void *ctx)
{
    struct request r;
    close(w->req[1]);
    close(w->rep[0]);
    for (;;) {
        while (wait4(-1, NULL, WNOHANG, NULL) > 0)
            ; /* reap workers this one forked */
        if (read_full(w->req[0], &r, sizeof r) != sizeof r)
            _exit(1);
        long reply = r.op == WORKER_EXIT ? 0 : serve(&r, ctx);
        write_full(w->rep[1], &reply, sizeof reply);
        if (r.op == WORKER_EXIT)
            _exit(0);
    }
}

pid_t worker_fork(struct worker *w, serve_fn serve, void *ctx)
{
    pid_t pid = fork();
    if (pid == 0)
        serve_forever(w, serve, ctx);
    w->pid = pid;
    return pid;
}

void worker_own(struct worker *w, pid_t pid)
{
    /* Without our copies of its ends, the worker's death reads as EOF. */
    close(w->req[0]);
    close(w->rep[1]);
    w->pid = pid;
    w->owned = 1;
}

void worker_start(struct worker *w, serve_fn serve, void *ctx)
{
    worker_init(w);
    worker_own(w, worker_fork(w, serve, ctx));
}

long worker_call(struct worker *w, int op, long a, long b)
{
    struct request r = { op, a, b };
    long reply;
    if (write_full(w->req[1], &r, sizeof r) != sizeof r ||
        read_full(w->rep[0], &reply, sizeof reply) != sizeof reply)
        return -1;
    return reply;
}

char proc_state(pid_t pid)
{
    char path[64], stat[512];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    if (read_file(path, stat, sizeof stat) < 0 || !strrchr(stat, ')'))
        return 0;
    return strrchr(stat, ')')[2];
}

void wait_gone(pid_t pid)
{
    const struct timespec tick = { 0, 2 * 1000 * 1000 };
    int status;

    if (wait4(pid, &status, 0, NULL) == pid)
        return;
    /* Not our child: its memory is gone once it is a zombie. */
    for (int i = 0; i < 2500; i++) {
        char state = proc_state(pid);
        if (state == 0 || state == 'Z')
            return;
        nanosleep(&tick, NULL);
    }
    say("# process %d did not exit", (int)pid);
}

void worker_exit(struct worker *w)
{
    worker_call(w, WORKER_EXIT, 0, 0);
    wait_gone(w->pid);
    if (w->owned) {
        close(w->req[1]);
        close(w->rep[0]);
    }
}

long serve_memory(const struct request *r, void *unused)
{
    (void)unused;
    volatile char *addr = (volatile char *)r->a;
    switch (r->op) {
    case MEM_READ:
        return *addr;
    case MEM_WRITE:
        *addr = (char)r->b;
        return 0;
    case MEM_PFN:
        return (long)virt_to_pfn((const void *)addr);
    case MEM_FORK:
        return worker_fork((struct worker *)r->a, serve_memory, NULL);
    }
    return -1;
}
