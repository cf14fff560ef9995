/*
 * /tests/helpers/memory_merge: exits with prctl(PR_GET_MEMORY_MERGE), so a
 * test can see whether KSM's merge-any setting survived execve (1) or not
 * (0); 2 if prctl failed.
 */
#include <sys/prctl.h>

#ifndef PR_GET_MEMORY_MERGE
#define PR_GET_MEMORY_MERGE 68
#endif

int main(void)
{
    int r = prctl(PR_GET_MEMORY_MERGE, 0, 0, 0, 0);

    return r < 0 ? 2 : r;
}
