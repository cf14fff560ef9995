/*
 * /tests/helpers/spin: says "spinning" and then burns CPU until a signal
 * ends it; for ^C (job control) tests of the shell.
 */
#include <unistd.h>

int main(void)
{
    volatile unsigned long n = 0;

    write(1, "spinning\n", 9);
    for (;;)
        n++;
}
