; multiboot2.asm - the Multiboot2 header GRUB looks for.
;
; The header must be 8-byte aligned and lie within the first 32 KiB of the
; image (linker.ld puts .multiboot2 first). It asks GRUB for the command
; line, the boot loader name, the modules (our initramfs) and the memory
; map, and asks for page-aligned modules.
; Linux has no equivalent file: its boot protocol is arch/x86/boot/header.S.

MB2_MAGIC	equ 0xE85250D6
MB2_ARCH_I386	equ 0

section .multiboot2
align 8
mb2_header:
	dd MB2_MAGIC
	dd MB2_ARCH_I386
	dd mb2_header_end - mb2_header
	dd -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))

	; Information request (required): cmdline, loader name, modules, mmap.
align 8
.info_request:
	dw 1, 0
	dd .info_request_end - .info_request
	dd 1, 2, 3, 6
.info_request_end:

	; Module alignment: load modules on page boundaries.
align 8
	dw 6, 0
	dd 8

	; End tag.
align 8
	dw 0, 0
	dd 8
mb2_header_end:
