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


; entry_SYSCALL_64 - the SYSCALL instruction lands here (MSR_LSTAR).
;
; The CPU left the user RIP in rcx and RFLAGS in r11, and is still on the
; user stack with the user GS. Switch GS and stacks (per-CPU pcpu_hot keeps
; the current task's kernel stack top), build the same struct pt_regs an
; interrupt would (ss, sp, flags, cs, ip, then the number as orig_ax and
; SYSCALL_VECTOR as the vector), call do_syscall_64(regs) and leave
; through interrupt_return. Pagoda always returns with IRETQ; Linux uses
; SYSRET when the registers allow it, which is only faster.
%include "arch/x86_64/include/asm/percpu.inc"
extern do_syscall_64
global entry_SYSCALL_64
entry_SYSCALL_64:
	swapgs
	mov [gs:PCPU_USER_RSP], rsp
	mov rsp, [gs:PCPU_TOP_OF_STACK]
	push qword USER_DS		; ss
	push qword [gs:PCPU_USER_RSP]	; sp
	push r11			; flags
	push qword USER_CS		; cs
	push rcx			; ip
	push rax			; orig_ax: the system call number
	push qword SYSCALL_VECTOR	; vector
	PUSH_REGS
	cld
	mov rdi, rsp
	call do_syscall_64
	jmp interrupt_return

; __switch_to_asm(prev, next) - switch kernel stacks.
;
; Saves the callee-saved registers on prev's stack (the C caller saved the
; rest), stores the stack pointer in prev->thread.sp (offset 0 of
; task_struct), loads next's and pops next's registers, then tail-calls
; __switch_to(prev, next), which returns prev (in rax) to wherever next
; was switched away from -- or to ret_from_fork_asm for a new task.
extern __switch_to
global __switch_to_asm
__switch_to_asm:
	push rbp
	push rbx
	push r12
	push r13
	push r14
	push r15
	mov [rdi], rsp
	mov rsp, [rsi]
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbx
	pop rbp
	jmp __switch_to

; ret_from_fork_asm - where a new task first runs (copy_thread() put it
; in the task's inactive frame). rax = the previous task. A kernel thread
; has its function in rbx and argument in r12; when that function returns
; (kernel_init after a successful execve) or for a forked user process, go
; out to user mode through the pt_regs at the top of the stack.
extern schedule_tail
extern exit_to_user_mode
global ret_from_fork_asm
ret_from_fork_asm:
	mov rdi, rax
	call schedule_tail
	test rbx, rbx
	jz .to_user
	mov rdi, r12
	call rbx
.to_user:
	cli
	mov rdi, rsp
	call exit_to_user_mode
	jmp interrupt_return

section .note.GNU-stack noalloc noexec nowrite progbits
