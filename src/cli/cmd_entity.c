/*
 * cmd_entity.c - claimlog entity add|alias|list
 */
#include "cli.h"

static const char usage[] =
	"usage: claimlog entity add NAME [--alias ALIAS]...\n"
	"   or: claimlog entity alias NAME ALIAS\n"
	"   or: claimlog entity list [--json]\n"
	"\n"
	"Entities (entities.xml) give one canonical name to the spellings of a\n"
	"person, body, place or thing, so that claims naming any of them are\n"
	"compared as claims about one entity.\n";

static int entity_change(const char *name, const cli_list *aliases, bool add)
{
	clg_repo *repo = NULL;
	clg_entities *e = NULL;
	clg_txn *txn = NULL;
	clg_buf summary = CLG_BUF_INIT;
	size_t i;
	int error;

	CHECK(cli_open(&repo));
	CHECK(clg_txn_new(&txn, repo));
	CHECK(clg_repo_load_entities(&e, repo));
	if (add)
		CHECK(clg_entities_add(e, name));
	for (i = 0; i < aliases->count; i++)
		CHECK(clg_entities_alias(e, name, aliases->items[i]));
	CHECK(clg_txn_put_entities(txn, e));
	CHECK(clg_buf_printf(&summary, "entity %s %s", add ? "add" : "alias", name));
	for (i = 0; i < aliases->count; i++)
		CHECK(clg_buf_printf(&summary, "%s%s", i ? ", " : ": ", aliases->items[i]));
	CHECK(clg_txn_commit(txn, summary.ptr, cli_message, cli_author, NULL));
	printf("%s\n", summary.ptr);
done:
	clg_buf_release(&summary);
	clg_entities_free(e);
	clg_txn_free(txn);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}

static int entity_list(bool json)
{
	clg_repo *repo = NULL;
	clg_entities *e = NULL;
	clg_buf out = CLG_BUF_INIT;
	size_t i, k;
	int error;

	CHECK(cli_open(&repo));
	CHECK(clg_repo_load_entities(&e, repo));
	if (json)
		CHECK(clg_buf_putc(&out, '['));
	for (i = 0; i < e->count; i++) {
		if (json) {
			CHECK(clg_buf_puts(&out, i ? ", {" : "{"));
			CHECK(json_str(&out, "name", e->items[i].name, false));
			CHECK(json_strs(&out, "aliases", e->items[i].aliases,
				e->items[i].naliases, true));
			CHECK(clg_buf_putc(&out, '}'));
			continue;
		}
		CHECK(clg_buf_puts(&out, e->items[i].name));
		for (k = 0; k < e->items[i].naliases; k++)
			CHECK(clg_buf_printf(&out, "%s%s", k ? ", " : " = ",
				e->items[i].aliases[k]));
		CHECK(clg_buf_putc(&out, '\n'));
	}
	if (json)
		CHECK(clg_buf_puts(&out, "]\n"));
	fputs(out.ptr, stdout);
done:
	clg_buf_release(&out);
	clg_entities_free(e);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}

int cmd_entity(int argc, char **argv)
{
	const char *args[2];
	cli_list aliases = { NULL, 0 };
	int json = 0, nargs, rc;
	const cli_opt opts[] = {
		{ "--alias", OPT_LIST, &aliases }, { "--json", OPT_FLAG, &json },
		{ NULL, OPT_FLAG, NULL }
	};

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if ((rc = cli_parse(argc - 1, argv + 1, opts, args, &nargs, 2, usage)) != 0) {
		cli_list_free(&aliases);
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	}
	if (!strcmp(argv[1], "add") && nargs == 1) {
		rc = entity_change(args[0], &aliases, true);
	} else if (!strcmp(argv[1], "alias") && nargs == 2 && !aliases.count) {
		cli_list one = { &args[1], 1 };

		rc = entity_change(args[0], &one, false);
	} else if (!strcmp(argv[1], "list") && nargs == 0) {
		rc = entity_list(json);
	} else {
		rc = cli_usage_error(usage, "bad use of 'entity %s'", argv[1]);
	}
	cli_list_free(&aliases);
	return rc;
}
