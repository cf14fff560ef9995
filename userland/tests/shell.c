/*
 * /bin/sh (busybox ash) driven through a pipe (no terminal, so no
 * prompts): echo and redirection, pipes, command substitution, && and ||,
 * a program run by path with arguments, and ash's reports for a missing
 * file, an unknown command and a program killed by a signal.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"

#define OUTPUT "/tmp/shell-output"

static const char script[] =
    "echo hello   world\n"
    "echo first line > /tmp/shell-file\n"
    "cat /tmp/shell-file\n"
    "cat /no-such-file\n"
    "ls /dev | grep -c .\n"
    "echo \"sum=$((6 * 7)) dir=$(cd /tests/helpers && pwd)\"\n"
    "/tests/helpers/show a b\n"
    "no-such-command\n"
    "false || echo or-ran && echo and-ran\n"
    "/tests/helpers/segv\n"
    "echo status=$?\n"
    "exit 7\n"
    "echo not reached\n";

/*
 * Run sh with script as its stdin and its stdout and stderr into a file,
 * so that while it runs this process sleeps in wait4; its output into out.
 */
static int run_shell(char *out, size_t size)
{
    int in[2];
    pipe(in);
    int fd = open(OUTPUT, O_RDWR | O_CREAT | O_TRUNC, 0644);
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = { "/bin/sh", NULL };
        char *envp[] = { "PATH=/bin:/sbin", NULL };
        dup2(in[0], 0);
        dup2(fd, 1);
        dup2(fd, 2);
        for (int other = 3; other < 8; other++)
            close(other);
        execve(argv[0], argv, envp);
        _exit(127);
    }
    close(in[0]);
    write_full(in[1], script, strlen(script));
    close(in[1]);
    int status = wait_for(pid);
    ssize_t n = pread(fd, out, size - 1, 0);
    out[n > 0 ? n : 0] = 0;
    close(fd);
    unlink(OUTPUT);
    return status;
}

/* 1 if text has line as one of its lines. */
static int has_line(const char *text, const char *line)
{
    char found[256];
    return find_line(text, line, found, sizeof found) && strcmp(found, line) == 0;
}

int main(void)
{
    static char out[16384];

    CHECK_EXIT(run_shell(out, sizeof out), 7, "the shell exits with exit's status");
    for (const char *l = out; *l; l += strcspn(l, "\n") + (l[strcspn(l, "\n")] != 0)) {
        if (!strncmp(l, "ids: ", 5))   /* pids differ between kernels */
            note("sh| %.*s", (int)strcspn(l, "\n"), l);
        else
            comparable("sh| %.*s", (int)strcspn(l, "\n"), l);
    }
    CHECK(!strncmp(out, "hello world\nfirst line\n", 23), "echo, and echo > file then cat");
    CHECK(has_line(out, "cat: can't open '/no-such-file': No such file or directory"),
          "cat of a missing file");
    CHECK(has_line(out, "6"), "a pipe: ls /dev | grep -c . counts the six device nodes");
    CHECK(has_line(out, "sum=42 dir=/tests/helpers"), "arithmetic and command substitution");
    CHECK(has_line(out, "argv: /tests/helpers/show a b"), "a program runs with its arguments");
    CHECK(has_line(out, "/bin/sh: no-such-command: not found"), "an unknown command is reported");
    CHECK(has_line(out, "or-ran") && has_line(out, "and-ran"), "|| and &&");
    CHECK(has_line(out, "Segmentation fault") && has_line(out, "status=139"),
          "a killing signal is reported, $? is 128 + 11");
    CHECK(strstr(out, "not reached") == NULL, "nothing runs after exit");
    unlink("/tmp/shell-file");
    return tap_done();
}
