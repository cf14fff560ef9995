// SPDX-License-Identifier: GPL-2.0
/*
 * vsprintf.c - printf-style formatting into a buffer. Mirrors lib/vsprintf.c
 * (a subset: integers, characters, strings and pointers, see sprintf.h).
 *
 * The output is always NUL-terminated when size > 0; like C's snprintf,
 * vsnprintf returns the length the full output would have had.
 */
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/ctype.h>
#include <linux/kallsyms.h>

#define FLAG_LEFT	0x01	/* '-' */
#define FLAG_ZEROPAD	0x02	/* '0' */
#define FLAG_PLUS	0x04	/* '+' */
#define FLAG_SPACE	0x08	/* ' ' */
#define FLAG_SPECIAL	0x10	/* '#' */
#define FLAG_SIGNED	0x20
#define FLAG_UPPER	0x40

struct printf_spec {
	unsigned int flags;
	int width;
	int precision;		/* -1: none */
	unsigned int base;
};

/* struct out - the output cursor: writes past @end are counted, not stored. */
struct out {
	char *buf;
	char *end;
	size_t len;
};

static void put(struct out *o, char c)
{
	if (o->buf < o->end)
		*o->buf++ = c;
	o->len++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

static void emit_string(struct out *o, const char *s, const struct printf_spec *spec)
{
	int len;

	if (!s)
		s = "(null)";
	len = strnlen(s, spec->precision < 0 ? (size_t)-1 : (size_t)spec->precision);
	if (!(spec->flags & FLAG_LEFT))
		pad(o, ' ', spec->width - len);
	for (int i = 0; i < len; i++)
		put(o, s[i]);
	if (spec->flags & FLAG_LEFT)
		pad(o, ' ', spec->width - len);
}

static void emit_number(struct out *o, unsigned long long num, struct printf_spec spec)
{
	const char *digits = spec.flags & FLAG_UPPER ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24], sign = 0;
	const char *prefix = "";
	int len = 0, zeros, field;

	if (spec.flags & FLAG_SIGNED) {
		if ((long long)num < 0) {
			sign = '-';
			num = -(long long)num;
		} else if (spec.flags & FLAG_PLUS) {
			sign = '+';
		} else if (spec.flags & FLAG_SPACE) {
			sign = ' ';
		}
	}
	/* Like Linux (and unlike C), "%#x" of 0 prints "0x0". */
	if (spec.flags & FLAG_SPECIAL) {
		if (spec.base == 16)
			prefix = spec.flags & FLAG_UPPER ? "0X" : "0x";
		else if (spec.base == 8 && num)
			prefix = "0";
	}
	do {
		tmp[len++] = digits[num % spec.base];
		num /= spec.base;
	} while (num);
	if (spec.precision == 0 && len == 1 && tmp[0] == '0')
		len = 0;

	zeros = spec.precision > len ? spec.precision - len : 0;
	field = len + zeros + (sign != 0) + (int)strlen(prefix);
	if ((spec.flags & FLAG_ZEROPAD) && !(spec.flags & FLAG_LEFT) && spec.precision < 0) {
		zeros += spec.width > field ? spec.width - field : 0;
		field = spec.width;
	}
	if (!(spec.flags & FLAG_LEFT))
		pad(o, ' ', spec.width - field);
	if (sign)
		put(o, sign);
	while (*prefix)
		put(o, *prefix++);
	pad(o, '0', zeros);
	while (len)
		put(o, tmp[--len]);
	if (spec.flags & FLAG_LEFT)
		pad(o, ' ', spec.width - field);
}

/*
 * emit_pointer - %p, %px: the raw address in hex; %pS/%ps: its symbol; %pB:
 * the symbol of a return address (sprint_backtrace()).
 */
static const char *emit_pointer(struct out *o, const char *fmt, void *ptr,
				struct printf_spec spec)
{
	if (*fmt == 'S' || *fmt == 's') {
		char sym[KSYM_NAME_LEN + 32];

		sprint_symbol(sym, sizeof(sym), (unsigned long)ptr, *fmt == 'S');
		emit_string(o, sym, &spec);
		return fmt + 1;
	}
	if (*fmt == 'B') {
		char sym[KSYM_NAME_LEN + 32];

		sprint_backtrace(sym, sizeof(sym), (unsigned long)ptr);
		emit_string(o, sym, &spec);
		return fmt + 1;
	}
	if (*fmt == 'x')
		fmt++;
	spec.base = 16;
	if (!spec.width) {
		spec.flags |= FLAG_ZEROPAD;
		spec.width = 2 * sizeof(void *);
	}
	emit_number(o, (unsigned long)ptr, spec);
	return fmt;
}

static const char *parse_flags(const char *fmt, struct printf_spec *spec)
{
	for (;; fmt++) {
		switch (*fmt) {
		case '-': spec->flags |= FLAG_LEFT; break;
		case '0': spec->flags |= FLAG_ZEROPAD; break;
		case '+': spec->flags |= FLAG_PLUS; break;
		case ' ': spec->flags |= FLAG_SPACE; break;
		case '#': spec->flags |= FLAG_SPECIAL; break;
		default: return fmt;
		}
	}
}

/* parse_int - a decimal field (width/precision), or '*' taken from @args. */
static const char *parse_int(const char *fmt, int *val, va_list *args)
{
	if (*fmt == '*') {
		*val = va_arg(*args, int);
		return fmt + 1;
	}
	*val = 0;
	while (isdigit(*fmt))
		*val = *val * 10 + (*fmt++ - '0');
	return fmt;
}

/* fetch_int - read an integer argument of the given length modifier. */
static unsigned long long fetch_int(va_list *args, int qualifier, bool is_signed)
{
	switch (qualifier) {
	case 'L': return is_signed ? (unsigned long long)va_arg(*args, long long)
				   : va_arg(*args, unsigned long long);
	case 'l': return is_signed ? (unsigned long long)va_arg(*args, long)
				   : va_arg(*args, unsigned long);
	case 'H': return is_signed ? (unsigned long long)(signed char)va_arg(*args, int)
				   : (unsigned char)va_arg(*args, unsigned int);
	case 'h': return is_signed ? (unsigned long long)(short)va_arg(*args, int)
				   : (unsigned short)va_arg(*args, unsigned int);
	default:  return is_signed ? (unsigned long long)va_arg(*args, int)
				   : va_arg(*args, unsigned int);
	}
}

static const char *parse_qualifier(const char *fmt, int *qualifier)
{
	*qualifier = 0;
	if (*fmt == 'l' && fmt[1] == 'l') {
		*qualifier = 'L';
		return fmt + 2;
	}
	if (*fmt == 'h' && fmt[1] == 'h') {
		*qualifier = 'H';
		return fmt + 2;
	}
	if (*fmt == 'l' || *fmt == 'h') {
		*qualifier = *fmt;
		return fmt + 1;
	}
	if (*fmt == 'z' || *fmt == 't') {
		*qualifier = 'l';
		return fmt + 1;
	}
	return fmt;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, buf + (size ? size - 1 : 0), 0 };
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		struct printf_spec spec = { .precision = -1, .base = 10 };
		int qualifier;

		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt = parse_flags(fmt + 1, &spec);
		fmt = parse_int(fmt, &spec.width, &args);
		if (spec.width < 0) {
			spec.flags |= FLAG_LEFT;
			spec.width = -spec.width;
		}
		if (*fmt == '.')
			fmt = parse_int(fmt + 1, &spec.precision, &args);
		fmt = parse_qualifier(fmt, &qualifier);

		switch (*fmt++) {
		case 'c':
			pad(&o, ' ', (spec.flags & FLAG_LEFT) ? 0 : spec.width - 1);
			put(&o, (char)va_arg(args, int));
			pad(&o, ' ', (spec.flags & FLAG_LEFT) ? spec.width - 1 : 0);
			break;
		case 's':
			emit_string(&o, va_arg(args, const char *), &spec);
			break;
		case 'p':
			fmt = emit_pointer(&o, fmt, va_arg(args, void *), spec);
			break;
		case '%':
			put(&o, '%');
			break;
		case 'd':
		case 'i':
			spec.flags |= FLAG_SIGNED;
			emit_number(&o, fetch_int(&args, qualifier, true), spec);
			break;
		case 'u':
			emit_number(&o, fetch_int(&args, qualifier, false), spec);
			break;
		case 'X':
			spec.flags |= FLAG_UPPER;
			fallthrough;
		case 'x':
			spec.base = 16;
			emit_number(&o, fetch_int(&args, qualifier, false), spec);
			break;
		case 'o':
			spec.base = 8;
			emit_number(&o, fetch_int(&args, qualifier, false), spec);
			break;
		default:
			/* Unknown conversion: print it as is. */
			put(&o, '%');
			if (fmt[-1])
				put(&o, fmt[-1]);
			else
				fmt--;
			break;
		}
	}
	va_end(args);
	if (size)
		*o.buf = '\0';
	return o.len;
}

/* vscnprintf - like vsnprintf but returns the number of bytes stored. */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int n = vsnprintf(buf, size, fmt, args);

	if (!size)
		return 0;
	return n < (int)size ? n : (int)size - 1;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vscnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}
