// SPDX-License-Identifier: GPL-2.0
/*
 * coredump.c - a core-dumping signal writes an ELF core file. Mirrors
 * fs/coredump.c (do_coredump(), format_corename(), core_pattern) and the
 * core writer of fs/binfmt_elf.c (elf_core_dump(), fill_note()).
 *
 * When a signal whose default action dumps core (SIGQUIT, SIGILL,
 * SIGTRAP, SIGABRT, SIGFPE, SIGSEGV, SIGBUS, SIGSYS, SIGXCPU, SIGXFSZ)
 * kills a process whose RLIMIT_CORE is at least a page, the other threads
 * are killed, the file named by /proc/sys/kernel/core_pattern ("core" by
 * default; %p pid, %e comm, %s signal, %% %; relative to the cwd; a
 * "|program" pattern is not supported: no dump) is created (mode 0600) or
 * truncated, and the process is written there: an ELF header, a PT_NOTE
 * with NT_PRSTATUS (the signal, ids and the faulting thread's registers)
 * and NT_PRPSINFO (state, ids, name, arguments), then one PT_LOAD per VMA
 * with its memory (none for a VMA it cannot read). The wait status then
 * has WCOREDUMP (0x80) set. Linux unlinks an existing file first and
 * truncates the file at RLIMIT_CORE; here an existing file is truncated
 * and a dump beyond the limit is abandoned (the file stays, WCOREDUMP is
 * not set). Only the dumping thread's registers are written.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sprintf.h>
#include <linux/sysctl.h>
#include <linux/uaccess.h>
#include <linux/resource.h>
#include <linux/bug.h>
#include <linux/coredump.h>
#include <uapi/linux/elf.h>
#include <uapi/linux/fcntl.h>

#define CORENAME_MAX_SIZE	128
#define NT_PRSTATUS		1
#define NT_PRPSINFO		3
#define ELF_PRARGSZ		80

static char core_pattern[CORENAME_MAX_SIZE] = "core";

struct elf_prstatus {			/* x86-64 layout */
	int si_signo, si_code, si_errno;
	short pr_cursig;
	unsigned long pr_sigpend, pr_sighold;
	int pr_pid, pr_ppid, pr_pgrp, pr_sid;
	long pr_utime[2], pr_stime[2], pr_cutime[2], pr_cstime[2];
	unsigned long pr_reg[27];	/* struct user_regs_struct */
	int pr_fpvalid;
};

struct elf_prpsinfo {
	char pr_state, pr_sname, pr_zomb, pr_nice;
	unsigned long pr_flag;
	unsigned int pr_uid, pr_gid;
	int pr_pid, pr_ppid, pr_pgrp, pr_sid;
	char pr_fname[16];
	char pr_psargs[ELF_PRARGSZ];
};

struct coredump_params {
	struct file *file;
	loff_t pos;
	unsigned long limit;
};

/* dump_emit - append @nr bytes; false once the limit is passed or a write fails. */
static bool dump_emit(struct coredump_params *cprm, const void *addr, size_t nr)
{
	if (cprm->pos + nr > cprm->limit)
		return false;
	return kernel_write(cprm->file, addr, nr, &cprm->pos) == (ssize_t)nr;
}

static bool dump_align(struct coredump_params *cprm, size_t align)
{
	static const char zeroes[8];
	size_t pad = -cprm->pos & (align - 1);

	while (pad) {
		size_t n = min(pad, sizeof(zeroes));

		if (!dump_emit(cprm, zeroes, n))
			return false;
		pad -= n;
	}
	return true;
}

/* fill_note - one ELF note "CORE" of @type with @len bytes at @data. */
static bool write_note(struct coredump_params *cprm, int type, const void *data, u32 len)
{
	struct { u32 namesz, descsz, type; char name[8]; } hdr = { 5, len, type, "CORE" };

	return dump_emit(cprm, &hdr, sizeof(hdr)) && dump_emit(cprm, data, len) &&
	       dump_align(cprm, 4);
}

static u32 note_size(u32 len)
{
	return 12 + 8 + ((len + 3) & ~3);
}

static void fill_prstatus(struct elf_prstatus *s, int signr, const struct pt_regs *regs)
{
	struct task_struct *p = current;
	unsigned long *r = s->pr_reg;

	memset(s, 0, sizeof(*s));
	s->si_signo = s->pr_cursig = signr;
	s->pr_sigpend = p->pending.signal.sig[0];
	s->pr_sighold = p->blocked.sig[0];
	s->pr_pid = p->pid;
	s->pr_ppid = p->real_parent ? p->real_parent->tgid : 0;
	s->pr_pgrp = p->pgrp;
	s->pr_sid = p->session;
	r[0] = regs->r15; r[1] = regs->r14; r[2] = regs->r13; r[3] = regs->r12;
	r[4] = regs->bp; r[5] = regs->bx; r[6] = regs->r11; r[7] = regs->r10;
	r[8] = regs->r9; r[9] = regs->r8; r[10] = regs->ax; r[11] = regs->cx;
	r[12] = regs->dx; r[13] = regs->si; r[14] = regs->di; r[15] = regs->orig_ax;
	r[16] = regs->ip; r[17] = regs->cs; r[18] = regs->flags; r[19] = regs->sp;
	r[20] = regs->ss; r[21] = p->thread.fsbase; r[22] = p->thread.gsbase;
}

static void fill_psinfo(struct elf_prpsinfo *ps)
{
	struct task_struct *p = current;
	struct mm_struct *mm = p->mm;
	unsigned long len = min(mm->arg_end - mm->arg_start, (unsigned long)ELF_PRARGSZ - 1);

	memset(ps, 0, sizeof(*ps));
	ps->pr_sname = 'R';
	ps->pr_uid = p->cred.uid;
	ps->pr_gid = p->cred.gid;
	ps->pr_pid = p->tgid;
	ps->pr_ppid = p->real_parent ? p->real_parent->tgid : 0;
	ps->pr_pgrp = p->pgrp;
	ps->pr_sid = p->session;
	memcpy(ps->pr_fname, p->comm, sizeof(ps->pr_fname));
	if (copy_from_user(ps->pr_psargs, (const char __user *)mm->arg_start, len))
		len = 0;
	for (unsigned long i = 0; i < len; i++)
		if (!ps->pr_psargs[i])
			ps->pr_psargs[i] = ' ';
}

/* vma_dump_size - how much of @vma goes into the core: all of it if it can be read. */
static unsigned long vma_dump_size(struct vm_area_struct *vma)
{
	return (vma->vm_flags & VM_READ) ? vma->vm_end - vma->vm_start : 0;
}

/* dump_user_range - @len bytes of user memory from @start, a page at a time (unreadable: zeroes). */
static bool dump_user_range(struct coredump_params *cprm, unsigned long start, unsigned long len,
			    char *page)
{
	for (unsigned long addr = start; addr < start + len; addr += PAGE_SIZE) {
		if (copy_from_user(page, (const void __user *)addr, PAGE_SIZE))
			memset(page, 0, PAGE_SIZE);
		if (!dump_emit(cprm, page, PAGE_SIZE))
			return false;
	}
	return true;
}

/* elf_core_dump - write the process as an ELF core file. Return: true if all of it went. */
static bool elf_core_dump(struct coredump_params *cprm, int signr, const struct pt_regs *regs)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	struct elf_prstatus *status = kmalloc(sizeof(*status), GFP_KERNEL);
	struct elf_prpsinfo psinfo;
	char *page = kmalloc(PAGE_SIZE, GFP_KERNEL);
	Elf64_Ehdr ehdr = {
		.e_ident = { ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3, ELFCLASS64, ELFDATA2LSB, EV_CURRENT },
		.e_type = ET_CORE, .e_machine = EM_X86_64, .e_version = EV_CURRENT,
		.e_phoff = sizeof(Elf64_Ehdr), .e_ehsize = sizeof(Elf64_Ehdr),
		.e_phentsize = sizeof(Elf64_Phdr), .e_phnum = 1 + mm->map_count,
	};
	Elf64_Phdr phdr = { .p_type = PT_NOTE };
	loff_t offset;
	bool ok = status && page;

	if (!ok)
		goto out;
	fill_prstatus(status, signr, regs);
	fill_psinfo(&psinfo);
	phdr.p_offset = sizeof(ehdr) + ehdr.e_phnum * sizeof(Elf64_Phdr);
	phdr.p_filesz = note_size(sizeof(*status)) + note_size(sizeof(psinfo));
	ok = dump_emit(cprm, &ehdr, sizeof(ehdr)) && dump_emit(cprm, &phdr, sizeof(phdr));
	offset = ALIGN(phdr.p_offset + phdr.p_filesz, PAGE_SIZE);
	for (vma = mm->mmap; ok && vma; vma = vma->vm_next) {
		Elf64_Phdr load = {
			.p_type = PT_LOAD, .p_offset = offset, .p_vaddr = vma->vm_start,
			.p_filesz = vma_dump_size(vma), .p_memsz = vma->vm_end - vma->vm_start,
			.p_align = PAGE_SIZE,
			.p_flags = (vma->vm_flags & VM_READ ? PF_R : 0) |
				   (vma->vm_flags & VM_WRITE ? PF_W : 0) |
				   (vma->vm_flags & VM_EXEC ? PF_X : 0),
		};

		offset += load.p_filesz;
		ok = dump_emit(cprm, &load, sizeof(load));
	}
	ok = ok && write_note(cprm, NT_PRSTATUS, status, sizeof(*status)) &&
	     write_note(cprm, NT_PRPSINFO, &psinfo, sizeof(psinfo)) &&
	     dump_align(cprm, PAGE_SIZE);
	for (vma = mm->mmap; ok && vma; vma = vma->vm_next)
		ok = dump_user_range(cprm, vma->vm_start, vma_dump_size(vma), page);
out:
	kfree(status);
	kfree(page);
	return ok;
}

/* format_corename - core_pattern with %p, %e, %s and %% expanded, into @name. */
static void format_corename(char *name, size_t size, int signr)
{
	size_t n = 0;

	for (const char *pat = core_pattern; *pat && n < size - 1; pat++) {
		if (*pat != '%' || !pat[1]) {
			name[n++] = *pat;
			continue;
		}
		switch (*++pat) {
		case 'p':
			n += snprintf(name + n, size - n, "%d", current->tgid);
			break;
		case 'e':
			n += snprintf(name + n, size - n, "%s", current->comm);
			break;
		case 's':
			n += snprintf(name + n, size - n, "%d", signr);
			break;
		case '%':
			name[n++] = '%';
			break;
		}
		n = min(n, size - 1);
	}
	name[n] = '\0';
}

/**
 * do_coredump - @signr's default action dumps core: kill the other
 * threads and, if RLIMIT_CORE allows, write the core file; on success the
 * exit status gets WCOREDUMP. The caller then exits (do_group_exit()).
 */
void do_coredump(int signr)
{
	struct signal_struct *sig = current->signal;
	struct coredump_params cprm = { .limit = task_rlimit(current, RLIMIT_CORE) };
	char name[CORENAME_MAX_SIZE];

	if (signal_group_exit(sig))
		return;
	sig->flags = SIGNAL_GROUP_EXIT;
	sig->group_exit_code = signr;
	zap_other_threads(current);
	if (cprm.limit < PAGE_SIZE || !current->mm || core_pattern[0] == '|')
		return;
	format_corename(name, sizeof(name), signr);
	cprm.file = filp_open(name, O_CREAT | O_WRONLY | O_TRUNC | O_NOFOLLOW | O_LARGEFILE, 0600);
	if (IS_ERR(cprm.file))
		return;
	if (S_ISREG(file_inode(cprm.file)->i_mode) &&
	    elf_core_dump(&cprm, signr, task_pt_regs(current)))
		sig->group_exit_code |= 0x80;
	fput(cprm.file);
}

static struct ctl_table coredump_sysctls[] = {
	{ .procname = "core_pattern", .data = core_pattern, .maxlen = CORENAME_MAX_SIZE,
	  .mode = 0644, .proc_handler = proc_dostring },
};

static int __init init_fs_coredump_sysctls(void)
{
	BUG_ON(register_sysctl("kernel", coredump_sysctls, ARRAY_SIZE(coredump_sysctls)));
	return 0;
}
fs_initcall(init_fs_coredump_sysctls);
