; entry_64.asm - the way into the kernel from interrupts and exceptions.
;
; Mirrors arch/x86/entry/entry_64.S and idtentry.h. Every one of the 256 IDT
; vectors has a tiny stub that pushes a zero error code when the CPU pushes
; none, pushes its vector number and jumps to common_interrupt, which saves
; the general registers into a struct pt_regs (asm/ptrace.h), swaps GS when
; coming from user mode, and calls handle_interrupt(regs) in C. The return
; path restores the registers and IRETs.

%include "arch/x86_64/include/asm/entry.inc"

section .text
bits 64

extern handle_interrupt

; Vectors for which the CPU pushes an error code.
%define HAS_ERROR_CODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

align 16
global irq_entries_start
irq_entries_start:
%assign vec 0
%rep 256
align 16
isr_stub_ %+ vec:
%if HAS_ERROR_CODE(vec) == 0
	push qword 0
%endif
	push qword vec
	jmp common_interrupt
%assign vec vec + 1
%endrep

global irq_entries_table
section .rodata
align 8
irq_entries_table:
%assign vec 0
%rep 256
	dq isr_stub_ %+ vec
%assign vec vec + 1
%endrep

section .text
; common_interrupt - save pt_regs, call handle_interrupt(regs), return.
global common_interrupt
common_interrupt:
	; [rsp] = vector, [rsp+8] = error code, [rsp+16] = rip, [rsp+24] = cs
	test byte [rsp + 24], 3
	jz .from_kernel
	swapgs
.from_kernel:
	PUSH_REGS
	cld
	mov rdi, rsp
	call handle_interrupt
global interrupt_return
interrupt_return:
	POP_REGS
	test byte [rsp + 24], 3
	jz .to_kernel
	swapgs
.to_kernel:
	add rsp, 16			; vector and error code
	iretq

section .note.GNU-stack noalloc noexec nowrite progbits
