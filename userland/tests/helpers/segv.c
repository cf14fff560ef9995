/* /tests/helpers/segv: dies of SIGSEGV by writing to address 0 (for the shell test). */
int main(void)
{
    int *volatile target = 0; /* opaque to the compiler, so the store is emitted */
    *target = 1;
    return 0;
}
