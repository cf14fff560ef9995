/*
 * /tests/helpers/profile PROG [ARGS...]: profile PROG's time in the kernel.
 * Resets /proc/profile (any write does), runs PROG, waits for it, then
 * prints the profile in a sparse text form for tools/readprofile:
 *   profile step <bytes of kernel text per counter>
 *   profile <counter index> <hits>      (one line per nonzero counter)
 * Needs a kernel booted with profile=N (`make profile` does it) and /proc
 * mounted (run it under /init). Exits with PROG's status.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    unsigned int counters[1024], step;
    unsigned long index = 0;
    int fd = open("/proc/profile", O_RDWR), status = 0;
    ssize_t got;
    pid_t pid;

    if (fd < 0 || argc < 2) {
        fprintf(stderr, "usage: profile PROG [ARGS...] (needs profile= and /proc)\n");
        return 2;
    }
    if (write(fd, "0", 1) != 1)
        perror("profile: reset /proc/profile");
    pid = fork();
    if (pid == 0) {
        execv(argv[1], argv + 1);
        perror(argv[1]);
        _exit(127);
    }
    waitpid(pid, &status, 0);
    if (lseek(fd, 0, SEEK_SET) != 0 || read(fd, &step, sizeof step) != sizeof step)
        return 2;
    printf("profile step %u\n", step);
    while ((got = read(fd, counters, sizeof counters)) > 0)
        for (size_t i = 0; i < got / sizeof counters[0]; i++, index++)
            if (counters[i])
                printf("profile %lu %u\n", index, counters[i]);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
