; boot.asm - from GRUB's 32-bit protected mode to the kernel's 64-bit C entry.
;
; GRUB enters _start32 in 32-bit protected mode, paging off, with
; eax = 0x36d76289 and ebx = physical address of the multiboot2 information.
; We check for long mode (printing a message on COM1 and halting if the CPU
; lacks it), enable PAE, load the boot page tables, set EFER.LME (and NXE
; when the CPU has NX), turn on paging and write protection, load a 64-bit
; GDT and far-jump to 64-bit code, which jumps to startup_64 in the higher
; half. startup_64 clears .bss, sets the boot stack and calls
; x86_64_start_kernel(mbi_phys).
;
; Boot page tables (all static data, 2 MiB pages):
;   PML4[0]   -> boot_pdpt_low[0]  -> boot_pd: identity map of 0..1 GiB
;   PML4[273] -> boot_pdpt_low[0]  -> boot_pd: 0xffff888000000000 (the
;                direct map, so __va() works for the first GiB right away)
;   PML4[511] -> boot_pdpt_high[510] -> boot_pd: 0xffffffff80000000
; arch/x86_64/init_64.c replaces them with the final kernel page tables and removes the
; identity map. Mirrors arch/x86/boot/compressed/head_64.S + arch/x86/kernel/head_64.S.

MB2_BOOT_MAGIC	equ 0x36d76289
KERNEL_MAP	equ 0xffffffff80000000
COM1		equ 0x3f8

CR0_PE		equ 1 << 0
CR0_WP		equ 1 << 16
CR0_PG		equ 1 << 31
CR4_PAE		equ 1 << 5
MSR_EFER	equ 0xc0000080
EFER_LME	equ 1 << 8
EFER_NXE	equ 1 << 11

PTE_PRESENT	equ 1 << 0
PTE_WRITE	equ 1 << 1
PTE_PSE		equ 1 << 7

section .boot.text
bits 32
global _start32
_start32:
	cli
	cld
	mov esp, boot_stack_top
	mov esi, ebx			; esi = multiboot2 information (phys)

	cmp eax, MB2_BOOT_MAGIC
	jne .no_multiboot

	; CPUID is available if EFLAGS.ID can be toggled.
	pushfd
	pop eax
	mov ecx, eax
	xor eax, 1 << 21
	push eax
	popfd
	pushfd
	pop eax
	push ecx
	popfd
	cmp eax, ecx
	je .no_long_mode

	mov eax, 0x80000000
	cpuid
	cmp eax, 0x80000001
	jb .no_long_mode
	mov eax, 0x80000001
	cpuid
	test edx, 1 << 29		; LM
	jz .no_long_mode
	mov edi, edx			; keep the extended features (NX is bit 20)

	mov eax, cr4
	or eax, CR4_PAE
	mov cr4, eax

	mov eax, boot_pml4
	mov cr3, eax

	mov ecx, MSR_EFER
	rdmsr
	or eax, EFER_LME
	test edi, 1 << 20		; NX
	jz .no_nx
	or eax, EFER_NXE
.no_nx:
	wrmsr

	mov eax, cr0
	or eax, CR0_PG | CR0_PE | CR0_WP
	mov cr0, eax

	lgdt [boot_gdt_desc]
	jmp 0x10:long_mode_entry

.no_multiboot:
	mov ebx, msg_no_multiboot
	jmp .fail
.no_long_mode:
	mov ebx, msg_no_long_mode
.fail:
	call serial_puts32
.halt:
	hlt
	jmp .halt

; serial_puts32 - print the NUL-terminated string at ebx on COM1 (polled).
serial_puts32:
	mov dx, COM1 + 5		; line status register
.wait:
	in al, dx
	test al, 0x20			; transmitter holding register empty
	jz .wait
	mov al, [ebx]
	test al, al
	jz .done
	mov dx, COM1
	out dx, al
	inc ebx
	mov dx, COM1 + 5
	jmp .wait
.done:
	ret

bits 64
long_mode_entry:
	mov rax, startup_64
	jmp rax

section .boot.data
msg_no_multiboot:
	db "Pagoda: not booted by a Multiboot2 loader; halting.", 13, 10, 0
msg_no_long_mode:
	db "Pagoda: this CPU does not support x86-64 long mode; Pagoda needs a 64-bit CPU. Halting.", 13, 10, 0

align 8
boot_gdt:
	dq 0				; null
	dq 0				; 0x08: unused (Linux's __KERNEL32_CS)
	dq 0x00af9a000000ffff		; 0x10: __KERNEL_CS, 64-bit code
	dq 0x00cf92000000ffff		; 0x18: __KERNEL_DS
boot_gdt_end:
boot_gdt_desc:
	dw boot_gdt_end - boot_gdt - 1
	dq boot_gdt

align 4096
boot_pml4:
	dq boot_pdpt_low + PTE_PRESENT + PTE_WRITE
	times 272 dq 0
	dq boot_pdpt_low + PTE_PRESENT + PTE_WRITE	; entry 273: direct map
	times 511 - 274 dq 0
	dq boot_pdpt_high + PTE_PRESENT + PTE_WRITE	; entry 511: kernel
boot_pdpt_low:
	dq boot_pd + PTE_PRESENT + PTE_WRITE
	times 511 dq 0
boot_pdpt_high:
	times 510 dq 0
	dq boot_pd + PTE_PRESENT + PTE_WRITE
	dq 0
boot_pd:
%assign i 0
%rep 512
	dq (i << 21) + PTE_PRESENT + PTE_WRITE + PTE_PSE
%assign i i + 1
%endrep

align 16
boot_stack:
	times 1024 db 0
boot_stack_top:

; The 64-bit entry in the higher half.
section .head.text
bits 64
extern x86_64_start_kernel
extern __bss_start, __bss_stop
global startup_64
startup_64:
	xor eax, eax
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov fs, ax
	mov gs, ax

	; Clear .bss (GRUB zeroes it too, but do not rely on the loader).
	mov rdi, __bss_start
	mov rcx, __bss_stop
	sub rcx, rdi
	shr rcx, 3
	xor eax, eax
	rep stosq

	mov rsp, init_stack_top
	xor ebp, ebp			; terminates frame-pointer backtraces
	mov edi, esi			; x86_64_start_kernel(mbi_phys)
	call x86_64_start_kernel
.hang:
	cli
	hlt
	jmp .hang

section .bss.page_aligned nobits alloc noexec write
align 4096
global init_stack
init_stack:
	resb 16384
global init_stack_top
init_stack_top:
