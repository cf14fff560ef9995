; memcpy_64.asm - memcpy_orig, the copy loop of memcpy() on CPUs without
; fast short `rep movsb`. Mirrors arch/x86/lib/memcpy_64.S.
;
; memcpy() (kernel/lib/string.c) is `rep movsb` when the CPU has FSRM
; (X86_FEATURE_FSRM: fast short rep movsb), as Linux's alternative patches
; it; otherwise it calls memcpy_orig, which moves 32 bytes per iteration
; in four 8-byte loads and stores, then 8 bytes, then single bytes. Under
; QEMU TCG every iteration of a `rep` string instruction is one guest
; instruction, so this also copies in about an eighth of the steps.
; Linux's version also aligns and handles tails with overlapping moves;
; this keeps the plain loops.
;
; void *memcpy_orig(void *dest, const void *src, size_t n):
;   rdi = dest, rsi = src, rdx = n; returns dest in rax. Copies forward
;   (memmove() relies on that for dest below src). Clobbers rcx, rdx,
;   rsi, rdi, r8-r11.

section .text
bits 64

global memcpy_orig
memcpy_orig:
	mov rax, rdi
	mov rcx, rdx
	shr rcx, 5			; 32-byte blocks
	jz .words
.block:	mov r8, [rsi]
	mov r9, [rsi + 8]
	mov r10, [rsi + 16]
	mov r11, [rsi + 24]
	mov [rdi], r8
	mov [rdi + 8], r9
	mov [rdi + 16], r10
	mov [rdi + 24], r11
	lea rsi, [rsi + 32]
	lea rdi, [rdi + 32]
	dec rcx
	jnz .block
.words:	mov ecx, edx
	and ecx, 31
	shr ecx, 3			; 8-byte words left
	jz .bytes
.word:	mov r8, [rsi]
	mov [rdi], r8
	lea rsi, [rsi + 8]
	lea rdi, [rdi + 8]
	dec ecx
	jnz .word
.bytes:	and edx, 7
	jz .done
.byte:	mov r8b, [rsi]
	mov [rdi], r8b
	inc rsi
	inc rdi
	dec edx
	jnz .byte
.done:	ret
