/*
 * cmd_remote.c - claimlog remote [list] | remote add NAME URL
 */
#include "cli.h"

static const char usage[] =
	"usage: claimlog remote [list] [--json]\n"
	"   or: claimlog remote add NAME URL\n"
	"\n"
	"'add' names a remote: a bare repository on a path, ssh://host/path,\n"
	"user@host:path or https://host/path (GitHub, GitLab).  'list' prints\n"
	"each remote's name and URL.  Share claims with 'claimlog push' and\n"
	"'claimlog pull'.\n";

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
	const char *args[3];
	int json = 0, nargs, rc, error;
	const cli_opt opts[] = { { "--json", OPT_FLAG, &json }, { NULL, OPT_FLAG, NULL } };
	clg_repo *repo = NULL;

	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 3, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (nargs && strcmp(args[0], "add") && strcmp(args[0], "list"))
		return cli_usage_error(usage, "unknown remote command '%s'", args[0]);
	if (nargs && !strcmp(args[0], "add") && nargs != 3)
		return cli_usage_error(usage, "remote add needs NAME and URL");
	if (nargs && !strcmp(args[0], "list") && nargs != 1)
		return cli_usage_error(usage, "remote list takes no argument");
	CHECK(cli_open(&repo));
	if (nargs && !strcmp(args[0], "add")) {
		CHECK(clg_remote_add(repo, args[1], args[2]));
		printf("added remote %s\n", args[1]);
	} else {
		CHECK(remote_list(repo, json));
	}
done:
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}
