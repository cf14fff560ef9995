/*
 * Child-process helpers: run a function in a forked child and collect its
 * wait status.  Children leave with _exit so the parent's stdio buffers are
 * not flushed twice.
 */
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

pid_t spawn(int (*fn)(void *), void *arg)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(fn(arg));
    return pid;
}

int wait_for(pid_t pid)
{
    int status;
    pid_t r;
    do
        r = wait4(pid, &status, 0, NULL);
    while (r < 0 && errno == EINTR);
    return r == pid ? status : -1;
}

int run_child(int (*fn)(void *), void *arg)
{
    pid_t pid = spawn(fn, arg);
    return pid < 0 ? -1 : wait_for(pid);
}
