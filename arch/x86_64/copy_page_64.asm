; copy_page_64.asm - copy one 4 KiB page. Mirrors arch/x86/lib/copy_page_64.S.
;
; Linux's copy_page is `rep movsq` of 512 quadwords, patched at boot into a
; jump to copy_page_regs on CPUs without X86_FEATURE_REP_GOOD. Pagoda has
; no alternatives: the two bodies are separate symbols and copy_page()
; (asm/page_64.h) picks one, as clear_page() does.
; void copy_page_*(void *to, void *from): rdi = to, rsi = from.

section .text
bits 64

global copy_page_rep
copy_page_rep:
	mov ecx, 4096 / 8
	rep movsq
	ret

; Eight registers carry 64 bytes per iteration (rbx and r12 are callee-saved).
global copy_page_regs
copy_page_regs:
	push rbx
	push r12
	mov ecx, 4096 / 64
.loop:	mov rax, [rsi]
	mov rbx, [rsi + 8]
	mov rdx, [rsi + 16]
	mov r8, [rsi + 24]
	mov r9, [rsi + 32]
	mov r10, [rsi + 40]
	mov r11, [rsi + 48]
	mov r12, [rsi + 56]
	mov [rdi], rax
	mov [rdi + 8], rbx
	mov [rdi + 16], rdx
	mov [rdi + 24], r8
	mov [rdi + 32], r9
	mov [rdi + 40], r10
	mov [rdi + 48], r11
	mov [rdi + 56], r12
	lea rsi, [rsi + 64]
	lea rdi, [rdi + 64]
	dec ecx
	jnz .loop
	pop r12
	pop rbx
	ret
