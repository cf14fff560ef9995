// SPDX-License-Identifier: GPL-2.0
/*
 * reboot.c - the reboot() system call: power off, halt or restart the
 * machine. Mirrors kernel/reboot.c.
 *
 * As in Linux, the caller must pass two magic numbers (so a stray call
 * cannot reboot the machine) and nothing is synced or shut down first: user
 * space (init) does that. Power off is arch/x86_64/reboot.c's
 * machine_power_off() (QEMU exits with status 0). Restart pulses the
 * keyboard controller's reset line, Linux's BOOT_KBD method (QEMU run with
 * -no-reboot then exits too); halt stops the CPU for good.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/panic.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <uapi/linux/reboot.h>
#include <asm/io.h>
#include <asm/irqflags.h>
#include <asm/processor.h>

#define KBD_STATUS_PORT		0x64	/* i8042 status (read) and command (write) */
#define KBD_STAT_IBF		0x02	/* input buffer full: not ready for a command */
#define KBD_CMD_PULSE_RESET	0xfe	/* pulse output line 0: CPU reset */

/* kernel_restart - reset the machine, optionally "with command" @cmd. */
static __noreturn void kernel_restart(const char *cmd)
{
	if (cmd)
		pr_emerg("Restarting system with command '%s'\n", cmd);
	else
		pr_emerg("Restarting system\n");
	local_irq_disable();
	for (;;) {
		for (int i = 0; i < 0x10000 && (inb(KBD_STATUS_PORT) & KBD_STAT_IBF); i++)
			cpu_relax();
		outb(KBD_CMD_PULSE_RESET, KBD_STATUS_PORT);
		native_halt();
	}
}

/* kernel_halt - stop: the CPU halts with interrupts off (machine_halt()). */
static __noreturn void kernel_halt(void)
{
	pr_emerg("System halted\n");
	local_irq_disable();
	for (;;)
		native_halt();
}

static __noreturn void kernel_power_off(void)
{
	pr_emerg("Power down\n");
	machine_power_off(0);
}

static bool reboot_magic_ok(int magic1, int magic2)
{
	return (unsigned int)magic1 == LINUX_REBOOT_MAGIC1 &&
	       (magic2 == LINUX_REBOOT_MAGIC2 || magic2 == LINUX_REBOOT_MAGIC2A ||
		magic2 == LINUX_REBOOT_MAGIC2B || magic2 == LINUX_REBOOT_MAGIC2C);
}

/**
 * sys_reboot - power off, halt or restart the machine
 * @magic1: LINUX_REBOOT_MAGIC1
 * @magic2: one of LINUX_REBOOT_MAGIC2, 2A, 2B, 2C
 * @cmd: LINUX_REBOOT_CMD_*
 * @arg: RESTART2's command string
 *
 * CAD_ON and CAD_OFF are accepted and change nothing (there is no
 * keyboard to press Ctrl-Alt-Del on); KEXEC and SW_SUSPEND do not exist
 * here, so they are -EINVAL as in a Linux built without them.
 *
 * Return: does not return for the machine commands; 0, -EINVAL (bad magic
 * or command) or -EFAULT (RESTART2's string).
 */
SYSCALL_DEFINE4(reboot, int, magic1, int, magic2, unsigned int, cmd, void __user *, arg)
{
	char buffer[256];

	if (!reboot_magic_ok(magic1, magic2))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_RESTART:
		kernel_restart(NULL);
	case LINUX_REBOOT_CMD_RESTART2:
		if (strncpy_from_user(buffer, arg, sizeof(buffer) - 1) < 0)
			return -EFAULT;
		buffer[sizeof(buffer) - 1] = '\0';
		kernel_restart(buffer);
	case LINUX_REBOOT_CMD_HALT:
		kernel_halt();
	case LINUX_REBOOT_CMD_POWER_OFF:
		kernel_power_off();
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;
	default:
		return -EINVAL;
	}
}
