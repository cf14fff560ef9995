// SPDX-License-Identifier: GPL-2.0
/*
 * shm.c - System V shared memory: shmget, shmat, shmdt, shmctl.
 * Mirrors ipc/shm.c (one IPC namespace; ipc/util.c's id table folded in).
 *
 * A segment is a tmpfs file ("SYSV<key>", unlinked: /proc/PID/maps shows
 * "/SYSV0000abcd (deleted)") whose pages are shmem pages like any other:
 * found through the file's i_mmap, counted in Shmem. shmat() maps that
 * file MAP_SHARED; fork copies the mappings, exit and shmdt() unmap them.
 *
 * Ids are Linux's: slot index + seq * 32768, the slot found cyclically
 * and seq bumped when the index wraps, so a fresh system hands out 0, 1,
 * 2, ... A key other than IPC_PRIVATE names one segment until
 * IPC_RMID.
 *
 * Attach counting. Linux counts attaches in the VMAs' open/close hooks
 * (shm_vm_ops). Pagoda's VMAs have no hooks, so the segment's file is the
 * count: every VMA mapping it holds a reference, the table holds one more
 * until IPC_RMID, and shm_nattch is the references minus the table's.
 * IPC_RMID of an attached segment drops the table's reference and marks
 * it SHM_DEST (its key becomes IPC_PRIVATE); when the last VMA goes, the
 * file's ->release frees the segment (shm_release()). What the hooks
 * would also do, and Pagoda does not: shm_dtim and shm_lprid change on
 * shmdt() only, not when exit or munmap() detach.
 *
 * Everyone is root here: the permission bits are kept and shown, not
 * enforced. Limits: /proc/sys/kernel/shmmax, shmall (pages), shmmni.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/time.h>
#include <linux/shmem_fs.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/sprintf.h>
#include <linux/sysctl.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/bug.h>
#include <uapi/linux/mman.h>
#include <uapi/linux/shm.h>

#define IPCMNI_SHIFT	15
#define SEQ_MULTIPLIER	(1 << IPCMNI_SHIFT)	/* ids: index + seq * this */
#define SHMMNI		4096			/* most segments at once */
#define SHMMIN		1
#define SHMMAX		(ULONG_MAX - (1UL << 24))	/* largest segment, bytes */
#define SHMALL		(ULONG_MAX - (1UL << 24))	/* all segments, pages */

struct shmid_kernel {
	int key, id;
	unsigned int mode;		/* permission bits, SHM_DEST, SHM_LOCKED */
	size_t shm_segsz;
	s64 shm_atim, shm_dtim, shm_ctim;
	pid_t shm_cprid, shm_lprid;
	struct file *shm_file;
};

static struct shmid_kernel *shm_ids[SHMMNI];
static int shm_in_use, shm_last_idx = -1, shm_seq;
static unsigned long shm_ctlmax = SHMMAX, shm_ctlall = SHMALL, shm_tot;
static int shm_ctlmni = SHMMNI;
static const struct file_operations shm_file_operations;

static s64 shm_now(void)
{
	return ktime_get_real_ns() / NSEC_PER_SEC;
}

static unsigned long shm_pages(const struct shmid_kernel *shp)
{
	return (shp->shm_segsz + PAGE_SIZE - 1) >> PAGE_SHIFT;
}

/* shm_nattch - the VMAs mapping the segment: its file's references but the table's. */
static unsigned long shm_nattch(const struct shmid_kernel *shp)
{
	return atomic_long_read(&shp->shm_file->f_count) - !(shp->mode & SHM_DEST);
}

/* shm_obtain - the segment with id @id, or NULL. */
static struct shmid_kernel *shm_obtain(int id)
{
	struct shmid_kernel *shp = id >= 0 ? shm_ids[(id & (SEQ_MULTIPLIER - 1)) % SHMMNI] : NULL;

	return shp && shp->id == id ? shp : NULL;
}

static struct shmid_kernel *shm_find_key(int key)
{
	for (int i = 0; i < SHMMNI; i++)
		if (shm_ids[i] && shm_ids[i]->key == key)
			return shm_ids[i];
	return NULL;
}

/* shm_addid - a slot for @shp, cyclically after the last one (Linux's ipc_idr_alloc). */
static int shm_addid(struct shmid_kernel *shp)
{
	for (int n = 1; n <= SHMMNI; n++) {
		int idx = (shm_last_idx + n) % SHMMNI;

		if (shm_ids[idx])
			continue;
		if (idx <= shm_last_idx)
			shm_seq = (shm_seq + 1) % (INT_MAX / SEQ_MULTIPLIER);
		shm_last_idx = idx;
		shp->id = idx + shm_seq * SEQ_MULTIPLIER;
		shm_ids[idx] = shp;
		shm_in_use++;
		return shp->id;
	}
	return -ENOSPC;
}

/* shm_rmid - take @shp out of the table (its id and key no longer find it). */
static void shm_rmid(struct shmid_kernel *shp)
{
	shm_ids[(shp->id & (SEQ_MULTIPLIER - 1)) % SHMMNI] = NULL;
	shm_in_use--;
	shm_tot -= shm_pages(shp);
}

/* shm_release - the segment's file is closed for good: the last detach of a removed segment. */
static int shm_release(struct inode *inode, struct file *file)
{
	struct shmid_kernel *shp = file->private_data;

	shm_rmid(shp);
	kfree(shp);
	return 0;
}

/* shm_mmap - map the segment's pages: the tmpfs file's own mmap. */
static int shm_mmap(struct file *file, struct vm_area_struct *vma)
{
	return file_inode(file)->i_fop->mmap(file, vma);
}

static const struct file_operations shm_file_operations = {
	.mmap = shm_mmap,
	.release = shm_release,
};

/* newseg - a new segment of @size bytes under @key. Return: its id, or -errno. */
static int newseg(int key, int shmflg, size_t size)
{
	unsigned long numpages = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;
	struct shmid_kernel *shp;
	char name[16];
	int id;

	if (size < SHMMIN || size > shm_ctlmax)
		return -EINVAL;
	if (shm_tot + numpages < shm_tot || shm_tot + numpages > shm_ctlall)
		return -ENOSPC;
	if (shm_in_use >= shm_ctlmni)
		return -ENOSPC;
	shp = kzalloc(sizeof(*shp), GFP_KERNEL);
	if (!shp)
		return -ENOMEM;
	snprintf(name, sizeof(name), "SYSV%08x", key);
	shp->shm_file = shmem_file_setup(name, size);
	if (IS_ERR(shp->shm_file)) {
		id = PTR_ERR(shp->shm_file);
		kfree(shp);
		return id;
	}
	shp->key = key;
	shp->mode = shmflg & S_IRWXUGO;
	shp->shm_segsz = size;
	shp->shm_ctim = shm_now();
	shp->shm_cprid = current->tgid;
	id = shm_addid(shp);
	if (id < 0) {
		fput(shp->shm_file);
		kfree(shp);
		return id;
	}
	shm_tot += numpages;
	shp->shm_file->private_data = shp;
	shp->shm_file->f_op = &shm_file_operations;	/* from now on it releases @shp */
	return id;
}

SYSCALL_DEFINE3(shmget, int, key, size_t, size, int, shmflg)
{
	struct shmid_kernel *shp = key == IPC_PRIVATE ? NULL : shm_find_key(key);

	if (!shp)
		return key != IPC_PRIVATE && !(shmflg & IPC_CREAT) ? -ENOENT :
		       newseg(key, shmflg, size);
	if ((shmflg & (IPC_CREAT | IPC_EXCL)) == (IPC_CREAT | IPC_EXCL))
		return -EEXIST;
	if (shp->shm_segsz < size)
		return -EINVAL;
	return shp->id;
}

/* do_shmat - attach segment @shmid at @shmaddr (0: anywhere); the address in *@raddr. */
static long do_shmat(int shmid, unsigned long shmaddr, int shmflg, unsigned long *raddr)
{
	unsigned long prot = PROT_READ, flags = MAP_SHARED, addr;
	struct shmid_kernel *shp;
	size_t size;

	if (shmid < 0)
		return -EINVAL;
	if (shmaddr & (SHMLBA - 1)) {
		if (!(shmflg & SHM_RND))
			return -EINVAL;
		shmaddr &= ~(SHMLBA - 1);
		if (!shmaddr && (shmflg & SHM_REMAP))
			return -EINVAL;
	}
	if (shmaddr)
		flags |= MAP_FIXED;
	else if (shmflg & SHM_REMAP)
		return -EINVAL;
	if (!(shmflg & SHM_RDONLY))
		prot |= PROT_WRITE;
	if (shmflg & SHM_EXEC)
		prot |= PROT_EXEC;
	shp = shm_obtain(shmid);
	if (!shp)
		return -EINVAL;
	size = shp->shm_segsz;
	if (shmaddr && !(shmflg & SHM_REMAP) &&
	    (shmaddr + size < shmaddr || find_vma_intersection(current->mm, shmaddr, shmaddr + size)))
		return -EINVAL;
	get_file(shp->shm_file);	/* a removed segment may go with a racing shmdt */
	addr = vm_mmap_pgoff(shp->shm_file, shmaddr, size, prot, flags, 0);
	if (!IS_ERR_VALUE(addr)) {
		shp->shm_atim = shm_now();
		shp->shm_lprid = current->tgid;
		*raddr = addr;
	}
	fput(shp->shm_file);
	return IS_ERR_VALUE(addr) ? (long)addr : 0;
}

SYSCALL_DEFINE3(shmat, int, shmid, char __user *, shmaddr, int, shmflg)
{
	unsigned long ret;
	long err = do_shmat(shmid, (unsigned long)shmaddr, shmflg, &ret);

	return err ? err : (long)ret;
}

/* is_shm_at - is @vma part of a segment attached at @addr? Its segment, or NULL. */
static struct shmid_kernel *is_shm_at(struct vm_area_struct *vma, unsigned long addr)
{
	if (!vma->vm_file || vma->vm_file->f_op != &shm_file_operations ||
	    (vma->vm_start - addr) >> PAGE_SHIFT != vma->vm_pgoff)
		return NULL;
	return vma->vm_file->private_data;
}

/*
 * shmdt - detach the segment attached at @shmaddr: every VMA of it from
 * there (mprotect may have split it). -EINVAL if none starts there.
 */
SYSCALL_DEFINE1(shmdt, char __user *, shmaddr)
{
	unsigned long addr = (unsigned long)shmaddr, end = 0;
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	struct shmid_kernel *shp;

	if (addr & ~PAGE_MASK)
		return -EINVAL;
	mmap_write_lock(mm);
	vma = find_vma(mm, addr);
	shp = vma && vma->vm_start == addr ? is_shm_at(vma, addr) : NULL;
	if (shp) {
		end = addr + PAGE_ALIGN(shp->shm_segsz);
		shp->shm_dtim = shm_now();
		shp->shm_lprid = current->tgid;
	}
	while (vma && vma->vm_start < end) {
		unsigned long start = vma->vm_start, len = vma->vm_end - vma->vm_start;
		bool ours = is_shm_at(vma, addr) == shp;

		vma = vma->vm_next;
		if (ours)
			do_munmap(mm, start, len);
	}
	mmap_write_unlock(mm);
	return shp ? 0 : -EINVAL;
}

/* fill_shmid - @shp as IPC_STAT reports it. */
static void fill_shmid(const struct shmid_kernel *shp, struct shmid64_ds *out)
{
	memset(out, 0, sizeof(*out));
	out->shm_perm.key = shp->key;
	out->shm_perm.mode = shp->mode;
	out->shm_perm.seq = shp->id / SEQ_MULTIPLIER;
	out->shm_segsz = shp->shm_segsz;
	out->shm_atime = shp->shm_atim;
	out->shm_dtime = shp->shm_dtim;
	out->shm_ctime = shp->shm_ctim;
	out->shm_cpid = shp->shm_cprid;
	out->shm_lpid = shp->shm_lprid;
	out->shm_nattch = shm_nattch(shp);
}

/* shm_max_idx - the highest slot in use, or 0 (IPC_INFO's and SHM_INFO's result). */
static int shm_max_idx(void)
{
	for (int i = SHMMNI - 1; i > 0; i--)
		if (shm_ids[i])
			return i;
	return 0;
}

static long shmctl_info(int cmd, void __user *buf)
{
	if (cmd == IPC_INFO) {
		struct shminfo64 info = {
			.shmmax = shm_ctlmax, .shmmin = SHMMIN, .shmmni = shm_ctlmni,
			.shmseg = shm_ctlmni, .shmall = shm_ctlall,
		};

		if (copy_to_user(buf, &info, sizeof(info)))
			return -EFAULT;
	} else {
		struct shm_info info = { .used_ids = shm_in_use, .shm_tot = shm_tot };

		for (int i = 0; i < SHMMNI; i++)
			if (shm_ids[i])
				info.shm_rss += file_mapping(shm_ids[i]->shm_file)->nrpages;
		if (copy_to_user(buf, &info, sizeof(info)))
			return -EFAULT;
	}
	return shm_max_idx();
}

/* shmctl_rmid - IPC_RMID: gone now if nobody is attached, else at the last detach. */
static void shmctl_rmid(struct shmid_kernel *shp)
{
	shp->mode |= SHM_DEST;
	shp->key = IPC_PRIVATE;
	fput(shp->shm_file);	/* the table's reference: the last one frees @shp */
}

SYSCALL_DEFINE3(shmctl, int, shmid, int, cmd, struct shmid_ds __user *, buf)
{
	struct shmid_kernel *shp;
	struct shmid64_ds ds;

	if (cmd < 0 || shmid < 0)
		return -EINVAL;
	if (cmd == IPC_INFO || cmd == SHM_INFO)
		return shmctl_info(cmd, buf);
	if (cmd == SHM_STAT || cmd == SHM_STAT_ANY) {
		shp = shmid < SHMMNI ? shm_ids[shmid] : NULL;
		if (!shp)
			return -EINVAL;
	} else {
		shp = shm_obtain(shmid);
		if (!shp)
			return -EINVAL;
	}
	switch (cmd) {
	case IPC_STAT:
	case SHM_STAT:
	case SHM_STAT_ANY:
		fill_shmid(shp, &ds);
		if (copy_to_user(buf, &ds, sizeof(ds)))
			return -EFAULT;
		return cmd == IPC_STAT ? 0 : shp->id;
	case IPC_SET:
		if (copy_from_user(&ds, buf, sizeof(ds)))
			return -EFAULT;
		shp->mode = (shp->mode & ~S_IRWXUGO) | (ds.shm_perm.mode & S_IRWXUGO);
		shp->shm_ctim = shm_now();
		return 0;
	case IPC_RMID:
		shmctl_rmid(shp);
		return 0;
	case SHM_LOCK:
	case SHM_UNLOCK:	/* nothing is ever swapped out: the flag only */
		shp->mode = cmd == SHM_LOCK ? shp->mode | SHM_LOCKED : shp->mode & ~SHM_LOCKED;
		return 0;
	default:
		return -EINVAL;
	}
}

/* /proc/sysvipc/shm: a header, then one line per segment in slot order. */
static int sysvipc_shm_proc_show(struct seq_file *s, void *v)
{
	seq_puts(s, "       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime                   rss                  swap\n");
	for (int i = 0; i < SHMMNI; i++) {
		struct shmid_kernel *shp = shm_ids[i];

		if (!shp)
			continue;
		seq_printf(s, "%10d %10d  %4o %21lu %5u %5u  %5lu %5u %5u %5u %5u %10llu %10llu %10llu %21lu %21lu\n",
			   shp->key, shp->id, shp->mode, shp->shm_segsz, shp->shm_cprid,
			   shp->shm_lprid, shm_nattch(shp), 0, 0, 0, 0,
			   (unsigned long long)shp->shm_atim, (unsigned long long)shp->shm_dtim,
			   (unsigned long long)shp->shm_ctim,
			   file_mapping(shp->shm_file)->nrpages * PAGE_SIZE, 0UL);
	}
	return 0;
}

static struct ctl_table ipc_sysctls[] = {
	{ .procname = "shmmax", .data = &shm_ctlmax, .maxlen = sizeof(shm_ctlmax), .mode = 0644,
	  .proc_handler = proc_doulongvec_minmax },
	{ .procname = "shmall", .data = &shm_ctlall, .maxlen = sizeof(shm_ctlall), .mode = 0644,
	  .proc_handler = proc_doulongvec_minmax },
	{ .procname = "shmmni", .data = &shm_ctlmni, .maxlen = sizeof(shm_ctlmni), .mode = 0644,
	  .proc_handler = proc_dointvec },
};

static int __init shm_init(void)
{
	struct proc_dir_entry *dir = proc_mkdir("sysvipc", NULL);

	BUG_ON(!dir || !proc_create_single("shm", 0444, dir, sysvipc_shm_proc_show));
	BUG_ON(register_sysctl("kernel", ipc_sysctls, ARRAY_SIZE(ipc_sysctls)));
	return 0;
}
fs_initcall(shm_init);
