// SPDX-License-Identifier: GPL-2.0
/*
 * binfmt_elf.c - the ELF loader: runs static ELF64 x86-64 programs, both
 * fixed-address (ET_EXEC) and static-pie (ET_DYN). Mirrors fs/binfmt_elf.c.
 *
 * load_elf_binary():
 *   1. check the ELF header and read the program headers (-ENOEXEC if bad);
 *      PT_GNU_STACK says whether the stack may be executable
 *   2. begin_new_exec(): the point of no return (kernel/exec.c)
 *   3. setup_arg_pages(): the [stack] VMA under STACK_TOP with the strings
 *   4. every PT_LOAD becomes a private file mapping of its page-aligned file
 *      range (vm_mmap_pgoff() -> do_mmap(file, ...): pages come from the
 *      page cache, writes copy them); when p_memsz > p_filesz the rest is
 *      bss: the tail of the last file page is cleared and whole pages
 *      beyond are anonymous (vm_brk_flags)
 *   5. the brk starts at the page after the highest segment end
 *   6. create_elf_tables(): argc, argv[], envp[] and the auxiliary vector
 *      at the bottom of the stack, where the new stack pointer points
 *   7. start_thread(): user registers at the entry point
 *
 * An ET_EXEC program is mapped at its p_vaddr. A static-pie (ET_DYN) is
 * mapped at ELF_ET_DYN_BASE, where Linux loads a PIE program, without
 * Linux's random offset; it relocates itself. (Linux puts an ET_DYN
 * without PT_INTERP in the mmap region instead; with no randomisation
 * either way, Pagoda keeps one place for both.) Programs that need a
 * dynamic linker (PT_INTERP) are refused: Pagoda has none.
 *
 * The initial stack create_elf_tables() builds (high to low addresses):
 *
 *   STACK_TOP   8 zero bytes
 *               filename (AT_EXECFN), envp strings, argv strings  <- arg_start
 *               "x86_64" (AT_PLATFORM), 16 random bytes (AT_RANDOM), to 16 bytes
 *               auxv: (type, value) pairs ending with AT_NULL
 *               NULL, envp[envc-1] ... envp[0]
 *               NULL, argv[argc-1] ... argv[0]
 *   sp ->       argc                                   (sp 16-byte aligned)
 */
#include <linux/kernel.h>
#include <linux/binfmts.h>
#include <linux/elf.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <uapi/linux/mman.h>
#include <linux/printk.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <asm/process.h>

#define ELF_MIN_ALIGN		ELF_EXEC_PAGESIZE
#define ELF_PAGESTART(_v)	((_v) & ~(unsigned long)(ELF_MIN_ALIGN - 1))
#define ELF_PAGEOFFSET(_v)	((_v) & (ELF_MIN_ALIGN - 1))
#define ELF_PAGEALIGN(_v)	(((_v) + ELF_MIN_ALIGN - 1) & ~(ELF_MIN_ALIGN - 1))

/* An address a mapping cannot have: an -errno or beyond user space. */
#define BAD_ADDR(x)		((unsigned long)(x) >= TASK_SIZE)

/* Growing the stack downwards (the stack grows down on x86). */
#define STACK_ADD(sp, items)	((elf_addr_t __user *)(sp) - (items))
#define STACK_ROUND(sp, items)	(((unsigned long)((sp) - (items))) & ~15UL)
#define STACK_ALLOC(sp, len)	((sp) -= (len))

static int load_elf_binary(struct linux_binprm *bprm);

static struct linux_binfmt elf_format = {
	.load_binary = load_elf_binary,
};

/*
 * elf_map - map the file pages of segment @eppnt at @addr: from the page
 * holding p_offset, as many pages as p_filesz reaches into.
 */
static unsigned long elf_map(struct file *filep, unsigned long addr,
			     const struct elf_phdr *eppnt, int prot, int type)
{
	unsigned long size = eppnt->p_filesz + ELF_PAGEOFFSET(eppnt->p_vaddr);
	unsigned long off = eppnt->p_offset - ELF_PAGEOFFSET(eppnt->p_vaddr);

	addr = ELF_PAGESTART(addr);
	size = ELF_PAGEALIGN(size);
	if (!size)
		return addr;
	if (offset_in_page(off))	/* p_offset and p_vaddr disagree mod the page size */
		return -EINVAL;
	return vm_mmap_pgoff(filep, addr, size, prot, type, off >> PAGE_SHIFT);
}

/*
 * padzero - clear the rest of the page after @address: the first bss bytes
 * share a page with the end of the file data, and the file's bytes there
 * (other sections) must not show through.
 */
static int padzero(unsigned long address)
{
	unsigned long nbyte = ELF_PAGEOFFSET(address);

	if (nbyte) {
		nbyte = ELF_MIN_ALIGN - nbyte;
		if (clear_user((void __user *)address, nbyte))
			return -EFAULT;
	}
	return 0;
}

/*
 * elf_load - map one PT_LOAD segment at @addr (its p_vaddr plus the load
 * bias): the file part, then the bss -- zeroes to the end of the last file
 * page, then anonymous pages up to p_vaddr + p_memsz.
 *
 * Return: the mapped address, or an -errno (BAD_ADDR() tells).
 */
static unsigned long elf_load(struct file *filep, unsigned long addr,
			      const struct elf_phdr *eppnt, int prot, int type)
{
	unsigned long zero_start, zero_end, map_addr;

	if (eppnt->p_filesz) {
		map_addr = elf_map(filep, addr, eppnt, prot, type);
		if (BAD_ADDR(map_addr))
			return map_addr;
		if (eppnt->p_memsz > eppnt->p_filesz) {
			zero_start = map_addr + ELF_PAGEOFFSET(eppnt->p_vaddr) + eppnt->p_filesz;
			zero_end = map_addr + ELF_PAGEOFFSET(eppnt->p_vaddr) + eppnt->p_memsz;
			/* A read-only segment's tail cannot be cleared: Linux ignores that. */
			if (padzero(zero_start) && (prot & PROT_WRITE))
				return -EFAULT;
		}
	} else {
		map_addr = zero_start = ELF_PAGESTART(addr);
		zero_end = zero_start + ELF_PAGEOFFSET(eppnt->p_vaddr) + eppnt->p_memsz;
	}
	if (eppnt->p_memsz > eppnt->p_filesz) {
		int error;

		zero_start = ELF_PAGEALIGN(zero_start);
		zero_end = ELF_PAGEALIGN(zero_end);
		error = vm_brk_flags(zero_start, zero_end - zero_start,
				     prot & PROT_EXEC ? VM_EXEC : 0);
		if (error)
			map_addr = error;
	}
	return map_addr;
}

/* make_prot - PROT_* for a segment's PF_* flags. */
static int make_prot(u32 p_flags)
{
	int prot = 0;

	if (p_flags & PF_R)
		prot |= PROT_READ;
	if (p_flags & PF_W)
		prot |= PROT_WRITE;
	if (p_flags & PF_X)
		prot |= PROT_EXEC;
	return prot;
}

/* elf_read - exactly @len bytes of @file at @pos, or -errno (-EIO if short). */
static int elf_read(struct file *file, void *buf, size_t len, loff_t pos)
{
	ssize_t rv = kernel_read(file, buf, len, &pos);

	if (rv != (ssize_t)len)
		return rv < 0 ? rv : -EIO;
	return 0;
}

/*
 * load_elf_phdrs - the program header table of @elf_ex, kmalloc'ed, or
 * NULL if it is malformed (wrong entry size, none, more than a page) or
 * cannot be read.
 */
static struct elf_phdr *load_elf_phdrs(const struct elfhdr *elf_ex, struct file *elf_file)
{
	struct elf_phdr *elf_phdata;
	unsigned int size;

	if (elf_ex->e_phentsize != sizeof(struct elf_phdr))
		return NULL;
	size = sizeof(struct elf_phdr) * elf_ex->e_phnum;
	if (size == 0 || size > ELF_MIN_ALIGN)
		return NULL;
	elf_phdata = kmalloc(size, GFP_KERNEL);
	if (!elf_phdata)
		return NULL;
	if (elf_read(elf_file, elf_phdata, size, elf_ex->e_phoff)) {
		kfree(elf_phdata);
		return NULL;
	}
	return elf_phdata;
}

/*
 * create_elf_tables - argc, the argv and envp pointer arrays and the
 * auxiliary vector below the strings (see the picture at the top). Also
 * records the vector in mm->saved_auxv (/proc/PID/auxv) and where the
 * strings are (mm->arg_* and env_*: /proc/PID/cmdline, environ).
 * On return bprm->p is the new stack pointer.
 */
static int create_elf_tables(struct linux_binprm *bprm, const struct elfhdr *exec,
			     unsigned long e_entry, unsigned long phdr_addr)
{
	struct mm_struct *mm = current->mm;
	unsigned long p = bprm->p;
	int argc = bprm->argc;
	int envc = bprm->envc;
	elf_addr_t __user *sp;
	elf_addr_t __user *u_platform;
	elf_addr_t __user *u_rand_bytes;
	const char *k_platform = ELF_PLATFORM;
	unsigned char k_rand_bytes[16];
	elf_addr_t *elf_info;
	struct vm_area_struct *vma;
	size_t len;
	int ei_index, items;

	p &= ~15UL;			/* arch_align_stack(), without the random offset */

	len = strlen(k_platform) + 1;
	u_platform = (elf_addr_t __user *)STACK_ALLOC(p, len);
	if (copy_to_user(u_platform, k_platform, len))
		return -EFAULT;

	/* 16 random bytes: musl and glibc seed their stack protector etc. with them. */
	get_random_bytes(k_rand_bytes, sizeof(k_rand_bytes));
	u_rand_bytes = (elf_addr_t __user *)STACK_ALLOC(p, sizeof(k_rand_bytes));
	if (copy_to_user(u_rand_bytes, k_rand_bytes, sizeof(k_rand_bytes)))
		return -EFAULT;

	/* The auxiliary vector, in Linux's order (no vDSO: no AT_SYSINFO_EHDR). */
	elf_info = (elf_addr_t *)mm->saved_auxv;
#define NEW_AUX_ENT(id, val)			\
	do {					\
		*elf_info++ = id;		\
		*elf_info++ = val;		\
	} while (0)
	NEW_AUX_ENT(AT_MINSIGSTKSZ, MINSIGSTKSZ);
	NEW_AUX_ENT(AT_HWCAP, ELF_HWCAP);
	NEW_AUX_ENT(AT_PAGESZ, ELF_EXEC_PAGESIZE);
	NEW_AUX_ENT(AT_CLKTCK, CLOCKS_PER_SEC);
	NEW_AUX_ENT(AT_PHDR, phdr_addr);
	NEW_AUX_ENT(AT_PHENT, sizeof(struct elf_phdr));
	NEW_AUX_ENT(AT_PHNUM, exec->e_phnum);
	NEW_AUX_ENT(AT_BASE, 0);		/* no interpreter */
	NEW_AUX_ENT(AT_FLAGS, 0);
	NEW_AUX_ENT(AT_ENTRY, e_entry);
	NEW_AUX_ENT(AT_UID, 0);			/* everyone is root */
	NEW_AUX_ENT(AT_EUID, 0);
	NEW_AUX_ENT(AT_GID, 0);
	NEW_AUX_ENT(AT_EGID, 0);
	NEW_AUX_ENT(AT_SECURE, 0);
	NEW_AUX_ENT(AT_RANDOM, (elf_addr_t)(unsigned long)u_rand_bytes);
	NEW_AUX_ENT(AT_HWCAP2, ELF_HWCAP2);
	NEW_AUX_ENT(AT_EXECFN, bprm->exec);
	NEW_AUX_ENT(AT_PLATFORM, (elf_addr_t)(unsigned long)u_platform);
#undef NEW_AUX_ENT
	/* AT_NULL is zero; clear the rest too. */
	memset(elf_info, 0, (char *)mm->saved_auxv + sizeof(mm->saved_auxv) - (char *)elf_info);
	elf_info += 2;			/* past the AT_NULL pair */

	ei_index = elf_info - (elf_addr_t *)mm->saved_auxv;
	sp = STACK_ADD(p, ei_index);
	items = (argc + 1) + (envc + 1) + 1;
	bprm->p = STACK_ROUND(sp, items);
	sp = (elf_addr_t __user *)bprm->p;

	/*
	 * The pointers to many short strings may reach below the stack VMA:
	 * grow it over them now, as a fault there would (find_extend_vma()).
	 */
	mmap_read_lock(mm);
	vma = find_vma(mm, bprm->p);
	if (vma && vma->vm_start > bprm->p &&
	    (!(vma->vm_flags & VM_GROWSDOWN) || expand_stack(vma, bprm->p)))
		vma = NULL;
	mmap_read_unlock(mm);
	if (!vma)
		return -EFAULT;

	if (put_user((elf_addr_t)argc, sp++))
		return -EFAULT;

	/* argv[] and envp[] point at the strings setup_arg_pages() copied in. */
	p = mm->arg_end = mm->arg_start;
	while (argc-- > 0) {
		if (put_user((elf_addr_t)p, sp++))
			return -EFAULT;
		len = strnlen_user((const char __user *)p, MAX_ARG_STRLEN);
		if (!len || len > MAX_ARG_STRLEN)
			return -EINVAL;
		p += len;
	}
	if (put_user((elf_addr_t)0, sp++))
		return -EFAULT;
	mm->arg_end = p;

	mm->env_end = mm->env_start = p;
	while (envc-- > 0) {
		if (put_user((elf_addr_t)p, sp++))
			return -EFAULT;
		len = strnlen_user((const char __user *)p, MAX_ARG_STRLEN);
		if (!len || len > MAX_ARG_STRLEN)
			return -EINVAL;
		p += len;
	}
	if (put_user((elf_addr_t)0, sp++))
		return -EFAULT;
	mm->env_end = p;

	if (copy_to_user(sp, mm->saved_auxv, ei_index * sizeof(elf_addr_t)))
		return -EFAULT;
	return 0;
}

/**
 * load_elf_binary - the ELF format's load_binary()
 * @bprm: the exec; bprm->buf holds the file's first bytes
 *
 * Return: -ENOEXEC if this is not an ELF program for this machine (nothing
 * changed yet); after begin_new_exec() any error is fatal to the process.
 */
static int load_elf_binary(struct linux_binprm *bprm)
{
	struct elfhdr *elf_ex = (struct elfhdr *)bprm->buf;
	struct elf_phdr *elf_ppnt, *elf_phdata;
	unsigned long elf_brk = 0, start_code = ~0UL, end_code = 0, start_data = 0, end_data = 0;
	unsigned long load_bias = 0, phdr_addr = 0, e_entry;
	int executable_stack = EXSTACK_DEFAULT;
	bool first_pt_load = true;
	struct mm_struct *mm;
	int retval, i;

	retval = -ENOEXEC;
	if (memcmp(elf_ex->e_ident, ELFMAG, SELFMAG) != 0)
		goto out;
	if (elf_ex->e_type != ET_EXEC && elf_ex->e_type != ET_DYN)
		goto out;
	if (!elf_check_arch(elf_ex))
		goto out;
	elf_phdata = load_elf_phdrs(elf_ex, bprm->file);
	if (!elf_phdata)
		goto out;

	elf_ppnt = elf_phdata;
	for (i = 0; i < elf_ex->e_phnum; i++, elf_ppnt++) {
		if (elf_ppnt->p_type == PT_INTERP) {
			pr_info("%s: needs a dynamic linker; Pagoda runs static programs only\n",
				bprm->filename);
			goto out_free_ph;
		}
		if (elf_ppnt->p_type == PT_GNU_STACK)
			executable_stack = elf_ppnt->p_flags & PF_X ? EXSTACK_ENABLE_X :
								      EXSTACK_DISABLE_X;
	}

	retval = begin_new_exec(bprm);
	if (retval)
		goto out_free_ph;
	setup_new_exec(bprm);
	retval = setup_arg_pages(bprm, STACK_TOP, executable_stack);
	if (retval < 0)
		goto out_free_ph;

	elf_ppnt = elf_phdata;
	for (i = 0; i < elf_ex->e_phnum; i++, elf_ppnt++) {
		int elf_prot, elf_flags;
		unsigned long k, vaddr, error;

		if (elf_ppnt->p_type != PT_LOAD)
			continue;
		elf_prot = make_prot(elf_ppnt->p_flags);
		elf_flags = MAP_PRIVATE;
		vaddr = elf_ppnt->p_vaddr;
		if (!first_pt_load) {
			elf_flags |= MAP_FIXED;		/* the rest follow the first */
		} else {
			/* Nothing may be there yet but the stack: never replace it. */
			elf_flags |= MAP_FIXED_NOREPLACE;
			if (elf_ex->e_type == ET_DYN)
				load_bias = ELF_PAGESTART(ELF_ET_DYN_BASE - vaddr);
			first_pt_load = false;
		}
		error = elf_load(bprm->file, load_bias + vaddr, elf_ppnt, elf_prot, elf_flags);
		if (BAD_ADDR(error)) {
			retval = IS_ERR((void *)error) ? PTR_ERR((void *)error) : -EINVAL;
			goto out_free_ph;
		}

		/* The program headers are in the segment that maps e_phoff. */
		if (elf_ppnt->p_offset <= elf_ex->e_phoff &&
		    elf_ex->e_phoff < elf_ppnt->p_offset + elf_ppnt->p_filesz)
			phdr_addr = elf_ex->e_phoff - elf_ppnt->p_offset + elf_ppnt->p_vaddr;

		k = elf_ppnt->p_vaddr;
		if ((elf_ppnt->p_flags & PF_X) && k < start_code)
			start_code = k;
		if (start_data < k)
			start_data = k;
		/* Refuse segments that do not fit below TASK_SIZE. */
		if (k > TASK_SIZE || elf_ppnt->p_filesz > elf_ppnt->p_memsz ||
		    elf_ppnt->p_memsz > TASK_SIZE || TASK_SIZE - elf_ppnt->p_memsz < k) {
			retval = -EINVAL;
			goto out_free_ph;
		}
		k = elf_ppnt->p_vaddr + elf_ppnt->p_filesz;
		if ((elf_ppnt->p_flags & PF_X) && end_code < k)
			end_code = k;
		if (end_data < k)
			end_data = k;
		k = elf_ppnt->p_vaddr + elf_ppnt->p_memsz;
		if (k > elf_brk)
			elf_brk = k;
	}

	e_entry = elf_ex->e_entry + load_bias;
	phdr_addr += load_bias;
	elf_brk += load_bias;
	start_code += load_bias;
	end_code += load_bias;
	start_data += load_bias;
	end_data += load_bias;

	mm = current->mm;
	mm->start_brk = mm->brk = ELF_PAGEALIGN(elf_brk);
	if (BAD_ADDR(e_entry)) {
		retval = -EINVAL;
		goto out_free_ph;
	}

	retval = create_elf_tables(bprm, elf_ex, e_entry, phdr_addr);
	if (retval < 0)
		goto out_free_ph;

	mm->end_code = end_code;
	mm->start_code = start_code;
	mm->start_data = start_data;
	mm->end_data = end_data;
	mm->start_stack = bprm->p;

	start_thread(task_pt_regs(current), e_entry, bprm->p);
	retval = 0;
out_free_ph:
	kfree(elf_phdata);
out:
	return retval;
}

static int __init init_elf_binfmt(void)
{
	register_binfmt(&elf_format);
	return 0;
}
core_initcall(init_elf_binfmt);
