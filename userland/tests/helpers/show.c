/*
 * /tests/helpers/show: prints what it was started with, for exec tests.
 *   argv: <each argument, space-separated>
 *   env: <each environment string, space-separated>
 *   fds: <open descriptors among 0..31>
 *   ids: pid=<pid> ppid=<ppid>
 * and exits with argc as its status.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
    printf("argv:");
    for (int i = 0; i < argc; i++)
        printf(" %s", argv[i]);
    printf("\nenv:");
    for (char **e = environ; *e; e++)
        printf(" %s", *e);
    printf("\nfds:");
    for (int fd = 0; fd < 32; fd++)
        if (fcntl(fd, F_GETFD) >= 0)
            printf(" %d", fd);
    printf("\nids: pid=%d ppid=%d\n", getpid(), getppid());
    return argc;
}
