; clear_page_64.asm - zero one 4 KiB page. Mirrors arch/x86/lib/clear_page_64.S.
;
; Three bodies, picked by clear_page() (asm/page_64.h) from the CPU's
; features as Linux's alternatives pick them at boot:
;   clear_page_erms  rep stosb, 4096 bytes (X86_FEATURE_ERMS: fast byte strings)
;   clear_page_rep   rep stosq, 512 quadwords (X86_FEATURE_REP_GOOD)
;   clear_page_orig  a loop of eight 8-byte stores per 64 bytes (neither)
; void clear_page_*(void *page): rdi = the page; rax, rcx clobbered.

section .text
bits 64

global clear_page_rep
clear_page_rep:
	mov ecx, 4096 / 8
	xor eax, eax
	rep stosq
	ret

global clear_page_orig
clear_page_orig:
	xor eax, eax
	mov ecx, 4096 / 64
.loop:	mov [rdi], rax
	mov [rdi + 8], rax
	mov [rdi + 16], rax
	mov [rdi + 24], rax
	mov [rdi + 32], rax
	mov [rdi + 40], rax
	mov [rdi + 48], rax
	mov [rdi + 56], rax
	lea rdi, [rdi + 64]
	dec ecx
	jnz .loop
	ret

global clear_page_erms
clear_page_erms:
	mov ecx, 4096
	xor eax, eax
	rep stosb
	ret
