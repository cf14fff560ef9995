// SPDX-License-Identifier: GPL-2.0
/*
 * slab_debug.c - slab debugging: poison, red zones, consistency checks, and
 * SLUB's reports when they find damage. Mirrors the CONFIG_SLUB_DEBUG part
 * of mm/slub.c.
 *
 * A cache debugs by its creation flags, or every cache does with the boot
 * word slub_debug (slub_debug=FZP,cache1,cache2 picks checks and caches):
 *
 *   P  SLAB_POISON             a free object holds POISON_FREE (0x6b) and
 *                              POISON_END (0xa5) in its last byte; checked
 *                              when it is allocated ("Poison overwritten":
 *                              a write after free)
 *   Z  SLAB_RED_ZONE           bytes before and after each object hold
 *                              SLUB_RED_ACTIVE (0xcc) while it is allocated,
 *                              SLUB_RED_INACTIVE (0xbb) while free; checked
 *                              on free and on allocation
 *   F  SLAB_CONSISTENCY_CHECKS a freed pointer must be an object of its slab
 *                              and not already free; the freelist must
 *                              point into the slab
 *
 * Linux verifies poison and red zones only under F; Pagoda verifies each
 * check its flag asks for. A report starts with "BUG <cache> (...)", dumps
 * the slab and the object and a backtrace, then says how it repaired the
 * damage ("FIX <cache>: ..."), and the kernel carries on. Every report
 * counts in slab_error_count.
 */
#include "slab.h"
#include <linux/init.h>
#include <linux/ctype.h>
#include <linux/printk.h>
#include <linux/sprintf.h>
#include <linux/panic.h>
#include <linux/bug.h>
#include <linux/string.h>

unsigned long slab_error_count;

static slab_flags_t slub_debug;		/* flags slub_debug adds */
static const char *slub_debug_caches;	/* "cache1,cache2": only these; NULL: all */

/* ---------------------------------------------------------------------- */
/* The slub_debug boot option */

/*
 * setup_slub_debug - "slub_debug" (F, Z and P for every cache) or
 * "slub_debug=<letters>[,<cache>,...]"; '-' switches debugging off.
 */
static int __init setup_slub_debug(char *str)
{
	slab_flags_t flags = SLAB_DEBUG_FLAGS;

	if (*str && *str != ',')
		flags = 0;
	for (; *str && *str != ','; str++) {
		switch (tolower(*str)) {
		case '-':
			flags = 0;
			break;
		case 'f':
			flags |= SLAB_CONSISTENCY_CHECKS;
			break;
		case 'z':
			flags |= SLAB_RED_ZONE;
			break;
		case 'p':
			flags |= SLAB_POISON;
			break;
		default:
			pr_err("slub_debug option '%c' unknown. skipped\n", *str);
		}
	}
	slub_debug = flags;
	slub_debug_caches = *str == ',' ? str + 1 : NULL;
	return 1;
}
__setup_param("slub_debug", slub_debug_all, setup_slub_debug, 0);
__setup_param("slub_debug=", slub_debug_options, setup_slub_debug, 0);

/* Is @name one of the comma-separated names in @list? */
static bool name_in_list(const char *name, const char *list)
{
	size_t len = strlen(name);

	for (;;) {
		const char *comma = strchr(list, ',');
		size_t n = comma ? (size_t)(comma - list) : strlen(list);

		if (n == len && !strncmp(list, name, n))
			return true;
		if (!comma)
			return false;
		list = comma + 1;
	}
}

/**
 * kmem_cache_flags - a new cache's flags with those slub_debug adds
 * @name: the cache's name
 * @flags: its creation flags
 */
slab_flags_t kmem_cache_flags(const char *name, slab_flags_t flags)
{
	if (slub_debug_caches && !name_in_list(name, slub_debug_caches))
		return flags;
	return flags | slub_debug;
}

/* ---------------------------------------------------------------------- */
/* Reports */

/* print_section - hex dump, 16 bytes a line, like print_hex_dump() */
static void print_section(const char *text, u8 *addr, unsigned int length)
{
	for (unsigned int i = 0; i < length; i += 16) {
		unsigned int n = min(length - i, 16U);
		char hex[16 * 3], ascii[17];
		int len = 0;

		for (unsigned int j = 0; j < n; j++) {
			len += scnprintf(hex + len, sizeof(hex) - len, "%s%02x", j ? " " : "",
					 addr[i + j]);
			ascii[j] = isprint(addr[i + j]) ? addr[i + j] : '.';
		}
		hex[len] = '\0';
		ascii[n] = '\0';
		pr_err("%s%px: %-47s  %s\n", text, addr + i, hex, ascii);
	}
}

/*
 * slab_bug - the head of a report. Pagoda keeps no taint flags; Linux would
 * say "Tainted: B" from the second report on.
 */
static __printf(2, 3) void slab_bug(struct kmem_cache *s, const char *fmt, ...)
{
	char reason[128];
	va_list args;

	va_start(args, fmt);
	vsnprintf(reason, sizeof(reason), fmt, args);
	va_end(args);
	slab_error_count++;
	pr_err("=============================================================================\n");
	pr_err("BUG %s (Not tainted): %s\n", s->name, reason);
	pr_err("-----------------------------------------------------------------------------\n\n");
}

/* slab_fix - the last line of a report: what was done about it. */
static __printf(2, 3) void slab_fix(struct kmem_cache *s, const char *fmt, ...)
{
	char action[128];
	va_list args;

	va_start(args, fmt);
	vsnprintf(action, sizeof(action), fmt, args);
	va_end(args);
	pr_err("FIX %s: %s\n", s->name, action);
}

static void print_slab_info(struct page *slab)
{
	pr_err("Slab 0x%px objects=%u used=%u fp=0x%px flags=%#lx\n", slab, slab->objects,
	       slab->inuse, slab->freelist, slab->flags & ((1UL << __NR_PAGEFLAGS) - 1));
}

/* print_trailer - the slab, the object's slot region by region, a backtrace */
static void print_trailer(struct kmem_cache *s, struct page *slab, u8 *p)
{
	u8 *addr = slab_address(slab);
	unsigned int info_end = s->offset >= s->inuse ? s->inuse + sizeof(void *) : s->inuse;
	unsigned int slot_end = s->size - s->red_left_pad;

	print_slab_info(slab);
	pr_err("Object 0x%px @offset=%tu fp=0x%px\n\n", p, p - addr, get_freepointer(s, p));
	if (s->flags & SLAB_RED_ZONE)
		print_section("Redzone  ", p - s->red_left_pad, s->red_left_pad);
	else if (p > addr + 16)
		print_section("Bytes b4 ", p - 16, 16);
	print_section("Object   ", p, min_t(unsigned int, s->object_size, PAGE_SIZE));
	if (s->flags & SLAB_RED_ZONE)
		print_section("Redzone  ", p + s->object_size, s->inuse - s->object_size);
	if (info_end != slot_end)
		print_section("Padding  ", p + info_end, slot_end - info_end);
	dump_stack();
}

/**
 * object_err - report a problem with one object
 * @s: the cache
 * @slab: the object's slab
 * @object: the object
 * @reason: what is wrong
 */
void object_err(struct kmem_cache *s, struct page *slab, void *object, const char *reason)
{
	slab_bug(s, "%s", reason);
	print_trailer(s, slab, object);
}

/* slab_err - report a problem with a slab as a whole */
static __printf(3, 4) void slab_err(struct kmem_cache *s, struct page *slab,
				    const char *fmt, ...)
{
	char reason[128];
	va_list args;

	va_start(args, fmt);
	vsnprintf(reason, sizeof(reason), fmt, args);
	va_end(args);
	slab_bug(s, "%s", reason);
	print_slab_info(slab);
	dump_stack();
}

/**
 * invalid_object - report a pointer that no slab or large kmalloc owns
 * @func: the function that was given it
 * @object: the pointer
 */
void invalid_object(const char *func, const void *object)
{
	slab_error_count++;
	WARN(1, "%s: Object %px is not a slab object or a large kmalloc\n", func, object);
}

/*
 * check_bytes_and_report - are the @bytes at @start all @value? If not,
 * report the damaged range and restore it.
 */
static void check_bytes_and_report(struct kmem_cache *s, struct page *slab, u8 *object,
				   const char *what, u8 *start, u8 value, unsigned int bytes)
{
	u8 *fault = memchr_inv(start, value, bytes);
	u8 *end = start + bytes;

	if (!fault)
		return;
	while (end > fault && end[-1] == value)
		end--;
	slab_bug(s, "%s overwritten", what);
	pr_err("0x%px-0x%px @offset=%tu. First byte %#x instead of %#x\n", fault, end - 1,
	       fault - (u8 *)slab_address(slab), fault[0], value);
	print_trailer(s, slab, object);
	slab_fix(s, "Restoring %s 0x%px-0x%px=%#x", what, fault, end - 1, value);
	memset(fault, value, end - fault);
}

/* ---------------------------------------------------------------------- */
/* The checks */

/* Is @object (or NULL, the end of a freelist) the start of an object of @slab? */
static bool check_valid_pointer(struct kmem_cache *s, struct page *slab, void *object)
{
	void *base = slab_address(slab);

	if (!object)
		return true;
	object -= s->red_left_pad;
	return object >= base && object < base + slab->objects * s->size &&
	       (object - base) % s->size == 0;
}

/**
 * init_object - write an object's debug patterns
 * @s: the cache
 * @object: the object
 * @val: SLUB_RED_ACTIVE (being allocated) or SLUB_RED_INACTIVE (being freed)
 *
 * The red zones get @val; a poisoned cache's object gets the poison either
 * way, so freshly allocated memory reads 0x6b as in Linux.
 */
void init_object(struct kmem_cache *s, void *object, u8 val)
{
	u8 *p = object;

	if (s->flags & SLAB_RED_ZONE)
		memset(p - s->red_left_pad, val, s->red_left_pad);
	if (s->flags & __OBJECT_POISON) {
		memset(p, POISON_FREE, s->object_size - 1);
		p[s->object_size - 1] = POISON_END;
	}
	if (s->flags & SLAB_RED_ZONE)
		memset(p + s->object_size, val, s->inuse - s->object_size);
}

/*
 * check_object - verify an object's red zones (@val: what they must hold)
 * and, for a free object, its poison; report and repair any damage.
 */
static void check_object(struct kmem_cache *s, struct page *slab, void *object, u8 val)
{
	u8 *p = object;

	if (s->flags & SLAB_RED_ZONE) {
		check_bytes_and_report(s, slab, p, "Left Redzone", p - s->red_left_pad, val,
				       s->red_left_pad);
		check_bytes_and_report(s, slab, p, "Right Redzone", p + s->object_size, val,
				       s->inuse - s->object_size);
	}
	if ((s->flags & __OBJECT_POISON) && val == SLUB_RED_INACTIVE) {
		check_bytes_and_report(s, slab, p, "Poison", p, POISON_FREE, s->object_size - 1);
		check_bytes_and_report(s, slab, p, "End Poison", p + s->object_size - 1,
				       POISON_END, 1);
	}
}

/* Cut @slab's freelist after @nr objects; the objects lost count as used. */
static void truncate_freelist(struct kmem_cache *s, struct page *slab, void *last,
			      unsigned int nr)
{
	if (last)
		set_freepointer(s, last, NULL);
	else
		slab->freelist = NULL;
	slab->inuse = slab->objects - nr;
	slab_fix(s, "Freelist cut after %u objects; object count adjusted", nr);
}

/*
 * on_freelist - is @search on @slab's freelist? A freelist that leaves the
 * slab or loops is reported and cut where it goes wrong.
 */
static bool on_freelist(struct kmem_cache *s, struct page *slab, void *search)
{
	void *fp = slab->freelist, *object = NULL;
	unsigned int nr = 0;

	while (fp) {
		if (fp == search)
			return true;
		if (!check_valid_pointer(s, slab, fp)) {
			if (object)
				object_err(s, slab, object, "Freechain corrupt");
			else
				slab_err(s, slab, "Freepointer corrupt");
			truncate_freelist(s, slab, object, nr);
			return false;
		}
		if (nr == slab->objects) {
			slab_err(s, slab, "Freelist cycle detected");
			truncate_freelist(s, slab, NULL, 0);
			return false;
		}
		object = fp;
		fp = get_freepointer(s, object);
		nr++;
	}
	return false;
}

/**
 * alloc_debug_processing - check an object that is about to be allocated
 * @s: the cache
 * @slab: its slab (list_lock held)
 * @object: the first object of the slab's freelist
 *
 * Returns false if @object is not an object of @slab (corrupt freelist):
 * the slab is then given up, all its objects counted as used.
 */
bool alloc_debug_processing(struct kmem_cache *s, struct page *slab, void *object)
{
	if ((s->flags & SLAB_CONSISTENCY_CHECKS) && !check_valid_pointer(s, slab, object)) {
		slab_err(s, slab, "Freelist Pointer check fails: 0x%px", object);
		truncate_freelist(s, slab, NULL, 0);
		return false;
	}
	check_object(s, slab, object, SLUB_RED_INACTIVE);
	init_object(s, object, SLUB_RED_ACTIVE);
	return true;
}

/**
 * free_debug_processing - check an object that is being freed
 * @s: the cache
 * @slab: its slab (list_lock held)
 * @object: the object
 *
 * Returns false if it must not be freed: not an object of @slab, or free
 * already (a double free).
 */
bool free_debug_processing(struct kmem_cache *s, struct page *slab, void *object)
{
	if (s->flags & SLAB_CONSISTENCY_CHECKS) {
		if (!check_valid_pointer(s, slab, object)) {
			slab_err(s, slab, "Invalid object pointer 0x%px", object);
			goto fail;
		}
		if (on_freelist(s, slab, object)) {
			object_err(s, slab, object, "Object already free");
			goto fail;
		}
	}
	check_object(s, slab, object, SLUB_RED_ACTIVE);
	init_object(s, object, SLUB_RED_INACTIVE);
	return true;
fail:
	slab_fix(s, "Object at 0x%px not freed", object);
	return false;
}

/**
 * setup_slab_debug - a new slab of a poisoned cache starts as POISON_INUSE
 * @s: the cache
 * @slab: the slab
 */
void setup_slab_debug(struct kmem_cache *s, struct page *slab)
{
	if (s->flags & SLAB_POISON)
		memset(slab_address(slab), POISON_INUSE, PAGE_SIZE << s->order);
}

/**
 * check_free_slab - check every (free) object of a slab being discarded
 * @s: the cache
 * @slab: the empty slab
 *
 * A write after free into an object that is never allocated again is
 * caught here at the latest.
 */
void check_free_slab(struct kmem_cache *s, struct page *slab)
{
	void *p;

	for_each_object(p, s, slab_address(slab), slab->objects)
		check_object(s, slab, p, SLUB_RED_INACTIVE);
}

/**
 * list_slab_objects - report the objects still allocated in a slab
 * @s: the cache being destroyed
 * @slab: a slab with objects in use (list_lock held)
 */
void list_slab_objects(struct kmem_cache *s, struct page *slab)
{
	void *addr = slab_address(slab), *p;

	slab_err(s, slab, "Objects remaining in %s on __kmem_cache_shutdown()", s->name);
	for_each_object(p, s, addr, slab->objects)
		if (!on_freelist(s, slab, p))
			pr_err("Object 0x%px @offset=%tu\n", p, p - addr);
}
