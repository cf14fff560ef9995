/* SPDX-License-Identifier: GPL-2.0 */
/*
 * atomic.h - atomic integers. Mirrors include/linux/atomic.h (on x86 the
 * compiler's __atomic builtins become lock-prefixed instructions). Pagoda
 * has one CPU, but counters are also changed from interrupt handlers, and
 * this keeps the code honest for an SMP future.
 */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/types.h>

#define ATOMIC_INIT(i) { (i) }

static inline int atomic_read(const atomic_t *v) { return __atomic_load_n(&v->counter, __ATOMIC_RELAXED); }
static inline void atomic_set(atomic_t *v, int i) { __atomic_store_n(&v->counter, i, __ATOMIC_RELAXED); }
static inline int atomic_add_return(int i, atomic_t *v) { return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST); }
static inline int atomic_sub_return(int i, atomic_t *v) { return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST); }
static inline void atomic_add(int i, atomic_t *v) { atomic_add_return(i, v); }
static inline void atomic_sub(int i, atomic_t *v) { atomic_sub_return(i, v); }
static inline void atomic_inc(atomic_t *v) { atomic_add(1, v); }
static inline void atomic_dec(atomic_t *v) { atomic_sub(1, v); }
static inline int atomic_inc_return(atomic_t *v) { return atomic_add_return(1, v); }
static inline int atomic_dec_return(atomic_t *v) { return atomic_sub_return(1, v); }
static inline bool atomic_dec_and_test(atomic_t *v) { return atomic_dec_return(v) == 0; }
static inline bool atomic_inc_and_test(atomic_t *v) { return atomic_inc_return(v) == 0; }
static inline bool atomic_add_negative(int i, atomic_t *v) { return atomic_add_return(i, v) < 0; }

/* atomic_cmpxchg - set *v to @new if it is @old; returns what *v was. */
static inline int atomic_cmpxchg(atomic_t *v, int old, int new)
{
	__atomic_compare_exchange_n(&v->counter, &old, new, false, __ATOMIC_SEQ_CST,
				    __ATOMIC_SEQ_CST);
	return old;
}

/* atomic_inc_not_zero - increment unless the value is 0; true if it did. */
static inline bool atomic_inc_not_zero(atomic_t *v)
{
	int c = atomic_read(v);

	while (c && !__atomic_compare_exchange_n(&v->counter, &c, c + 1, false, __ATOMIC_SEQ_CST,
						 __ATOMIC_RELAXED))
		;
	return c != 0;
}

/* atomic_inc_unless_negative - increment unless the value is below 0; true if it did. */
static inline bool atomic_inc_unless_negative(atomic_t *v)
{
	int c = atomic_read(v);

	while (c >= 0 && !__atomic_compare_exchange_n(&v->counter, &c, c + 1, false,
						      __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
		;
	return c >= 0;
}

/* atomic_dec_unless_positive - decrement unless the value is above 0; true if it did. */
static inline bool atomic_dec_unless_positive(atomic_t *v)
{
	int c = atomic_read(v);

	while (c <= 0 && !__atomic_compare_exchange_n(&v->counter, &c, c - 1, false,
						      __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
		;
	return c <= 0;
}

#define ATOMIC_LONG_INIT(i) { (i) }

static inline long atomic_long_read(const atomic_long_t *v) { return __atomic_load_n(&v->counter, __ATOMIC_RELAXED); }
static inline void atomic_long_set(atomic_long_t *v, long i) { __atomic_store_n(&v->counter, i, __ATOMIC_RELAXED); }
static inline long atomic_long_add_return(long i, atomic_long_t *v) { return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST); }
static inline void atomic_long_add(long i, atomic_long_t *v) { atomic_long_add_return(i, v); }
static inline void atomic_long_sub(long i, atomic_long_t *v) { atomic_long_add_return(-i, v); }
static inline void atomic_long_inc(atomic_long_t *v) { atomic_long_add(1, v); }
static inline void atomic_long_dec(atomic_long_t *v) { atomic_long_add(-1, v); }

#endif /* _LINUX_ATOMIC_H */
