// SPDX-License-Identifier: GPL-2.0
/*
 * gdt.c - the Global Descriptor Table and the Task State Segment.
 * Mirrors arch/x86/kernel/cpu/common.c (gdt_page, cpu_init) and
 * arch/x86/kernel/process.c (cpu_tss_rw).
 *
 * Long mode ignores segment bases and limits except for FS/GS, so the GDT
 * only describes privilege: kernel code/data (ring 0), user code/data
 * (ring 3, in the order SYSRET needs) and the TSS, which holds the kernel
 * stack used on entry from user mode (sp0) and the Interrupt Stack Table:
 * separate known-good stacks for double faults, NMIs and machine checks, so
 * that a kernel stack overflow still gets reported.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/desc.h>
#include <asm/segment.h>

/* Flat 64-bit segment descriptors (base 0, limit 4 GiB, G=1). */
#define DESC_CODE64(dpl)	(0x00af9a000000ffffULL | ((u64)(dpl) << 45))
#define DESC_DATA(dpl)		(0x00cf92000000ffffULL | ((u64)(dpl) << 45))
#define DESC_CODE32(dpl)	(0x00cf9a000000ffffULL | ((u64)(dpl) << 45))

static u64 gdt[GDT_ENTRIES] __aligned(16) = {
	[GDT_ENTRY_KERNEL32_CS] = DESC_CODE32(0),
	[GDT_ENTRY_KERNEL_CS] = DESC_CODE64(0),
	[GDT_ENTRY_KERNEL_DS] = DESC_DATA(0),
	[GDT_ENTRY_DEFAULT_USER32_CS] = DESC_CODE32(3),
	[GDT_ENTRY_DEFAULT_USER_DS] = DESC_DATA(3),
	[GDT_ENTRY_DEFAULT_USER_CS] = DESC_CODE64(3),
};

struct x86_hw_tss cpu_tss __aligned(16);
char exception_stacks[N_EXCEPTION_STACKS][EXCEPTION_STKSZ] __aligned(4096);

/* set_tss_desc - the 16-byte "available 64-bit TSS" system descriptor. */
static void set_tss_desc(u64 *desc, struct x86_hw_tss *tss)
{
	u64 base = (u64)tss, limit = sizeof(*tss) - 1;

	desc[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		  (0x89ULL << 40) |			/* present, type 9 */
		  (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	desc[1] = base >> 32;
}

static void load_gdt_and_segments(void)
{
	struct desc_ptr ptr = { sizeof(gdt) - 1, (u64)gdt };

	__asm__ volatile("lgdt %0" : : "m"(ptr));
	/* Reload CS with a far return, then the data segments. */
	__asm__ volatile("pushq %0\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movl %1, %%eax\n\t"
			 "movl %%eax, %%ds\n\t"
			 "movl %%eax, %%es\n\t"
			 "movl %%eax, %%ss\n\t"
			 "xorl %%eax, %%eax\n\t"
			 "movl %%eax, %%fs\n\t"
			 "movl %%eax, %%gs\n\t"
			 : : "i"(__KERNEL_CS), "i"(__KERNEL_DS) : "rax", "memory");
}

/**
 * cpu_init_gdt - install the GDT and the TSS with its IST stacks
 *
 * Called once at boot. Loading GS with a null selector clears GS.base, so
 * the per-CPU base is written afterwards (see setup_per_cpu_areas()).
 */
void cpu_init_gdt(void)
{
	for (int i = 0; i < N_EXCEPTION_STACKS; i++)
		cpu_tss.ist[i] = (u64)exception_stacks[i] + EXCEPTION_STKSZ;
	cpu_tss.io_bitmap_base = sizeof(cpu_tss);	/* no I/O bitmap */
	set_tss_desc(&gdt[GDT_ENTRY_TSS], &cpu_tss);
	load_gdt_and_segments();
	__asm__ volatile("ltr %w0" : : "r"(GDT_ENTRY_TSS_SEL));
}
