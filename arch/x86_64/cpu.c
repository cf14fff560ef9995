// SPDX-License-Identifier: GPL-2.0
/*
 * cpu.c - identify the CPU with CPUID and turn on the protection features
 * Pagoda relies on. Mirrors arch/x86/kernel/cpu/common.c (identify_cpu,
 * setup_smep, setup_smap) and arch/x86/kernel/fpu/init.c.
 *
 * CR0.WP: the kernel honours read-only PTEs too (needed for copy-on-write
 *         of pages the kernel writes through user addresses).
 * EFER.NXE: set by boot.asm when the CPU has NX; page tables may then use
 *         the no-execute bit.
 * CR4.PGE: kernel mappings are global and survive CR3 reloads.
 * CR4.SMEP/SMAP: the kernel may not execute user pages, nor touch user
 *         memory outside stac/clac windows (the uaccess functions).
 * CR4.OSFXSR: user programs may use SSE; the kernel itself is built without
 *         it and saves user FPU state with fxsave on every context switch.
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/sprintf.h>
#include <asm/cpufeature.h>
#include <asm/processor.h>

struct cpuinfo_x86 boot_cpu_data;
bool smap_enabled;

const char *const x86_feature_names[NR_X86_FEATURES] = {
	[X86_FEATURE_FPU] = "fpu", [X86_FEATURE_TSC] = "tsc",
	[X86_FEATURE_PGE] = "pge", [X86_FEATURE_PAT] = "pat",
	[X86_FEATURE_FXSR] = "fxsr", [X86_FEATURE_XMM] = "sse",
	[X86_FEATURE_XMM2] = "sse2", [X86_FEATURE_APIC] = "apic",
	[X86_FEATURE_NX] = "nx", [X86_FEATURE_GBPAGES] = "pdpe1gb",
	[X86_FEATURE_LM] = "lm", [X86_FEATURE_SYSCALL] = "syscall",
	[X86_FEATURE_RDRAND] = "rdrand", [X86_FEATURE_CONSTANT_TSC] = "constant_tsc",
	[X86_FEATURE_FSGSBASE] = "fsgsbase", [X86_FEATURE_SMEP] = "smep",
	[X86_FEATURE_SMAP] = "smap", [X86_FEATURE_UMIP] = "umip",
	[X86_FEATURE_ERMS] = "erms", [X86_FEATURE_HYPERVISOR] = "hypervisor",
	[X86_FEATURE_FSRM] = "fsrm", [X86_FEATURE_FSRS] = "fsrs",
	[X86_FEATURE_REP_GOOD] = "rep_good",
};

/* Where each feature lives: CPUID leaf, register (0-3 = a,b,c,d), bit, subleaf. */
struct feature_bit {
	u32 leaf;
	u8 reg;
	u8 bit;
	u8 subleaf;
};

static const struct feature_bit feature_bits[NR_X86_FEATURES] = {
	[X86_FEATURE_FPU] = { 1, 3, 0 },
	[X86_FEATURE_TSC] = { 1, 3, 4 },
	[X86_FEATURE_PGE] = { 1, 3, 13 },
	[X86_FEATURE_PAT] = { 1, 3, 16 },
	[X86_FEATURE_FXSR] = { 1, 3, 24 },
	[X86_FEATURE_XMM] = { 1, 3, 25 },
	[X86_FEATURE_XMM2] = { 1, 3, 26 },
	[X86_FEATURE_APIC] = { 1, 3, 9 },
	[X86_FEATURE_RDRAND] = { 1, 2, 30 },
	[X86_FEATURE_HYPERVISOR] = { 1, 2, 31 },
	[X86_FEATURE_FSGSBASE] = { 7, 1, 0 },
	[X86_FEATURE_SMEP] = { 7, 1, 7 },
	[X86_FEATURE_ERMS] = { 7, 1, 9 },
	[X86_FEATURE_FSRM] = { 7, 3, 4 },
	[X86_FEATURE_FSRS] = { 7, 0, 11, 1 },
	[X86_FEATURE_SMAP] = { 7, 1, 20 },
	[X86_FEATURE_UMIP] = { 7, 2, 2 },
	[X86_FEATURE_SYSCALL] = { 0x80000001, 3, 11 },
	[X86_FEATURE_NX] = { 0x80000001, 3, 20 },
	[X86_FEATURE_GBPAGES] = { 0x80000001, 3, 26 },
	[X86_FEATURE_LM] = { 0x80000001, 3, 29 },
	[X86_FEATURE_CONSTANT_TSC] = { 0x80000007, 3, 8 },
};

static bool leaf_available(u32 leaf)
{
	if (leaf >= 0x80000000)
		return leaf <= boot_cpu_data.max_ext_leaf;
	return leaf <= boot_cpu_data.max_leaf;
}

static void detect_features(void)
{
	for (int f = 0; f < NR_X86_FEATURES; f++) {
		const struct feature_bit *fb = &feature_bits[f];
		u32 r[4];

		if (!fb->leaf || !leaf_available(fb->leaf))
			continue;
		cpuid_count(fb->leaf, fb->subleaf, &r[0], &r[1], &r[2], &r[3]);
		if (r[fb->reg] & (1U << fb->bit))
			boot_cpu_data.features |= 1ULL << f;
	}
}

/*
 * rep_good - do `rep movs`/`rep stos` run fast (X86_FEATURE_REP_GOOD, a
 * synthetic feature)? As init_intel() says for family 6, and init_amd() for
 * family 0x10 on and init_amd_k8() from its C stepping on (CPUID 1's eax
 * from 0xf58, or 0xf48-0xf4f).
 */
static bool rep_good(const struct cpuinfo_x86 *c, u32 cpuid1_eax)
{
	if (!strcmp(c->vendor_id, "GenuineIntel"))
		return c->family == 6;
	if (!strcmp(c->vendor_id, "AuthenticAMD"))
		return c->family >= 0x10 || cpuid1_eax >= 0xf58 ||
		       (cpuid1_eax >= 0xf48 && cpuid1_eax < 0xf50);
	return !strcmp(c->vendor_id, "HygonGenuine");
}

static void identify_cpu(void)
{
	struct cpuinfo_x86 *c = &boot_cpu_data;
	u32 eax, ebx, ecx, edx, cpuid1_eax, *v = (u32 *)c->vendor_id;

	cpuid(0, &c->max_leaf, &v[0], &v[2], &v[1]);
	cpuid(0x80000000, &c->max_ext_leaf, &ebx, &ecx, &edx);
	cpuid(1, &eax, &ebx, &ecx, &edx);
	cpuid1_eax = eax;
	c->family = (eax >> 8) & 0xf;
	c->model = (eax >> 4) & 0xf;
	c->stepping = eax & 0xf;
	if (c->family == 0xf)
		c->family += (eax >> 20) & 0xff;
	if (c->family >= 6)
		c->model += ((eax >> 16) & 0xf) << 4;
	if (c->max_ext_leaf >= 0x80000004) {
		u32 *m = (u32 *)c->model_id;

		for (u32 i = 0; i < 3; i++)
			cpuid(0x80000002 + i, &m[4 * i], &m[4 * i + 1], &m[4 * i + 2],
			      &m[4 * i + 3]);
	}
	if (c->max_ext_leaf >= 0x80000008) {
		cpuid(0x80000008, &eax, &ebx, &ecx, &edx);
		c->phys_bits = eax & 0xff;
		c->virt_bits = (eax >> 8) & 0xff;
	}
	detect_features();
	if (rep_good(c, cpuid1_eax))
		c->features |= 1ULL << X86_FEATURE_REP_GOOD;
}

/* early_cpu_init - CPUID only: later boot code asks boot_cpu_has(). */
void early_cpu_init(void)
{
	identify_cpu();
}

static void print_features(void)
{
	char buf[256];
	int n = 0;

	for (int f = 0; f < NR_X86_FEATURES; f++)
		if (boot_cpu_has(f))
			n += scnprintf(buf + n, sizeof(buf) - n, " %s", x86_feature_names[f]);
	pr_info("x86/cpu: features:%s\n", buf);
}

/**
 * cpu_init_features - program CR0 and CR4 from the detected features
 */
void cpu_init_features(void)
{
	unsigned long cr0 = read_cr0(), cr4 = read_cr4();

	pr_info("x86/cpu: %s %s (family 0x%x, model 0x%x, stepping 0x%x)\n",
		boot_cpu_data.vendor_id, boot_cpu_data.model_id,
		boot_cpu_data.family, boot_cpu_data.model, boot_cpu_data.stepping);
	print_features();

	cr0 |= X86_CR0_WP | X86_CR0_NE | X86_CR0_MP;
	cr0 &= ~(X86_CR0_EM | X86_CR0_TS);
	write_cr0(cr0);

	if (boot_cpu_has(X86_FEATURE_PGE))
		cr4 |= X86_CR4_PGE;
	if (boot_cpu_has(X86_FEATURE_FXSR))
		cr4 |= X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT;
	if (boot_cpu_has(X86_FEATURE_SMEP))
		cr4 |= X86_CR4_SMEP;
	if (boot_cpu_has(X86_FEATURE_SMAP))
		cr4 |= X86_CR4_SMAP;
	if (boot_cpu_has(X86_FEATURE_UMIP))
		cr4 |= X86_CR4_UMIP;
	write_cr4(cr4);
	smap_enabled = boot_cpu_has(X86_FEATURE_SMAP);
	__asm__ volatile("fninit");

	pr_info("x86/cpu: CR0.WP on, NX %s, SMEP %s, SMAP %s, UMIP %s\n",
		rdmsr(MSR_EFER) & EFER_NX ? "on" : "off",
		cr4 & X86_CR4_SMEP ? "on" : "off", cr4 & X86_CR4_SMAP ? "on" : "off",
		cr4 & X86_CR4_UMIP ? "on" : "off");
}
