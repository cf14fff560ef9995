/* SPDX-License-Identifier: GPL-2.0 */
/*
 * shmem_fs.h - shared memory files: the unlinked RAM files behind
 * memfd_create() and MAP_SHARED|MAP_ANONYMOUS. Mirrors
 * include/linux/shmem_fs.h; the code is mm/shmem.c.
 */
#ifndef _LINUX_SHMEM_FS_H
#define _LINUX_SHMEM_FS_H

#include <linux/fs.h>

struct vm_area_struct;

struct file *shmem_file_setup(const char *name, loff_t size);
int shmem_zero_setup(struct vm_area_struct *vma);
bool shmem_mapping(const struct address_space *mapping);

void shmem_init(void);

#endif /* _LINUX_SHMEM_FS_H */
