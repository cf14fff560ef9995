/*
 * The version programs check: uname()'s release is the Linux version
 * whose ABI the kernel implements (6.12 on both; on Pagoda
 * "6.12.0-pagoda-VERSION", while sysname and version say Pagoda), and
 * /proc/sys/kernel/{ostype,osrelease,version,hostname,domainname} say
 * what uname() says; hostname is writable there.
 */
#include <stdlib.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "test.h"

static const char *sysctl_line(const char *name)
{
    static char text[128];
    char path[64];

    snprintf(path, sizeof path, "/proc/sys/kernel/%s", name);
    if (read_file(path, text, sizeof text) < 0)
        return "(error)";
    text[strcspn(text, "\n")] = '\0';
    return text;
}

int main(void)
{
    struct utsname u;
    int major = 0, minor = 0;
    char name[128];

    CHECK_SYS(uname(&u), "uname");
    sscanf(u.release, "%d.%d", &major, &minor);
    CHECK(major == 6 && minor == 12, "the release is 6.12.x (got %s)", u.release);
    CHECK(major > 4 || (major == 4 && minor >= 17), "a 'requires Linux 4.17' check passes");
    if (on_pagoda()) {
        CHECK(strncmp(u.release, "6.12.0-pagoda-", 14) == 0, "Pagoda's is 6.12.0-pagoda-VERSION");
        CHECK(strstr(u.version, "Pagoda") != NULL, "uname -v says Pagoda (%s)", u.version);
    }
    CHECK_STR(sysctl_line("osrelease"), u.release, "/proc/sys/kernel/osrelease is uname -r");
    CHECK_STR(sysctl_line("ostype"), u.sysname, "ostype is uname -s");
    CHECK_STR(sysctl_line("version"), u.version, "version is uname -v");
    CHECK_STR(sysctl_line("hostname"), u.nodename, "hostname is uname -n");
    CHECK_STR(sysctl_line("domainname"), u.domainname, "domainname");
    snprintf(name, sizeof name, "%s", u.nodename);
    CHECK_EQ_LONG(write_file("/proc/sys/kernel/hostname", "via-sysctl\n"), 0, "write hostname");
    uname(&u);
    CHECK_STR(u.nodename, "via-sysctl", "uname -n sees it (the newline is not kept)");
    CHECK_EQ_LONG(sethostname(name, strlen(name)), 0, "sethostname back");
    CHECK_STR(sysctl_line("hostname"), name, "and the file sees that");
    CHECK(write_file("/proc/sys/kernel/osrelease", "7.0") == -1, "osrelease is read-only");
    comparable("uname: release %d.%d; osrelease/ostype/version/hostname/domainname agree",
               major, minor);
    return tap_done();
}
