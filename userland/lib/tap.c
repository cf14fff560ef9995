/*
 * TAP output for the test programs: numbered ok/not ok lines, skips,
 * diagnostics, comparable `@ ` lines and the final plan.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "test.h"

static int checks;
static int failures;

static void emit(const char *prefix, const char *fmt, va_list ap, const char *suffix)
{
    char line[2048];
    int n = snprintf(line, sizeof line, "%s", prefix);
    n += vsnprintf(line + n, sizeof line - n, fmt, ap);
    if (n < (int)sizeof line)
        n += snprintf(line + n, sizeof line - n, "%s", suffix);
    if (n >= (int)sizeof line - 1)
        n = sizeof line - 2;
    line[n++] = '\n';
    fflush(stdout);
    write_full(1, line, n);
}

const char *detail(const char *fmt, ...)
{
    static char text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return text;
}

int tap_result(int ok, const char *file, int line, const char *detail,
               const char *desc_fmt, ...)
{
    char prefix[32], suffix[1024];
    va_list ap;

    checks++;
    if (!ok)
        failures++;
    snprintf(prefix, sizeof prefix, "%sok %d - ", ok ? "" : "not ", checks);
    suffix[0] = 0;
    if (!ok) {
        /* Keep the result on one line: newlines in the details become "\n". */
        size_t n = snprintf(suffix, sizeof suffix, " # %s:%d: ", file, line);
        for (const char *c = detail; *c && n + 3 < sizeof suffix; c++) {
            if (*c == '\n') {
                suffix[n++] = '\\';
                suffix[n++] = 'n';
            } else {
                suffix[n++] = *c;
            }
        }
        suffix[n] = 0;
    }
    va_start(ap, desc_fmt);
    emit(prefix, desc_fmt, ap, suffix);
    va_end(ap);
    return ok;
}

void tap_skip(const char *reason, const char *desc_fmt, ...)
{
    char prefix[32], suffix[256];
    va_list ap;

    checks++;
    snprintf(prefix, sizeof prefix, "ok %d - ", checks);
    snprintf(suffix, sizeof suffix, " # SKIP %s", reason);
    va_start(ap, desc_fmt);
    emit(prefix, desc_fmt, ap, suffix);
    va_end(ap);
}

int tap_done(void)
{
    say("1..%d", checks);
    return failures ? 1 : 0;
}

void note(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit("# ", fmt, ap, "");
    va_end(ap);
}

void comparable(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit("@ ", fmt, ap, "");
    va_end(ap);
}

void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit("", fmt, ap, "");
    va_end(ap);
}

const char *errno_name(int err)
{
    static const struct { int err; const char *name; } names[] = {
        {0, "0"}, {EPERM, "EPERM"}, {ENOENT, "ENOENT"}, {ESRCH, "ESRCH"},
        {EINTR, "EINTR"}, {EIO, "EIO"}, {E2BIG, "E2BIG"}, {ENOEXEC, "ENOEXEC"},
        {EBADF, "EBADF"}, {ECHILD, "ECHILD"}, {EAGAIN, "EAGAIN"}, {ENOMEM, "ENOMEM"},
        {EACCES, "EACCES"}, {EFAULT, "EFAULT"}, {EBUSY, "EBUSY"}, {EEXIST, "EEXIST"},
        {ENOTDIR, "ENOTDIR"}, {EISDIR, "EISDIR"}, {EINVAL, "EINVAL"}, {EMFILE, "EMFILE"},
        {ENOTTY, "ENOTTY"}, {EFBIG, "EFBIG"}, {ENOSPC, "ENOSPC"}, {ESPIPE, "ESPIPE"},
        {EPIPE, "EPIPE"}, {ERANGE, "ERANGE"}, {ENAMETOOLONG, "ENAMETOOLONG"},
        {ENOSYS, "ENOSYS"}, {ENOTEMPTY, "ENOTEMPTY"}, {EOVERFLOW, "EOVERFLOW"},
    };
    static char other[16];

    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].err == err)
            return names[i].name;
    snprintf(other, sizeof other, "%d", err);
    return other;
}

const char *status_text(int status)
{
    static char text[48];

    if (status == -1)
        snprintf(text, sizeof text, "no status (wait failed)");
    else if (WIFEXITED(status))
        snprintf(text, sizeof text, "exit %d", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        snprintf(text, sizeof text, "signal %d", WTERMSIG(status));
    else
        snprintf(text, sizeof text, "status 0x%x", status);
    return text;
}
