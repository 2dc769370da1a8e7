/*
 * load.c - clg_verify(): build the verifier's set from a repository and
 * run the rules on it.
 *
 * Claims and sources are read and parsed by a pool of threads (libxml2
 * is initialised once before they start, and each parse has its own
 * context): every file, or with --since the files a change touches.
 * Snapshots are read from the repository when the rules ask for them.
 */
#include "util/common.h"

#include "claimlog/history.h"
#include "claimlog/index.h"
#include "claimlog/semantic.h"
#include "format/xml.h"
#include "verify_int.h"

/* Severities from git config claimlog.rule.<ID>. */
static int load_severities(clg_verify_set *set)
{
	clg_buf key = CLG_BUF_INIT, val = CLG_BUF_INIT;
	size_t count;
	const clg_rule *rules = clg_rules(&count);
	int error = 0, i, s;

	for (i = 0; i < R__COUNT && !error; i++) {
		set->severity[i] = rules[i].severity;
		clg_buf_clear(&key);
		if ((error = clg_buf_printf(&key, "claimlog.rule.%s", rules[i].id)) < 0)
			break;
		error = clg_repo_config_get(&val, set->repo, key.ptr);
		if (error == CLG_ENOTFOUND) {
			clg_error_clear();
			error = 0;
			continue;
		}
		if (error)
			break;
		if ((s = clg_name_lookup(clg_severity_names, val.ptr)) < 0)
			error = clg_error_set(CLG_EINVALID, "git config %s is '%s'; "
				"use error, warning, info or off", key.ptr, val.ptr);
		else
			set->severity[i] = (clg_severity)s;
	}
	clg_buf_release(&key);
	clg_buf_release(&val);
	return error;
}

/*
 * Whether every check of claim `c` that looks beyond it can be made as it
 * is read: its quotes are anchored (`anchored`), it declares no conflict,
 * and each origin is a citation of its source or a source, not a claim.
 * The other claims are not all read yet; sources are.
 */
static bool can_slim(clg_verify_set *set, const clg_claim *c, const bool *anchored)
{
	size_t k;

	if (c->nconflicts)
		return false;
	for (k = 0; k < c->nevidence; k++) {
		const clg_evidence *ev = &c->evidence[k];
		const clg_source *src = clg_verify_source(set, ev->source);

		if (!anchored[k] || !src)
			return false;
		if (ev->origin && !clg_source_cite(src, ev->origin) &&
		    !clg_map_get(&set->source_by_id, ev->origin))
			return false;
	}
	return true;
}

/*
 * Make the checks of claim `v` (`c`, as read) that a full run would make
 * over the set, and what clg_verify_quotes() counts of it, and keep it
 * slim: at a million claims, some 80 bytes each instead of 400.
 */
static int keep_slim(clg_verify_set *set, vclaim *v, const clg_claim *c)
{
	size_t k;
	int error;

	CHECK(clg_verify_slim_claim(&v->slim, c));
	clg_verify_claim_refs(set, v, c);
	clg_verify_claim_semantic(set, v, c);
	pthread_mutex_lock(&set->lock);
	for (k = 0; k < c->nevidence; k++) {
		vsource *s = clg_map_get(&set->source_by_id, c->evidence[k].source);

		s->used = true;
		set->out->quotes++;
	}
	pthread_mutex_unlock(&set->lock);
done:
	return error;
}

/*
 * Each load function reads the files from index `*(size_t *)payload` on.
 * A claim keeps only what the rules over the whole set need
 * (clg_verify_pack_claim()); in a full run its quotes are anchored first,
 * so that it need not keep them either, and when it names no other claim
 * it is checked at once and kept slim (keep_slim()).
 */
static void load_claim(clg_verify_set *set, size_t i, void *payload, clg_buf *data)
{
	size_t at = i + *(size_t *)payload;
	vclaim *c = &set->claims[at];
	clg_claim *full = NULL;
	bool *anchored = NULL;
	int error;

	if ((error = clg_repo_read(data, set->repo, c->path, CLG_FILE_MAX)) == 0)
		error = clg_claim_parse(&full, data->ptr, data->len, c->path);
	if (!error && set->stream && full->nevidence &&
	    !(anchored = clg_calloc(full->nevidence, sizeof(bool))))
		error = CLG_ENOMEM;
	if (!error && anchored) {
		c->claim = full;
		clg_verify_stream_quotes(set, at, anchored);
		c->claim = NULL;
	}
	if (!error && set->stream && set->whole && can_slim(set, full, anchored))
		error = keep_slim(set, c, full);
	else if (!error && (error = clg_verify_pack_claim(&c->claim, full, anchored)) == 0)
		c->packed = true;
	clg_free(anchored);
	clg_claim_free(full);
	/* Out of memory says nothing about the file: the run fails. */
	if (error == CLG_ENOMEM)
		clg_verify_fail(set, error);
	else if (error < 0)
		clg_verify_load_error(set, c->path, "claim file");
}

static void load_source(clg_verify_set *set, size_t i, void *payload, clg_buf *data)
{
	vsource *s = &set->sources[i + *(size_t *)payload];
	int error;

	if ((error = clg_repo_read(data, set->repo, s->path, CLG_FILE_MAX)) == 0)
		error = clg_source_parse(&s->source, data->ptr, data->len, s->path);
	if (error == CLG_ENOMEM)
		clg_verify_fail(set, error);
	else if (error < 0)
		clg_verify_load_error(set, s->path, "source file");
}


/*
 * `--since` with the index: read only the files that a change touches,
 * and those the rules need to judge them, instead of every claim.  The
 * index describes HEAD; the changed files, a list that holds every file
 * that differs between HEAD and the work tree (changed_since()), are read
 * from the work tree, and what the index says of them is ignored.  The rules then run as on the whole repository, and find
 * the same things: every claim that mark_scope() would put in scope, and
 * every claim or source a rule looks up for one of those, is read.
 */

typedef struct {
	clg_verify_set *set;
	bool source;
	clg_related *rel;	/* the index, with the changed files left out */
	clg_strlist *ids;	/* receives the id of each file added, or NULL */
} adder;

static int add_related(const char *path, void *payload)
{
	adder *a = payload;
	const char *base = strrchr(path, '/');
	char *copy;
	int error;

	if (!(copy = clg_strdup(path)))
		return CLG_ENOMEM;
	base = base ? base + 1 : path;
	if (a->ids && (error = clg_strlist_add(a->ids, base, strlen(base) - 4)) < 0) {
		clg_free(copy);
		return error;
	}
	return clg_verify_set_add_file(a->set, a->source, copy);
}

/* A changed file was read from the work tree already, or is gone: not added. */
static int related(adder *a, clg_index_rel rel, const clg_strlist *keys)
{
	return clg_related_paths(a->rel, rel, keys->items, keys->count, add_related, a);
}

static void load_from(clg_verify_set *set, const clg_verify_opts *opts, size_t claims,
		      size_t sources)
{
	clg_verify_pool_run(set, opts, "reading claims", set->nclaims - claims, load_claim,
			    &claims);
	clg_verify_pool_run(set, opts, "reading sources", set->nsources - sources,
			    load_source, &sources);
}

/* Add the value keys of claim `c` to `keys`. */
static int value_keys(clg_strlist *keys, const clg_verify_set *set, const clg_claim *c)
{
	clg_strlist list = CLG_STRLIST_INIT;
	size_t i;
	int error;

	CHECK(clg_value_keys(&list, c, set->entities));
	for (i = 0; i < list.count; i++)
		CHECK(clg_strlist_put(keys, list.items[i]));
done:
	clg_strlist_release(&list);
	return error;
}

/* Round 2: what the rules look up for the files read so far. */
static int add_context(clg_verify_set *set, const clg_verify_opts *opts, char **changed,
		       size_t nchanged, const clg_strlist *changed_sources)
{
	clg_strlist cids = CLG_STRLIST_INIT, sids = CLG_STRLIST_INIT, keys = CLG_STRLIST_INIT;
	adder a = { set, false, NULL, NULL };
	size_t i, k, nclaims = set->nclaims, nsources = set->nsources;
	int error = 0;

	CHECK(clg_related_open_with(&a.rel, set->repo, opts->index, changed, nchanged));

	for (i = 0; i < nclaims; i++) {
		const clg_claim *c = set->claims[i].claim;

		CHECK(clg_strlist_put(&cids, set->claims[i].file_id));
		if (!c)
			continue;
		/* Other files with its id, the claims it rests on or conflicts with. */
		CHECK(clg_strlist_put(&cids, c->id));
		for (k = 0; k < c->nevidence; k++) {
			CHECK(clg_strlist_put(&sids, c->evidence[k].source));
			CHECK(clg_strlist_put(&cids, c->evidence[k].origin));
			CHECK(clg_strlist_put(&sids, c->evidence[k].origin));
		}
		for (k = 0; k < c->nconflicts; k++) {
			CHECK(clg_strlist_put(&cids, c->conflicts[k].with));
			CHECK(clg_strlist_put(&cids, c->conflicts[k].preferred));
		}
		/* Claims whose values it may contradict. */
		CHECK(value_keys(&keys, set, c));
	}
	for (i = 0; i < nsources; i++) {
		CHECK(clg_strlist_put(&sids, set->sources[i].file_id));
		if (set->sources[i].source)
			CHECK(clg_strlist_put(&sids, set->sources[i].source->id));
	}
	CHECK(related(&a, CLG_REL_CLAIMS, &cids));
	CHECK(related(&a, CLG_REL_SAME_KEY, &keys));
	a.source = true;
	CHECK(related(&a, CLG_REL_SOURCES, &sids));
	/* Every source a changed one reaches through citations: for cycles. */
	CHECK(related(&a, CLG_REL_CITED, changed_sources));
	load_from(set, opts, nclaims, nsources);
done:
	clg_related_free(a.rel);
	clg_strlist_release(&cids);
	clg_strlist_release(&sids);
	clg_strlist_release(&keys);
	return error;
}

/*
 * Read what the `changed` paths touch.  `*all` is set when a change can
 * touch any claim (entities.xml), and nothing is read.
 */
static int read_touched(bool *all, clg_verify_set *set, const clg_verify_opts *opts,
			char **changed, size_t n)
{
	clg_strlist cids = CLG_STRLIST_INIT, sids = CLG_STRLIST_INIT, snaps = CLG_STRLIST_INIT;
	adder a = { set, true, NULL, &sids };
	size_t i;
	int error = 0;

	*all = clg_verify_in_list(changed, n, CLG_ENTITIES_PATH);
	if (*all)
		return 0;
	CHECK(clg_related_open_with(&a.rel, set->repo, opts->index, changed, n));
	for (i = 0; i < n; i++) {
		const char *p = changed[i], *base = strrchr(p, '/');
		bool source = !strncmp(p, "sources/", 8);
		char *copy;

		if (!base || (!source && strncmp(p, "claims/", 7)))
			continue;
		base++;
		if (!clg_is_record_name(base, strlen(base))) {
			if (source)
				CHECK(clg_strlist_put(&snaps, p));
			continue;
		}
		CHECK(clg_strlist_add(source ? &sids : &cids, base, strlen(base) - 4));
		if (!clg_repo_file_exists(set->repo, p))
			continue;
		if (!(copy = clg_strdup(p))) {
			error = CLG_ENOMEM;
			goto done;
		}
		CHECK(clg_verify_set_add_file(set, source, copy));
	}
	/* Sources whose snapshot changed; claims citing changed sources, or
	 * resting on or in conflict with changed claims. */
	CHECK(related(&a, CLG_REL_SNAPSHOT_OF, &snaps));
	a.source = false;
	a.ids = NULL;
	CHECK(related(&a, CLG_REL_CITING, &sids));
	CHECK(related(&a, CLG_REL_RESTING_ON, &cids));
	load_from(set, opts, 0, 0);
	CHECK(set->error);
	CHECK(add_context(set, opts, changed, n, &sids));
done:
	clg_related_free(a.rel);
	clg_strlist_release(&cids);
	clg_strlist_release(&sids);
	clg_strlist_release(&snaps);
	return error;
}


/* Links and special files: named, never opened (the listings skip them). */
static int report_irregular(clg_verify_set *set)
{
	clg_strlist paths = CLG_STRLIST_INIT;
	size_t i;
	int error;

	CHECK(clg_repo_irregular_files(&paths, set->repo));
	for (i = 0; i < paths.count; i++)
		clg_verify_report(set, R_NOT_REGULAR, paths.items[i], 0, NULL, "'%s' is a "
			"symbolic link or special file; claimlog never follows or "
			"reads one in a repository (replace it with a regular file, "
			"or remove it)", paths.items[i]);
done:
	clg_strlist_release(&paths);
	return error;
}

/* The ids of the sources that a newer version revises: their quotes wait (CL036). */
static int map_revised(clg_verify_set *set)
{
	size_t i;
	int error = 0;

	for (i = 0; i < set->nsources && !error; i++) {
		const clg_source *s = set->sources[i].source;

		if (s && s->revises)
			error = clg_map_put(&set->revised, s->revises, &set->revised, NULL);
	}
	return error;
}

/*
 * Read every source file, then every claim file, anchoring each claim's
 * quotes as it is read (a stream: see clg_verify_stream_quotes()).
 */
static int read_all(clg_verify_set *set, const clg_verify_opts *opts)
{
	clg_strlist paths = CLG_STRLIST_INIT;
	size_t i, none = 0;
	int error, source;

	/* Each path once: add_file() need not remember them. */
	set->listing = true;
	for (source = 0; source < 2; source++) {
		CHECK(source ? clg_repo_list_sources(&paths, set->repo) :
		      clg_repo_list_claims(&paths, set->repo));
		for (i = 0; i < paths.count; i++) {
			char *p = paths.items[i];

			paths.items[i] = NULL;
			CHECK(clg_verify_set_add_file(set, source, p));
		}
		clg_strlist_release(&paths);
	}
	set->listing = false;
	clg_verify_pool_run(set, opts, "reading sources", set->nsources, load_source, &none);
	CHECK(set->error ? 0 : clg_verify_source_ids(set));
	CHECK(map_revised(set));
	/* Every file is in scope: mark_scope() does the same later. */
	for (i = 0; i < set->nsources; i++)
		set->sources[i].in_scope = true;
	/*
	 * Texts are kept for what they save: a quote kept until the quotes
	 * pass costs some 64 bytes, so a text cache larger than that per
	 * claim costs more memory than it saves (many sources, few quotes
	 * each: gen_verify.py's repository).
	 */
	set->cache_budget = set->nclaims * 64;
	if (set->cache_budget < ((size_t)16 << 20))
		set->cache_budget = (size_t)16 << 20;
	if (set->cache_budget > ((size_t)256 << 20))
		set->cache_budget = (size_t)256 << 20;
	/* For tests (t0425): 0 keeps no text, so every quote waits, as before. */
	if (getenv("CLAIMLOG_VERIFY_TEXT_CACHE"))
		set->cache_budget = (size_t)strtoull(getenv("CLAIMLOG_VERIFY_TEXT_CACHE"), NULL, 10);
	set->stream = true;
	clg_verify_pool_run(set, opts, "reading claims", set->nclaims, load_claim, &none);
	set->stream = false;
done:
	set->listing = false;
	clg_strlist_release(&paths);
	return error;
}

/*
 * Merge the sorted lists `a` and `b` into `out`, sorted, a path in both
 * once.  `out` as for clg_repo_changed_paths().
 */
static int merge_paths(clg_strlist *out, const clg_strlist *a, const clg_strlist *b)
{
	size_t i = 0, k = 0;
	int c, error = 0;

	while (i < a->count || k < b->count) {
		c = i == a->count ? 1 : k == b->count ? -1 : strcmp(a->items[i], b->items[k]);
		CHECK(clg_strlist_put(out, c <= 0 ? a->items[i] : b->items[k]));
		if (c <= 0)
			i++;
		if (c >= 0)
			k++;
	}
done:
	if (error)
		clg_strlist_release(out);
	return error;
}

static int collect_path(const clg_file_change *c, void *payload)
{
	return clg_strlist_put(payload, c->path);
}

/*
 * The records, snapshots and entities file that differ between commits
 * `since` and `to`, sorted: a comparison of the two trees that skips
 * equal folders unread.  `out` as for clg_repo_changed_paths().
 */
static int committed_paths(clg_strlist *out, clg_repo *repo, const char *since,
			   const char *to)
{
	clg_history *h = NULL;
	clg_oid from, head, a, b;
	int error, ea, eb;

	CHECK(clg_history_open(&h, repo));
	CHECK(clg_history_resolve(&from, h, since));
	CHECK(clg_history_resolve(&head, h, to));
	CHECK(clg_history_diff(h, &from, &head, collect_path, out));
	ea = clg_history_path_blob(&a, h, &from, CLG_ENTITIES_PATH);
	eb = clg_history_path_blob(&b, h, &head, CLG_ENTITIES_PATH);
	if ((ea && ea != CLG_ENOTFOUND) || (eb && eb != CLG_ENOTFOUND)) {
		error = ea && ea != CLG_ENOTFOUND ? ea : eb;
		goto done;
	}
	clg_error_clear();
	if (ea != eb || (!ea && !clg_oid_equal(&a, &b)))
		CHECK(collect_path(&(clg_file_change){ CLG_ENTITIES_PATH, { { 0 } },
						       { { 0 } } }, out));
	clg_strlist_sort(out);
done:
	if (error)
		clg_strlist_release(out);
	clg_history_free(h);
	return error;
}

/*
 * The paths changed since `since`, in the work tree or the revision
 * being read.  With `commits`, in the work tree, also those changed
 * between `since` and HEAD, even if changed back since: then every file
 * that differs between HEAD and the work tree is in the list, as
 * read_touched() needs.  `changed` as for clg_repo_changed_paths().
 */
static int changed_since(clg_strlist *changed, clg_repo *repo, const char *since,
			 bool commits)
{
	clg_strlist worktree = CLG_STRLIST_INIT, committed = CLG_STRLIST_INIT;
	int error;

	if (clg_repo_rev(repo))
		return committed_paths(changed, repo, since, clg_repo_rev(repo));
	if (!commits)
		return clg_repo_changed_paths(changed, repo, since, NULL);
	CHECK(clg_repo_changed_paths(&worktree, repo, since, NULL));
	CHECK(committed_paths(&committed, repo, since, "HEAD"));
	CHECK(merge_paths(changed, &worktree, &committed));
done:
	clg_strlist_release(&worktree);
	clg_strlist_release(&committed);
	return error;
}

/* Whether the index describes what is verified: HEAD, or the revision read. */
static int index_describes(bool *yes, clg_index *idx, clg_repo *repo)
{
	clg_oid tip, rev;
	int error;

	*yes = !clg_repo_rev(repo);
	if (*yes)
		return 0;
	if ((error = clg_index_tip(&tip, idx)) == CLG_ENOTFOUND) {
		clg_error_clear();
		return 0;
	}
	CHECK(error);
	CHECK(clg_history_resolve(&rev, clg_index_history(idx), clg_repo_rev(repo)));
	*yes = clg_oid_equal(&tip, &rev);
done:
	return error;
}

/* Snapshots come from the repository, or the folders given for external ones. */
/*
 * The bytes of the snapshot, then its text: bytes that are the snapshot
 * but give no text (not text in their encoding, a PDF poppler cannot
 * read) are CLG_ELIMIT, as for the reading limits (CL031), not a changed
 * snapshot (CL007).
 */
static int read_from_repo(clg_buf *out, clg_verify_set *set, const vsource *s,
			  unsigned flags)
{
	const clg_source *src = s->source;
	clg_buf data = CLG_BUF_INIT;
	char *at = NULL;
	int error;

	clg_buf_clear(out);
	if ((error = clg_repo_snapshot_read(&data, &at, set->repo, src, s->path)) == 0 &&
	    (error = clg_repo_text_of(out, set->repo, src->sha256, src->media_type,
				      src->encoding, data.ptr, data.len, flags)) == CLG_EINVALID) {
		clg_error_prefix("snapshot '%s' gives no text: ", at);
		error = CLG_ELIMIT;
	}
	clg_free(at);
	clg_buf_release(&data);
	return error;
}

/* Phase 1: read the claim and source files, all or those a change touches. */
static int load_files(clg_verify_set *set, const clg_verify_opts *opts, char **changed,
		      size_t nchanged, bool scoped)
{
	bool all = true;
	int error = 0;

	if (scoped)
		CHECK(read_touched(&all, set, opts, changed, nchanged));
	if (all) {
		CHECK(read_all(set, opts));
	} else {
		/* In path order, as read_all() reads them, so that the findings
		 * read alike (vclaim and vsource begin with their path). */
		qsort(set->claims, set->nclaims, sizeof(vclaim), clg_verify_cmp_path);
		qsort(set->sources, set->nsources, sizeof(vsource), clg_verify_cmp_path);
	}
done:
	return error;
}

int clg_verify(clg_findings **out, clg_repo *repo, const clg_verify_opts *opts)
{
	clg_verify_set *set = NULL;
	clg_strlist changed = CLG_STRLIST_INIT;
	char *none[1] = { NULL }, **paths = NULL;
	bool scoped = false;
	int error;

	*out = NULL;
	CHECK(clg_verify_set_new(&set));
	set->repo = repo;
	set->read_snapshot = read_from_repo;
	set->one_thread = clg_repo_rev(repo) != NULL;
	/* Findings to sorted runs on disk: not with --since, whose
	 * findings drop_out_of_scope() filters in memory. */
	if (opts && opts->spill && !opts->since)
		CHECK(clg_findings_store_new(&set->out->store));
	/* With --since, what is checked is known only once all is read. */
	set->whole = !opts || !opts->since;
	CHECK(clg_xml_init());
	CHECK(load_severities(set));
	CHECK(report_irregular(set));
	error = clg_repo_load_entities(&set->entities, repo);
	if (error == CLG_EINVALID || error == CLG_ELIMIT) {
		clg_verify_load_error(set, CLG_ENTITIES_PATH, "the entities file");
		error = clg_entities_new(&set->entities);
	}
	CHECK(error);
	if (opts && opts->since && opts->index)
		CHECK(index_describes(&scoped, opts->index, repo));
	if (opts && opts->since) {
		CHECK(changed_since(&changed, repo, opts->since, scoped));
		/* Nothing changed still scopes the run: NULL would check everything. */
		paths = changed.count ? changed.items : none;
	}
	CHECK(load_files(set, opts, paths, changed.count, scoped));
	CHECK(clg_verify_set_run(out, set, paths, changed.count, opts));
done:
	clg_strlist_release(&changed);
	clg_verify_set_free(set);
	return error;
}
