/* SPDX-License-Identifier: GPL-2.0 */
/*
 * reboot.h - the reboot() system call's magic numbers and commands.
 * Mirrors include/uapi/linux/reboot.h; the values are Linux's.
 */
#ifndef _UAPI_LINUX_REBOOT_H
#define _UAPI_LINUX_REBOOT_H

/* magic1 must be MAGIC1 and magic2 one of MAGIC2..MAGIC2C (dates in hex). */
#define LINUX_REBOOT_MAGIC1	0xfee1dead
#define LINUX_REBOOT_MAGIC2	672274793	/* 0x28121969 */
#define LINUX_REBOOT_MAGIC2A	85072278	/* 0x05121996 */
#define LINUX_REBOOT_MAGIC2B	369367448	/* 0x16041998 */
#define LINUX_REBOOT_MAGIC2C	537993216	/* 0x20112000 */

#define LINUX_REBOOT_CMD_RESTART	0x01234567	/* reset the machine */
#define LINUX_REBOOT_CMD_HALT		0xCDEF0123	/* stop the CPU */
#define LINUX_REBOOT_CMD_CAD_ON		0x89ABCDEF	/* Ctrl-Alt-Del reboots */
#define LINUX_REBOOT_CMD_CAD_OFF	0x00000000	/* Ctrl-Alt-Del sends SIGINT to init */
#define LINUX_REBOOT_CMD_POWER_OFF	0x4321FEDC	/* power the machine off */
#define LINUX_REBOOT_CMD_RESTART2	0xA1B2C3D4	/* restart with a command string */
#define LINUX_REBOOT_CMD_SW_SUSPEND	0xD000FCE2	/* hibernate */
#define LINUX_REBOOT_CMD_KEXEC		0x45584543	/* boot a loaded kernel */

#endif /* _UAPI_LINUX_REBOOT_H */
