// SPDX-License-Identifier: GPL-2.0
/*
 * head64.c - the first C code: x86_64_start_kernel(), called by boot.asm
 * on the boot stack with the physical address of the multiboot2
 * information. Mirrors arch/x86/kernel/head64.c.
 *
 * It brings up what every later step needs to report problems: the serial
 * console, CPUID, the GDT/TSS, the IDT and the per-CPU area; then hands
 * over to the architecture-independent start_kernel().
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/start_kernel.h>
#include <asm/cpufeature.h>
#include <asm/desc.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/serial.h>

struct pcpu_hot pcpu_hot;

/* setup_per_cpu_areas - point GS.base at this CPU's pcpu_hot. */
void setup_per_cpu_areas(void)
{
	pcpu_hot.self = &pcpu_hot;
	pcpu_hot.current_task = &init_task;
	wrmsr(MSR_GS_BASE, (u64)&pcpu_hot);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
}

void x86_64_start_kernel(unsigned long mbi_phys);

void x86_64_start_kernel(unsigned long mbi_phys)
{
	serial_init();
	early_cpu_init();
	cpu_init_gdt();
	setup_per_cpu_areas();
	idt_setup();
	start_kernel(mbi_phys);
}
