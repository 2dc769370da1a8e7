/*
 * cmd_list.c - claimlog list: the claims, filtered, from the index.
 */
#include "cli.h"

#include <time.h>

static const char usage[] =
	"usage: claimlog list [--status STATUS] [--source ID] [--subject NAME]\n"
	"           [--property NAME] [--speaker NAME] [--attribution KIND]\n"
	"           [--stance STANCE] [--origin ORIGIN] [--tag TAG] [--has-conflict]\n"
	"           [--since DATE] [--until DATE] [--json]\n"
	"\n"
	"List the claims of the last commit, one a line: id, status, number of\n"
	"evidence entries, statement.  Every filter given must hold:\n"
	"\n"
	"  --status STATUS   open, supported, contested, refuted, retracted or\n"
	"                    superseded\n"
	"  --source ID       has evidence from source ID\n"
	"  --subject NAME    about NAME, or any other spelling of its entity\n"
	"  --property NAME   the property measured (case ignored)\n"
	"  --speaker NAME    has evidence quoting NAME, or any other spelling of\n"
	"                    its entity (case ignored)\n"
	"  --attribution KIND  has evidence attributed so: author, quoted, cited\n"
	"                    or hedged\n"
	"  --stance STANCE   has evidence that supports, disputes or mentions it\n"
	"  --origin ORIGIN   has evidence with this origin (a citation key, a\n"
	"                    source id or the text, as written)\n"
	"  --tag TAG         tagged TAG\n"
	"  --has-conflict    in a conflict with another claim (declared by either)\n"
	"  --since DATE      last changed on or after DATE (2021, 2021-03, 2021-03-15)\n"
	"  --until DATE      last changed on or before DATE\n"
	"\n"
	"--source, --speaker, --attribution, --stance and --origin must hold for\n"
	"one same evidence entry.\n";

/*
 * Seconds since the epoch at the start of `d` (UTC), or, with `end`, at
 * the start of the period after it: "2021-03" ends on 2021-04-01.
 */
static long long date_seconds(const clg_date *d, bool end)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = d->year - 1900;
	tm.tm_mon = d->precision >= CLG_PREC_MONTH ? d->month - 1 : 0;
	tm.tm_mday = d->precision >= CLG_PREC_DAY ? d->day : 1;
	if (end) {
		if (d->precision == CLG_PREC_DAY)
			tm.tm_mday++;
		else if (d->precision == CLG_PREC_MONTH)
			tm.tm_mon++;
		else
			tm.tm_year++;
	}
	return (long long)timegm(&tm);
}

/* The claim of a list item, read from its blob at the last commit. */
static int load_item(clg_claim **out, clg_index *idx, const clg_list_item *it)
{
	clg_buf data = CLG_BUF_INIT;
	int error;

	*out = NULL;
	error = clg_history_blob(&data, clg_index_history(idx), &it->blob, CLG_FILE_MAX);
	if (!error)
		error = clg_claim_parse(out, data.ptr, data.len, it->path);
	clg_buf_release(&data);
	return error;
}

/*
 * --subject or --speaker NAME and, when NAME is an entity's (its name or
 * an alias), all of its spellings; the entities are loaded once.
 */
static int spellings_of(const char ***out, size_t *n, clg_entities **ents,
			clg_repo *repo, const char *name)
{
	const clg_entity *e;
	size_t i;
	int error = 0;

	*out = NULL;
	*n = 0;
	if (!*ents)
		CHECK(clg_repo_load_entities(ents, repo));
	e = clg_entities_find(*ents, name);
	if (!(*out = clg_calloc(e ? e->naliases + 2 : 1, sizeof(char *)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	(*out)[(*n)++] = name;
	if (e) {
		(*out)[(*n)++] = e->name;
		for (i = 0; i < e->naliases; i++)
			(*out)[(*n)++] = e->aliases[i];
	}
done:
	return error;
}

/* The claims listed, one a line or as a JSON array; notes for files that do not parse. */
static int print_list(clg_index *idx, const clg_list *list, bool json)
{
	clg_buf out = CLG_BUF_INIT;
	size_t i, shown = 0;
	int error = 0;

	if (json)
		CHECK(clg_buf_putc(&out, '['));
	for (i = 0; i < list->count; i++) {
		const clg_list_item *it = &list->items[i];
		clg_claim *c = NULL;

		if (it->problem) {
			fprintf(stderr, "claimlog: note: %s\n", it->problem);
			continue;
		}
		if (json) {
			CHECK(load_item(&c, idx, it));
			error = clg_buf_puts(&out, shown ? ",\n " : "");
			if (!error)
				error = cli_claim_json(&out, c);
			clg_claim_free(c);
			CHECK(error);
		} else {
			CHECK(clg_buf_printf(&out, "%-36s %-10s %2zu  ", it->id,
				nonull(it->status), it->nevidence));
			CHECK(cli_shorten(&out, nonull(it->statement), 72));
			CHECK(clg_buf_putc(&out, '\n'));
		}
		shown++;
		cli_flush(&out, 65536);
	}
	CHECK(cli_print_list(&out, json));
done:
	clg_buf_release(&out);
	return error;
}

int cmd_list(int argc, char **argv)
{
	const char *args[1], *since = NULL, *until = NULL, *subject = NULL, *speaker = NULL;
	int json = 0, conflict = 0, nargs, rc, error = 0;
	clg_list_filter f;
	const cli_opt opts[] = {
		{ "--source", OPT_VALUE, &f.source }, { "--status", OPT_VALUE, &f.status },
		{ "--subject", OPT_VALUE, &subject }, { "--property", OPT_VALUE, &f.property },
		{ "--speaker", OPT_VALUE, &speaker }, { "--tag", OPT_VALUE, &f.tag },
		{ "--attribution", OPT_VALUE, &f.attribution },
		{ "--stance", OPT_VALUE, &f.stance }, { "--origin", OPT_VALUE, &f.origin },
		{ "--has-conflict", OPT_FLAG, &conflict },
		{ "--since", OPT_VALUE, &since }, { "--until", OPT_VALUE, &until },
		{ "--json", OPT_FLAG, &json }, { NULL, OPT_FLAG, NULL }
	};
	clg_repo *repo = NULL;
	clg_index *idx = NULL;
	clg_entities *ents = NULL;
	clg_list list = CLG_LIST_INIT;
	clg_date d;

	memset(&f, 0, sizeof(f));
	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 0, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	f.has_conflict = conflict;
	if (f.status && clg_name_lookup(clg_status_names, f.status) < 0)
		return cli_usage_error(usage, "unknown status '%s' (use open, "
			"supported, contested, refuted, retracted or superseded)", f.status);
	if (f.attribution && clg_name_lookup(clg_attribution_names, f.attribution) < 0)
		return cli_usage_error(usage, "unknown attribution '%s' (use author, "
			"quoted, cited or hedged)", f.attribution);
	if (f.stance && clg_name_lookup(clg_stance_names, f.stance) < 0)
		return cli_usage_error(usage, "unknown stance '%s' (use supports, "
			"disputes or mentions)", f.stance);
	if (since) {
		if (clg_date_parse(&d, since) < 0)
			return cli_usage_error(usage, "--since: %s", clg_error_last());
		f.since = date_seconds(&d, false);
	}
	if (until) {
		if (clg_date_parse(&d, until) < 0)
			return cli_usage_error(usage, "--until: %s", clg_error_last());
		f.until = date_seconds(&d, true);
	}
	CHECK(cli_open(&repo));
	if (f.source && (error = clg_repo_has_source(repo, f.source)) <= 0) {
		if (!error)
			error = clg_error_set(CLG_ENOTFOUND, "unknown source '%s' "
				"(see 'claimlog source list')", f.source);
		goto done;
	}
	if (subject)
		CHECK(spellings_of(&f.subjects, &f.nsubjects, &ents, repo, subject));
	if (speaker)
		CHECK(spellings_of(&f.speakers, &f.nspeakers, &ents, repo, speaker));
	CHECK(clg_index_open(&idx, repo, NULL));
	cli_history_progress(idx);
	CHECK(clg_index_list(&list, idx, &f));
	CHECK(print_list(idx, &list, json));
done:
	clg_free(f.subjects);
	clg_free(f.speakers);
	clg_entities_free(ents);
	clg_list_release(&list);
	clg_index_free(idx);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}
