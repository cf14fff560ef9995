; usercopy.asm - the instructions that touch user memory for the kernel.
;
; Mirrors arch/x86/lib/copy_user_64.S, clear_user and strncpy_from_user.
; Each access that may fault has an entry in __ex_table: a fault on a bad
; user address (after the page-fault handler found no VMA to fix it)
; resumes at the fixup label, which returns how much was NOT done. The C
; wrappers in uaccess.c check the range and open the SMAP window.

section .text
bits 64

%macro EXTABLE 2
section __ex_table align=8
	dq %1, %2
section .text
%endmacro

; unsigned long copy_user_generic(void *to, const void *from, unsigned long n)
; Returns the number of bytes not copied.
global copy_user_generic
copy_user_generic:
	mov rcx, rdx
.copy:	rep movsb
	xor eax, eax
	ret
.fault:	mov rax, rcx
	ret
EXTABLE copy_user_generic.copy, copy_user_generic.fault

; unsigned long __clear_user(void *to, unsigned long n): bytes not cleared.
global __clear_user
__clear_user:
	mov rcx, rsi
	xor eax, eax
.clear:	rep stosb
	xor eax, eax
	ret
.fault:	mov rax, rcx
	ret
EXTABLE __clear_user.clear, __clear_user.fault

; long __strncpy_from_user(char *dst, const char *src, long count)
; Copies up to count bytes, stopping after a NUL: the string's length
; (count if no NUL was found), or -EFAULT (-14).
global __strncpy_from_user
__strncpy_from_user:
	xor eax, eax
.loop:	cmp rax, rdx
	jae .done
.load:	movzx ecx, byte [rsi + rax]
	mov [rdi + rax], cl
	test cl, cl
	jz .done
	inc rax
	jmp .loop
.done:	ret
.fault:	mov rax, -14
	ret
EXTABLE __strncpy_from_user.load, __strncpy_from_user.fault

section .note.GNU-stack noalloc noexec nowrite progbits
