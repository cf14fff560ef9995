; memset_64.asm - memset_orig, the store loop of memset() on CPUs without
; fast short `rep stosb`. Mirrors arch/x86/lib/memset_64.S.
;
; memset() (kernel/lib/string.c) is `rep stosb` when the CPU has FSRS
; (X86_FEATURE_FSRS: fast short rep stosb), as Linux's alternative patches
; it; otherwise it calls memset_orig, which repeats the byte across a
; register and stores 64 bytes per iteration in eight 8-byte stores, then
; 8 bytes, then single bytes. (Under QEMU TCG every iteration of a `rep`
; string instruction is one guest instruction.) Linux's version also
; aligns the destination first; this keeps the plain loops.
;
; void *memset_orig(void *s, int c, size_t n):
;   rdi = s, esi = c, rdx = n; returns s in rax. Clobbers rcx, rdx, rdi, r8, r9.

section .text
bits 64

global memset_orig
memset_orig:
	mov r9, rdi
	movzx eax, sil
	mov r8, 0x0101010101010101
	imul rax, r8			; the byte in all eight bytes of rax
	mov rcx, rdx
	shr rcx, 6			; 64-byte blocks
	jz .words
.block:	mov [rdi], rax
	mov [rdi + 8], rax
	mov [rdi + 16], rax
	mov [rdi + 24], rax
	mov [rdi + 32], rax
	mov [rdi + 40], rax
	mov [rdi + 48], rax
	mov [rdi + 56], rax
	lea rdi, [rdi + 64]
	dec rcx
	jnz .block
.words:	mov ecx, edx
	and ecx, 63
	shr ecx, 3			; 8-byte words left
	jz .bytes
.word:	mov [rdi], rax
	lea rdi, [rdi + 8]
	dec ecx
	jnz .word
.bytes:	and edx, 7
	jz .done
.byte:	mov [rdi], al
	inc rdi
	dec edx
	jnz .byte
.done:	mov rax, r9
	ret
