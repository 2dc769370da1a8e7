/*
 * util.c - option parsing, errors, colour and JSON for the subcommands.
 */
#include "cli.h"

#include <stdarg.h>
#include <unistd.h>

int cli_exit_code(int error)
{
	switch (error) {
	case CLG_OK:
		return EXIT_OK;
	case CLG_EINVALID:
	case CLG_ENOTFOUND:
	case CLG_EEXISTS:
	case CLG_ELIMIT:
		return EXIT_USAGE;
	case CLG_ECONFLICT:
		return EXIT_FINDINGS;
	default:
		return EXIT_INTERNAL;
	}
}

int cli_fail(int error)
{
	const char *msg = clg_error_last();

	if (error == CLG_ENOMEM && !*msg)
		msg = "out of memory";
	fprintf(stderr, "claimlog: %s\n", *msg ? msg : "unknown error");
	return cli_exit_code(error);
}

/*
 * Each subcommand's own usage.  A command with subcommands has one usage
 * text: a synopsis line (and its continuation lines) a subcommand, the
 * first after "usage: ", the others after "   or: ", then prose in which
 * a sentence that opens with a subcommand's name in quotes ("'add'
 * records ...") starts what is said of that subcommand, up to the next
 * such sentence; prose before the first is said of all.  `claimlog claim
 * add --help` prints the synopsis and prose of 'add' alone.
 */

/* What cli_parse() was last given: argv[0], and the first positional argument. */
static const char *parse_sub, *parse_arg;

/*
 * The subcommand of the synopsis line at `line` ("claimlog remote [list]":
 * "list"); none when the word is a placeholder ("claimlog diff A B").
 */
static size_t synopsis_sub(const char **sub, const char *line)
{
	const char *p = strstr(line, "claimlog "), *nl = strchr(line, '\n'), *end;

	*sub = NULL;
	if (!p || (nl && p > nl))
		return 0;
	p += 9;
	p += strcspn(p, " \n");	/* the command */
	if (*p++ != ' ')
		return 0;
	if (*p == '[')
		p++;
	for (end = p; (*end >= 'a' && *end <= 'z') || *end == '-'; end++)
		;
	if (end == p || !strchr(" \n]", *end))
		return 0;
	*sub = p;
	return (size_t)(end - p);
}

static bool word_is(const char *w, size_t n, const char *s)
{
	return w && s && n && strlen(s) == n && !strncmp(w, s, n);
}

/* Whether prose position `p` (in `text`) opens a sentence. */
static bool sentence_start(const char *text, const char *p)
{
	return p == text || (p - text >= 2 && (!strncmp(p - 2, "\n\n", 2) ||
		!strncmp(p - 2, ".\n", 2) || !strncmp(p - 2, ". ", 2))) ||
		(p - text >= 3 && !strncmp(p - 3, ".  ", 3));
}

/* The subcommand a quoted word at `p` names, from the synopsis `syn`, or NULL. */
static const char *names_sub(const char *syn, const char *end, const char *p, size_t *n)
{
	const char *line, *sub;
	size_t len = strcspn(p + 1, "' \n");

	if (*p != '\'')
		return NULL;
	for (line = syn; line && line < end; line = strchr(line, '\n'), line = line ? line + 1 : NULL)
		if ((*n = synopsis_sub(&sub, line)) == len && !strncmp(sub, p + 1, len))
			return sub;
	return NULL;
}

/* Append `s`'s words to `out`, wrapped at 72 columns, two spaces after a full stop. */
static void put_words(clg_buf *out, const char *s, size_t len, size_t *col)
{
	const char *p = s, *end = s + len, *w;

	while (p < end) {
		while (p < end && strchr(" \n", *p))
			p++;
		for (w = p; p < end && !strchr(" \n", *p); p++)
			;
		if (p == w)
			break;
		if (*col && *col + 2 + (size_t)(p - w) > 72) {
			clg_buf_putc(out, '\n');
			*col = 0;
		}
		if (*col) {
			bool stop = out->ptr[out->len - 1] == '.';

			clg_buf_puts(out, stop ? "  " : " ");
			*col += stop ? 2 : 1;
		}
		clg_buf_put(out, w, (size_t)(p - w));
		*col += (size_t)(p - w);
	}
}

typedef struct {
	const char *text, *syn, *synend;	/* the prose, the synopsis */
	const char *sub;			/* the subcommand asked for */
	const char *owner;			/* whose sentences these are; NULL: all's */
	size_t owner_len;
} usage_prose;

/*
 * Go through the paragraph [ps, pe) sentence by sentence: return 1 when
 * all of it is said of the subcommand, 0 when some is, -1 when none is.
 * With `out`, append what is, rewrapped; with `move`, carry the owner on
 * to the next paragraph.
 */
static int prose_paragraph(usage_prose *u, const char *ps, const char *pe, clg_buf *out,
			   bool move)
{
	const char *owner = u->owner, *seg = ps, *q, *named;
	size_t owner_len = u->owner_len, n, col = 0, kept = 0, dropped = 0;

	for (q = ps; q <= pe; q++) {
		named = q < pe && sentence_start(u->text, q) ?
			names_sub(u->syn, u->synend, q, &n) : NULL;
		if (q < pe && !named)
			continue;
		if (q > seg) {
			bool keep = !owner || word_is(owner, owner_len, u->sub);

			keep ? kept++ : dropped++;
			if (keep && out)
				put_words(out, seg, (size_t)(q - seg), &col);
		}
		if (named) {
			owner = named;
			owner_len = n;
		}
		seg = q;
	}
	if (move) {
		u->owner = owner;
		u->owner_len = owner_len;
	}
	return !kept ? -1 : !dropped ? 1 : 0;
}

/* Append the prose of `u` that is said of its subcommand. */
static void usage_prose_put(clg_buf *out, usage_prose *u)
{
	const char *ps = u->text, *pe;
	int all;

	while (*ps) {
		pe = strstr(ps, "\n\n");
		if (!pe)
			pe = ps + strlen(ps);
		if ((all = prose_paragraph(u, ps, pe, NULL, false)) >= 0)
			clg_buf_putc(out, '\n');
		if (all > 0)
			clg_buf_put(out, ps, (size_t)(pe - ps));
		prose_paragraph(u, ps, pe, all == 0 ? out : NULL, true);
		if (all >= 0 && out->ptr[out->len - 1] != '\n')
			clg_buf_putc(out, '\n');
		ps = *pe ? pe + 2 : pe;
	}
}

/*
 * The synopsis entries of `sub` in `usage` into `out`; false when there
 * is no more than one entry or none is of `sub`.
 */
static bool usage_synopsis_put(clg_buf *out, const char *usage, const char *synend,
			       const char *sub)
{
	const char *line, *nl, *w;
	size_t entries = 0, n;
	bool keep = false;

	for (line = usage; line < synend; line = nl + 1) {
		if (!(nl = strchr(line, '\n')))
			break;
		if (!strncmp(line, "usage: ", 7) || !strncmp(line, "   or: ", 7)) {
			entries++;
			n = synopsis_sub(&w, line);
			keep = word_is(w, n, sub);
			if (keep)
				clg_buf_puts(out, out->len ? "   or: " : "usage: ");
			if (keep)
				clg_buf_put(out, line + 7, (size_t)(nl - line - 6));
		} else if (keep) {
			clg_buf_put(out, line, (size_t)(nl - line + 1));
		}
	}
	return entries > 1 && out->len;
}

/* Print `usage`, or only the part of the subcommand cli_parse() was given. */
static void usage_print(FILE *f, const char *usage)
{
	const char *synend = strstr(usage, "\n\n");
	usage_prose u;
	clg_buf out = CLG_BUF_INIT;

	if (!synend)
		synend = usage + strlen(usage);
	/*
	 * What is printed is at most twice the usage (a line break may become
	 * two spaces): with that room, no append below can fail.
	 */
	if (clg_buf_grow(&out, 2 * strlen(usage) + 64) < 0) {
		clg_error_clear();
		fputs(usage, f);
		return;
	}
	u.sub = parse_sub;
	if (!usage_synopsis_put(&out, usage, synend, parse_sub)) {
		clg_buf_clear(&out);
		u.sub = parse_arg;
		if (!usage_synopsis_put(&out, usage, synend, parse_arg)) {
			fputs(usage, f);
			goto done;
		}
	}
	u.text = *synend ? synend + 2 : synend;
	u.syn = usage;
	u.synend = synend;
	u.owner = NULL;
	u.owner_len = 0;
	usage_prose_put(&out, &u);
	fputs(out.ptr, f);
done:
	clg_buf_release(&out);
}

int cli_usage_error(const char *usage, const char *fmt, ...)
{
	va_list ap;

	fputs("claimlog: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	usage_print(stderr, usage);
	return EXIT_USAGE;
}

void cli_list_free(cli_list *l)
{
	free(l->items);
	l->items = NULL;
	l->count = 0;
}

static int list_add(cli_list *l, const char *v)
{
	const char **n = realloc(l->items, (l->count + 1) * sizeof(*n));

	if (!n)
		return -1;
	l->items = n;
	l->items[l->count++] = v;
	return 0;
}

int cli_parse(int argc, char **argv, const cli_opt *opts, const char **args,
	      int *nargs, int maxargs, const char *usage)
{
	bool only_args = false;
	int i;

	*nargs = 0;
	parse_sub = argc ? argv[0] : NULL;
	parse_arg = NULL;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const cli_opt *o;

		if (!only_args && !strcmp(a, "--")) {
			only_args = true;
			continue;
		}
		if (!only_args && (!strcmp(a, "--help") || !strcmp(a, "-h"))) {
			usage_print(stdout, usage);
			return 1;
		}
		/* "-20" is a value, not an option. */
		if (only_args || a[0] != '-' || !a[1] || (a[1] >= '0' && a[1] <= '9') ||
		    (a[1] == '.' && a[2] >= '0' && a[2] <= '9')) {
			if (*nargs >= maxargs) {
				cli_usage_error(usage, "unexpected argument '%s'", a);
				return -1;
			}
			args[(*nargs)++] = a;
			if (!parse_arg)
				parse_arg = a;
			continue;
		}
		for (o = opts; o && o->name; o++)
			if (!strcmp(o->name, a))
				break;
		/* The commit options may also follow the subcommand, unless the
		 * subcommand has an option of that name (source add --author). */
		if ((!o || !o->name) && i + 1 < argc) {
			const char **global = !strcmp(a, "-m") ? &cli_message :
				!strcmp(a, "--author") ? &cli_author :
				!strcmp(a, "--snapshots") ? &cli_snapshots : NULL;

			if (global) {
				*global = argv[++i];
				continue;
			}
		}
		if (!o || !o->name) {
			cli_usage_error(usage, "unknown option '%s'", a);
			return -1;
		}
		if (o->kind == OPT_FLAG) {
			*(int *)o->out = 1;
			continue;
		}
		if (i + 1 >= argc) {
			cli_usage_error(usage, "option '%s' needs a value", a);
			return -1;
		}
		if (o->kind == OPT_VALUE) {
			*(const char **)o->out = argv[++i];
		} else if (list_add(o->out, argv[++i]) < 0) {
			fprintf(stderr, "claimlog: out of memory\n");
			return -1;
		}
	}
	return 0;
}

int cli_open(clg_repo **out)
{
	int error = clg_repo_open(out, cli_dir);

	if (!error && cli_snapshots)
		error = clg_repo_prepend_snapshot_dir(*out, cli_snapshots);
	if (!error && getenv("CLAIMLOG_LOCK_TIMEOUT"))
		clg_repo_set_lock_timeout(*out, atoi(getenv("CLAIMLOG_LOCK_TIMEOUT")));
	return error;
}

static void history_progress(void *payload, const char *phase, size_t done,
			     size_t total)
{
	(void)payload;
	fprintf(stderr, "\rclaimlog: %s %zu/%zu%s", phase, done, total,
		done == total ? "\033[K\r" : "");
}

void cli_history_progress(clg_index *idx)
{
	if (isatty(2) && !getenv("CI"))
		clg_index_history_progress(idx, history_progress, NULL);
}

bool cli_color(int fd)
{
	const char *term = getenv("TERM");

	if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
		return false;
	return isatty(fd) && term && strcmp(term, "dumb");
}

/*
 * The command line writes its JSON in pieces; these go on after what is
 * in `b` through the one writer (util/json.h), which escapes no '<', '>'
 * or '&' here: the output is not pasted into HTML.
 */
int json_str(clg_buf *b, const char *key, const char *value, bool comma)
{
	clg_jw w;

	clg_jw_continue(&w, b, 0, comma);
	clg_jw_str(&w, key, value);
	return clg_jw_error(&w);
}

int json_strs(clg_buf *b, const char *key, char *const *values, size_t n, bool comma)
{
	clg_jw w;

	clg_jw_continue(&w, b, 0, comma);
	clg_jw_strs(&w, key, values, n);
	return clg_jw_error(&w);
}

int cli_claim_json(clg_buf *b, const clg_claim *c)
{
	clg_jw w;

	clg_jw_init(&w, b, 0);
	return clg_claim_json(&w, NULL, c);
}

/* After a member: ", \"resolution\": " and conflict `f`'s resolution, or null (also for NULL). */
int cli_resolution_json(clg_buf *b, const clg_conflict *f)
{
	clg_jw w;

	clg_jw_continue(&w, b, 0, true);
	clg_resolution_json(&w, f);
	return clg_jw_error(&w);
}

int cli_pages_json(clg_buf *b, const clg_pages *pages, size_t n)
{
	clg_jw w;

	clg_jw_continue(&w, b, 0, true);
	clg_evidence_pages_json(&w, pages, n);
	return clg_jw_error(&w);
}

int cli_source_json(clg_buf *b, const clg_source *s)
{
	clg_jw w;

	clg_jw_init(&w, b, 0);
	return clg_source_json(&w, NULL, s);
}

/* A key-like origin of cited evidence names a citation, a source or a claim. */
static int origin_check(clg_repo *repo, const clg_evidence *ev, const clg_source *src)
{
	if (!clg_evidence_origin_is_key(ev) || clg_source_cite(src, ev->origin))
		return 0;
	/* A repository that cannot tell gives the benefit of the doubt:
	 * 'verify' checks origins again. */
	if (clg_repo_has_source(repo, ev->origin) != 0 ||
	    clg_repo_has_claim(repo, ev->origin) != 0) {
		clg_error_clear();
		return 0;
	}
	return clg_evidence_origin_unknown(ev);
}

int cli_evidence_build(clg_evidence *out, clg_repo *repo, const cli_evidence_opts *o)
{
	const clg_evidence_fields f = { o->source, o->quote, o->prefix, o->suffix, o->locator,
					o->speaker, o->attribution, o->stance, o->origin };
	clg_evidence_text text = { NULL, NULL, NULL, false };
	clg_source *src = NULL;
	clg_match m;
	clg_pages pages;
	int error = 0;

	memset(out, 0, sizeof(*out));
	if (!o->source || !o->quote) {
		error = clg_error_set(CLG_EINVALID, "evidence needs --source "
			"SOURCE and --quote TEXT");
		goto done;
	}
	if (!*o->quote) {
		error = clg_error_set(CLG_EINVALID, "the quote is empty (give the "
			"exact words of the source with --quote)");
		goto done;
	}
	CHECK(clg_evidence_build(out, &f));
	CHECK(clg_repo_load_source(&src, repo, o->source));
	CHECK(origin_check(repo, out, src));
	CHECK(clg_evidence_text_load(&text, repo, src));
	if (!text.text) {
		fprintf(stderr, "claimlog: note: %s; the quote was not checked\n",
			text.unchecked);
		goto done;
	}
	CHECK(clg_evidence_anchor(&m, out, &text));
	if (m.kind == CLG_MATCH_NOTFOUND) {
		error = clg_evidence_not_found(out, &text);
		goto done;
	}
	if (m.kind == CLG_MATCH_AMBIGUOUS) {
		fprintf(stderr, "claimlog: note: the quote occurs %zu times in "
			"source '%s'; add --prefix or --suffix to anchor it\n",
			m.count, o->source);
		goto done;	/* which place, and so which page, is not known */
	}
	clg_evidence_pages(&pages, &m, &text);
	CHECK(clg_evidence_locator_check(out, &pages));
done:
	if (error)
		clg_evidence_release(out);
	clg_evidence_text_release(&text);
	clg_source_free(src);
	return error;
}

int cli_shorten(clg_buf *out, const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return clg_buf_puts(out, s);
	/* Cut before a UTF-8 continuation byte, never inside a character. */
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	if (clg_buf_put(out, s, max) < 0)
		return CLG_ENOMEM;
	return clg_buf_puts(out, "...");
}

const clg_source *cli_source_lookup(void *payload, const char *id)
{
	cli_source_cache *cache = payload;
	clg_source *s = clg_map_get(&cache->map, id);

	if (s || clg_id_check(id, "source") < 0 || clg_repo_has_source(cache->repo, id) <= 0 ||
	    clg_repo_load_source(&s, cache->repo, id) < 0) {
		clg_error_clear();
		return s;
	}
	if (clg_map_put(&cache->map, s->id, s, NULL) < 0) {
		clg_source_free(s);
		clg_error_clear();
		return NULL;
	}
	return s;
}

void cli_source_cache_release(cli_source_cache *cache)
{
	size_t i;

	for (i = 0; i < cache->map.size; i++)
		if (cache->map.keys[i])
			clg_source_free(cache->map.values[i]);
	clg_map_release(&cache->map);
}

int cli_origins_json(clg_buf *b, const clg_claim *c, cli_source_cache *sources)
{
	clg_strlist origins = CLG_STRLIST_INIT;
	int error;

	if ((error = clg_claim_origins(&origins, c, cli_source_lookup, sources)) < 0)
		return error;
	error = json_strs(b, "origins", origins.items, origins.count, true);
	clg_strlist_release(&origins);
	return error;
}

int cli_value_text(clg_buf *out, const clg_claim *c)
{
	clg_quantity q;
	/* Parsed only when the flag is set: the only case it changes. */
	bool says_about = c->approximate && c->value_kind == CLG_VALUE_QUANTITY &&
		clg_quantity_parse(&q, c->value, c->unit) == 0 && q.approximate;

	clg_error_clear();
	clg_buf_clear(out);
	/* "about" once: from the flag, unless the value's words say it already. */
	return clg_buf_printf(out, "%s%s%s%s", c->approximate && !says_about ? "about " : "",
		nonull(c->value), c->unit ? " " : "", nonull(c->unit));
}

void cli_flush(clg_buf *out, size_t at)
{
	/* Print as we go: a long listing should not wait for its end. */
	if (out->len > at) {
		fputs(out->ptr, stdout);
		clg_buf_clear(out);
	}
}

int cli_print_list(clg_buf *out, bool json)
{
	int error = json ? clg_buf_puts(out, "]\n") : 0;

	if (!error)
		fputs(out->ptr, stdout);
	return error;
}
