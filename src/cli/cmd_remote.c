/*
 * cmd_remote.c - claimlog remote [list] | add NAME URL | remove NAME |
 * set-url NAME URL
 */
#include "cli.h"

static const char usage[] =
	"usage: claimlog remote [list] [--json]\n"
	"   or: claimlog remote add NAME URL\n"
	"   or: claimlog remote remove NAME\n"
	"   or: claimlog remote set-url NAME URL\n"
	"\n"
	"Remotes are where 'claimlog push' and 'claimlog pull' share claims.\n"
	"'add' names a remote: a bare repository on a path, ssh://host/path,\n"
	"user@host:path or https://host/path (GitHub, GitLab).  'list' prints\n"
	"each remote's name and URL.  'remove' forgets a remote.  'set-url'\n"
	"changes the URL of a remote.\n";

/* The subcommands and how many arguments each takes, itself included. */
static const struct {
	const char *name;
	int nargs;
	const char *needs;
} verbs[] = {
	{ "list", 1, "remote list takes no argument" },
	{ "add", 3, "remote add needs NAME and URL" },
	{ "remove", 2, "remote remove needs NAME" },
	{ "set-url", 3, "remote set-url needs NAME and URL" },
};

static int remote_list(clg_repo *repo, bool json)
{
	clg_buf url = CLG_BUF_INIT, out = CLG_BUF_INIT;
	clg_strlist names = CLG_STRLIST_INIT;
	size_t i;
	int error;

	CHECK(clg_remote_list(&names, repo));
	if (json)
		CHECK(clg_buf_putc(&out, '['));
	for (i = 0; i < names.count; i++) {
		CHECK(clg_remote_url(&url, repo, names.items[i]));
		if (!json) {
			CHECK(clg_buf_printf(&out, "%s\t%s\n", names.items[i], url.ptr));
			continue;
		}
		CHECK(clg_buf_puts(&out, i ? ", {" : "{"));
		CHECK(json_str(&out, "name", names.items[i], false));
		CHECK(json_str(&out, "url", url.ptr, true));
		CHECK(clg_buf_putc(&out, '}'));
	}
	if (json)
		CHECK(clg_buf_puts(&out, "]\n"));
	fputs(out.ptr, stdout);
done:
	clg_strlist_release(&names);
	clg_buf_release(&url);
	clg_buf_release(&out);
	return error;
}

int cmd_remote(int argc, char **argv)
{
	const char *args[3], *verb = "list";
	int json = 0, nargs, rc, error;
	const cli_opt opts[] = { { "--json", OPT_FLAG, &json }, { NULL, OPT_FLAG, NULL } };
	clg_repo *repo = NULL;
	size_t i;

	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 3, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (nargs)
		verb = args[0];
	for (i = 0; i < ARRAY_SIZE(verbs) && strcmp(verbs[i].name, verb); i++)
		;
	if (i == ARRAY_SIZE(verbs))
		return cli_usage_error(usage, "unknown remote command '%s'", verb);
	if (nargs && nargs != verbs[i].nargs)
		return cli_usage_error(usage, "%s", verbs[i].needs);
	CHECK(cli_open(&repo));
	if (!strcmp(verb, "add")) {
		CHECK(clg_remote_add(repo, args[1], args[2]));
		printf("added remote %s\n", args[1]);
	} else if (!strcmp(verb, "remove")) {
		CHECK(clg_remote_remove(repo, args[1]));
		printf("removed remote %s\n", args[1]);
	} else if (!strcmp(verb, "set-url")) {
		CHECK(clg_remote_set_url(repo, args[1], args[2]));
		printf("remote %s is now %s\n", args[1], args[2]);
	} else {
		CHECK(remote_list(repo, json));
	}
done:
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}
