/* /tests/helpers/segv: dies of SIGSEGV by writing to address 0 (for the shell test). */
int main(void)
{
    /* Volatile all the way, or the compiler may drop a store it can prove is to NULL. */
    volatile int *volatile target = 0;
    *target = 1;
    return 0;
}
