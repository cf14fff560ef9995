/*
 * /bin/sh driven through a pipe (no terminal, so no prompts): its builtins
 * (echo with redirection, cat, ls, ps, free, help, exit N), running
 * programs by path with arguments, and its reports for unknown commands and
 * programs killed by a signal.
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
    "ls /dev\n"
    "/tests/helpers/show a b\n"
    "no-such-command\n"
    "/tests/helpers/segv\n"
    "ps\n"
    "free\n"
    "help\n"
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
        dup2(in[0], 0);
        dup2(fd, 1);
        dup2(fd, 2);
        for (int other = 3; other < 8; other++)
            close(other);
        execve(argv[0], argv, argv + 1);
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
    char line[256], expected[64];

    CHECK_EXIT(run_shell(out, sizeof out), 7, "the shell exits with exit's status");
    for (const char *l = out; *l; l += strcspn(l, "\n") + (l[strcspn(l, "\n")] != 0))
        note("sh| %.*s", (int)strcspn(l, "\n"), l);
    CHECK(!strncmp(out, "hello world\nfirst line\n", 23), "echo, and echo > file then cat");
    CHECK(has_line(out, "sh: /no-such-file: No such file or directory"), "cat of a missing file");
    CHECK(strstr(out, "\nconsole\nnull\n") != NULL, "ls /dev lists console and null, sorted");
    CHECK(has_line(out, "argv: /tests/helpers/show a b"), "a program runs with its arguments");
    CHECK(has_line(out, "sh: no-such-command: not found"), "an unknown command is reported");
    CHECK(has_line(out, "sh: /tests/helpers/segv: killed by signal 11"), "a killing signal is reported");
    CHECK(has_line(out, "  PID S CMD"), "ps prints its header");
    snprintf(expected, sizeof expected, "%5d S shell", getpid());
    CHECK(has_line(out, expected), "ps lists this (sleeping) process as '%s'", expected);
    CHECK(has_line(out, "    1 S init"), "ps lists init");
    CHECK(has_line(out, "               total        used        free      shared  buff/cache   available"),
          "free prints procps's header");
    long total = -1, used, free_kb, shared, cache, avail;
    int fields = find_line(out, "Mem:", line, sizeof line) ?
                 sscanf(line, "Mem: %ld %ld %ld %ld %ld %ld", &total, &used, &free_kb, &shared,
                        &cache, &avail) : 0;
    CHECK(fields == 6 && total == meminfo_kb("MemTotal"),
          "free's Mem: line has six numbers, total = MemTotal (%ld kB)", total);
    CHECK(strstr(out, "builtins: cat") != NULL, "help lists the builtins");
    CHECK(strstr(out, "not reached") == NULL, "nothing runs after exit");
    unlink("/tmp/shell-file");
    return tap_done();
}
