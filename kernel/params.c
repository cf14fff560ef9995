// SPDX-License-Identifier: GPL-2.0
/*
 * params.c - the kernel command line. Mirrors init/main.c's parameter
 * handling (parse_early_param, unknown_bootoption) and kernel/params.c.
 *
 * The command line is split into words (double quotes group words).
 * A word "name=value" or "name" is given to the handler registered with
 * __setup()/early_param() for "name=" or "name". As in Linux, words nobody
 * claims are passed to init: "a=b" words into its environment, bare words
 * into its arguments, and every word after "--" into its arguments.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/printk.h>
#include <linux/multiboot2.h>

#define MAX_WORDS 64
#define MAX_INIT_ARGS 32
#define MAX_INIT_ENVS 32

extern const struct obs_kernel_param __setup_start[], __setup_end[];

static char cmdline_words[COMMAND_LINE_SIZE];
static char *words[MAX_WORDS];
static int nr_words;
static int nr_kernel_words;	/* words before "--" */
static bool split_done;

static const char *argv_init[MAX_INIT_ARGS + 2] = { "/init" };
static const char *envp_init[MAX_INIT_ENVS + 2] = { "HOME=/", "TERM=linux" };
static int argc_init = 1, envc_init = 2;

/* split_words - tokenize boot_command_line once. */
static void split_words(void)
{
	char *p = cmdline_words;

	if (split_done)
		return;
	split_done = true;
	strscpy(cmdline_words, boot_command_line, sizeof(cmdline_words));
	nr_kernel_words = -1;
	while (*p && nr_words < MAX_WORDS) {
		char *out;
		bool quoted = false;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		words[nr_words] = out = p;
		for (; *p && (quoted || *p != ' '); p++) {
			if (*p == '"')
				quoted = !quoted;
			else
				*out++ = *p;
		}
		if (*p)
			p++;
		*out = '\0';
		if (nr_kernel_words < 0 && !strcmp(words[nr_words], "--"))
			nr_kernel_words = nr_words;
		nr_words++;
	}
	if (nr_kernel_words < 0)
		nr_kernel_words = nr_words;
}

/* The handler for @word, or NULL; *@arg gets the text after "name=". */
static const struct obs_kernel_param *find_param(char *word, char **arg)
{
	for (const struct obs_kernel_param *p = __setup_start; p < __setup_end; p++) {
		size_t n = strlen(p->str);

		if (n && p->str[n - 1] == '=') {
			if (!strncmp(word, p->str, n)) {
				*arg = word + n;
				return p;
			}
		} else if (!strcmp(word, p->str)) {
			*arg = word + n;
			return p;
		}
	}
	return NULL;
}

/**
 * parse_early_param - run the early_param() handlers
 *
 * Called before memory management is up, for words like "quiet" that
 * change how boot itself proceeds.
 */
void parse_early_param(void)
{
	split_words();
	for (int i = 0; i < nr_kernel_words; i++) {
		char *arg;
		const struct obs_kernel_param *p = find_param(words[i], &arg);

		if (p && p->early)
			p->setup_func(arg);
	}
}

static void add_init_word(const char *word)
{
	if (strchr(word, '=')) {
		if (envc_init < MAX_INIT_ENVS)
			envp_init[envc_init++] = word;
	} else if (argc_init < MAX_INIT_ARGS) {
		argv_init[argc_init++] = word;
	}
}

/**
 * parse_args - run the __setup() handlers; collect init's arguments
 */
void parse_args(void)
{
	split_words();
	for (int i = 0; i < nr_kernel_words; i++) {
		char *arg;
		const struct obs_kernel_param *p = find_param(words[i], &arg);

		if (!p)
			add_init_word(words[i]);
		else if (!p->early)
			p->setup_func(arg);
	}
	for (int i = nr_kernel_words + 1; i < nr_words && argc_init < MAX_INIT_ARGS; i++)
		argv_init[argc_init++] = words[i];
}

/* init_argv - init's argv (argv[0] is set by whoever execs init). */
const char *const *init_argv(int *argc)
{
	*argc = argc_init;
	return argv_init;
}

const char *const *init_envp(void)
{
	return envp_init;
}

static int __init set_quiet(char *arg)
{
	console_loglevel = CONSOLE_LOGLEVEL_QUIET;
	return 1;
}
early_param("quiet", set_quiet);

static int __init set_loglevel(char *arg)
{
	unsigned long level;

	if (!kstrtoul(arg, 10, &level) && level <= 8)
		console_loglevel = level;
	return 1;
}
early_param("loglevel=", set_loglevel);
