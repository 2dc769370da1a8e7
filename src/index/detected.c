/*
 * detected.c - the conflicts that detection finds between the values of
 * the claims at the tip (clg_detect_conflicts(): one subject and property,
 * values that cannot both be true), kept in the table `detected`, so that
 * 'claimlog contested' reads them instead of comparing every claim.
 *
 * The claims compared are those of one value key (clg_value_key()): its
 * subject resolved through entities.xml, folded, and its folded property.
 * A build streams the claims in the order of claims_key (subject_key,
 * property_key, path) and compares the claims of each run; a claim whose
 * subject is a spelling of an entity has another key than its
 * subject_key, so its group is gathered afterwards from every spelling.
 * An update compares again the groups that its changed claims left or
 * joined: while it runs, temporary triggers on `claims` note the subject
 * and property of every row deleted or inserted.  A commit that changes
 * entities.xml changes the groups: then every group is compared again.
 */
#include "index_int.h"

#include "claimlog/entity.h"
#include "claimlog/semantic.h"
#include "util/map.h"
#include "util/text.h"

/* The claims that detection compares, and what it needs of them. */
#define ROW_COLUMNS "path, id, subject, property, value, value_type, unit, as_of," \
	" status, approximate, subject_key, property_key"
#define ROW_FILTER "value IS NOT NULL AND subject IS NOT NULL AND property IS NOT NULL" \
	" AND problem IS NULL AND subject_key IS NOT NULL AND property_key IS NOT NULL" \
	" AND status NOT IN ('retracted', 'refuted', 'superseded')"

typedef struct {
	char *path;
	clg_claim *claim;
} member;

typedef struct {
	member *items;
	size_t count, alloc;
} group;

/* A folded entity name and the entity, sorted by the fold. */
typedef struct {
	char *fold;
	const clg_entity *en;
} canon;

typedef struct {
	clg_index *idx;
	const clg_entities *entities;
	clg_map spelled;	/* the fold of every name and alias: (void *)1 */
	char **folds;		/* what `spelled` borrows */
	size_t nfolds;
	canon *canons;
	size_t ncanons;
	sqlite3_stmt *insert;	/* a pair into `detected` */
	clg_buf why;
} detect_ctx;

static void group_clear(group *g)
{
	size_t i;

	for (i = 0; i < g->count; i++) {
		clg_free(g->items[i].path);
		clg_claim_free(g->items[i].claim);
	}
	g->count = 0;
}

static void group_release(group *g)
{
	group_clear(g);
	clg_free(g->items);
	memset(g, 0, sizeof(*g));
}

int clg_idx_row_claim(clg_claim **out, sqlite3_stmt *st)
{
	const char *kind = (const char *)sqlite3_column_text(st, 5);
	const char *status = (const char *)sqlite3_column_text(st, 8);
	clg_claim *c = NULL;
	int error;

	*out = NULL;
	CHECK(clg_claim_new(&c, (const char *)sqlite3_column_text(st, 1)));
	CHECK(clg_idx_column_dup(&c->subject, st, 2));
	CHECK(clg_idx_column_dup(&c->property, st, 3));
	CHECK(clg_idx_column_dup(&c->value, st, 4));
	CHECK(clg_idx_column_dup(&c->unit, st, 6));
	CHECK(clg_idx_column_dup(&c->as_of, st, 7));
	c->approximate = sqlite3_column_int(st, 9) != 0;
	if (kind && clg_name_lookup(clg_value_kind_names, kind) >= 0)
		c->value_kind = (clg_value_kind)clg_name_lookup(clg_value_kind_names, kind);
	if (status && clg_name_lookup(clg_status_names, status) >= 0)
		c->status = (clg_status)clg_name_lookup(clg_status_names, status);
	*out = c;
	c = NULL;
done:
	clg_claim_free(c);
	return error;
}

static int group_add(group *g, sqlite3_stmt *st)
{
	member *m;
	int error;

	CHECK(clg_grow((void **)&g->items, &g->alloc, g->count + 1, sizeof(member)));
	m = &g->items[g->count];
	CHECK(clg_idx_column_dup(&m->path, st, 0));
	if ((error = clg_idx_row_claim(&m->claim, st)) < 0) {
		clg_free(m->path);
		goto done;
	}
	g->count++;
done:
	return error;
}

static int cmp_member(const void *a, const void *b)
{
	return strcmp(((const member *)a)->path, ((const member *)b)->path);
}

static int cmp_canon(const void *a, const void *b)
{
	return strcmp(((const canon *)a)->fold, ((const canon *)b)->fold);
}

static int add_fold(detect_ctx *x, const char *name, size_t *alloc)
{
	char *fold = NULL;
	int error;

	CHECK(clg_grow((void **)&x->folds, alloc, x->nfolds + 1, sizeof(char *)));
	CHECK(clg_text_fold(&fold, name));
	x->folds[x->nfolds++] = fold;
	error = clg_map_put(&x->spelled, fold, (void *)1, NULL);
done:
	return error;
}

/* Fold every spelling of every entity, once. */
static int ctx_init(detect_ctx *x, clg_index *idx, const clg_entities *e)
{
	size_t i, k, alloc = 0;
	int error = 0;

	memset(x, 0, sizeof(*x));
	x->idx = idx;
	x->entities = e;
	if (!e || !e->count)
		return 0;
	if (!(x->canons = clg_calloc(e->count, sizeof(canon))))
		return CLG_ENOMEM;
	for (i = 0; i < e->count; i++) {
		const clg_entity *en = &e->items[i];

		CHECK(add_fold(x, en->name, &alloc));
		x->canons[x->ncanons].fold = x->folds[x->nfolds - 1];
		x->canons[x->ncanons++].en = en;
		for (k = 0; k < en->naliases; k++)
			CHECK(add_fold(x, en->aliases[k], &alloc));
	}
	qsort(x->canons, x->ncanons, sizeof(canon), cmp_canon);
done:
	return error;
}

static void ctx_release(detect_ctx *x)
{
	size_t i;

	sqlite3_finalize(x->insert);
	clg_map_release(&x->spelled);
	for (i = 0; i < x->nfolds; i++)
		clg_free(x->folds[i]);
	clg_free(x->folds);
	clg_free(x->canons);
	clg_buf_release(&x->why);
	memset(x, 0, sizeof(*x));
}

/*
 * Compare the claims of one key, in path order, as clg_detect_conflicts()
 * does (the earlier file is `a`), and store each pair that cannot both be
 * true.
 */
static int compare_group(detect_ctx *x, const char *key, const group *g)
{
	size_t k, m;
	int error = 0;

	for (k = 0; k < g->count; k++) {
		for (m = k + 1; m < g->count; m++) {
			sqlite3_stmt *st = x->insert;

			if (clg_values_agree(&x->why, g->items[k].claim, g->items[m].claim,
					     x->entities) != 0)
				continue;
			sqlite3_reset(st);
			sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, g->items[k].path, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, g->items[m].path, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 4, x->why.ptr, -1, SQLITE_STATIC);
			CHECK(clg_idx_step_done(x->idx, st, "cannot store a conflict"));
		}
	}
done:
	return error;
}

/* The folded subjects whose claims may have value key ":X\nP" (X given). */
static int spellings(clg_strlist *out, const detect_ctx *x, const char *fold)
{
	canon want;
	size_t lo = 0, hi = x->ncanons, i;
	int error = 0;

	CHECK(clg_strlist_put(out, fold));
	want.fold = (char *)(uintptr_t)fold;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cmp_canon(&x->canons[mid], &want) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < x->ncanons && !strcmp(x->canons[lo].fold, fold); lo++) {
		const clg_entity *en = x->canons[lo].en;
		char *f = NULL;

		for (i = 0; i < en->naliases; i++) {
			CHECK(clg_text_fold(&f, en->aliases[i]));
			error = clg_strlist_put(out, f);
			clg_free(f);
			CHECK(error);
		}
	}
	clg_strlist_sort(out);
done:
	return error;
}

/*
 * The claims at the tip whose value key is `key` (":X\nP"), in path
 * order, into `g`: those of each spelling of X, each checked.
 */
static int gather(group *g, detect_ctx *x, const char *key)
{
	clg_strlist spelled = CLG_STRLIST_INIT;
	clg_buf own = CLG_BUF_INIT;
	sqlite3_stmt *st = NULL;
	const char *nl = strchr(key, '\n');
	char *fold = NULL;
	size_t i;
	int rc, error = 0;

	group_clear(g);
	if (key[0] != ':' || !nl)
		return 0;
	if (!(fold = clg_strndup(key + 1, (size_t)(nl - key - 1))))
		return CLG_ENOMEM;
	CHECK(spellings(&spelled, x, fold));
	if ((rc = sqlite3_prepare_v2(x->idx->db, "SELECT " ROW_COLUMNS " FROM claims"
			" WHERE subject_key = ?1 AND property_key = ?2 AND " ROW_FILTER,
			-1, &st, NULL)) != SQLITE_OK) {
		error = clg_idx_fail(x->idx, rc, "cannot prepare a query");
		goto done;
	}
	for (i = 0; i < spelled.count; i++) {
		if (i && !strcmp(spelled.items[i], spelled.items[i - 1]))
			continue;
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, spelled.items[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, nl + 1, -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			CHECK(group_add(g, st));
			clg_buf_clear(&own);
			CHECK(clg_value_key(&own, g->items[g->count - 1].claim, x->entities));
			if (strcmp(own.ptr, key)) {
				g->count--;
				clg_free(g->items[g->count].path);
				clg_claim_free(g->items[g->count].claim);
			}
		}
		if (rc != SQLITE_DONE) {
			error = clg_idx_fail(x->idx, rc, "cannot read it");
			goto done;
		}
	}
	if (g->count)
		qsort(g->items, g->count, sizeof(member), cmp_member);
done:
	sqlite3_finalize(st);
	clg_free(fold);
	clg_buf_release(&own);
	clg_strlist_release(&spelled);
	return error;
}

static int prepare_insert(detect_ctx *x)
{
	int rc = sqlite3_prepare_v2(x->idx->db, "INSERT OR IGNORE INTO detected(key, a, b, why)"
				    " VALUES (?1, ?2, ?3, ?4)", -1, &x->insert, NULL);

	return rc == SQLITE_OK ? 0 : clg_idx_fail(x->idx, rc, "cannot prepare a statement");
}

/* Compare the group of `key` again: its stored pairs go, its new ones come. */
static int redo_group(detect_ctx *x, group *g, const char *key)
{
	sqlite3_stmt *st = NULL;
	int rc, error;

	rc = sqlite3_prepare_v2(x->idx->db, "DELETE FROM detected WHERE key = ?1", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return clg_idx_fail(x->idx, rc, "cannot prepare a statement");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	error = clg_idx_step_done(x->idx, st, "cannot delete a conflict");
	sqlite3_finalize(st);
	if (!error)
		error = gather(g, x, key);
	if (!error && g->count > 1)
		error = compare_group(x, key, g);
	return error;
}

/*
 * The entities of `tip` (none when it has no entities.xml, or one that
 * does not parse: then 'contested' reports it, as it reads the file
 * itself), and the blob's id in `hex` ("" when none).
 */
static int tip_entities(clg_entities **out, char hex[CLG_OID_HEXSIZE], clg_index *idx,
			const clg_oid *tip)
{
	clg_buf data = CLG_BUF_INIT;
	clg_oid blob;
	int error;

	*out = NULL;
	hex[0] = '\0';
	error = clg_oid_is_zero(tip) ? CLG_ENOTFOUND :
		clg_history_path_blob(&blob, idx->h, tip, CLG_ENTITIES_PATH);
	if (error == CLG_ENOTFOUND) {
		clg_error_clear();
		return clg_entities_new(out);
	}
	CHECK(error);
	clg_oid_fmt(hex, &blob);
	CHECK(clg_history_blob(&data, idx->h, &blob, CLG_FILE_MAX));
	if (clg_entities_parse(out, data.ptr, data.len, CLG_ENTITIES_PATH) < 0) {
		clg_error_clear();
		error = clg_entities_new(out);
	}
done:
	clg_buf_release(&data);
	return error;
}

static bool same_run(sqlite3_stmt *st, const char *sk, const char *pk)
{
	return sk && streq((const char *)sqlite3_column_text(st, 10), sk) &&
		streq((const char *)sqlite3_column_text(st, 11), pk);
}

/*
 * Every claim in the order of claims_key: each run of one subject_key
 * and property_key is a group, but for the subjects that entities.xml
 * spells (`aside`: their keys, gathered afterwards).
 */
static int detect_runs(detect_ctx *x, clg_strlist *aside)
{
	group g = { NULL, 0, 0 };
	clg_buf key = CLG_BUF_INIT;
	sqlite3_stmt *st = NULL;
	char *sk = NULL, *pk = NULL;
	int rc, error = 0;

	if ((rc = sqlite3_prepare_v2(x->idx->db, "SELECT " ROW_COLUMNS " FROM claims"
			" WHERE " ROW_FILTER " ORDER BY subject_key, property_key, path",
			-1, &st, NULL)) != SQLITE_OK)
		return clg_idx_fail(x->idx, rc, "cannot prepare a query");
	for (;;) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW && x->spelled.size &&
		    clg_map_get(&x->spelled, (const char *)sqlite3_column_text(st, 10))) {
			CHECK(group_add(&g, st));
			clg_buf_clear(&key);
			CHECK(clg_value_key(&key, g.items[--g.count].claim, x->entities));
			clg_free(g.items[g.count].path);
			clg_claim_free(g.items[g.count].claim);
			CHECK(clg_strlist_put(aside, key.ptr));
			continue;
		}
		if (rc == SQLITE_ROW && (!g.count || same_run(st, sk, pk))) {
			CHECK(group_add(&g, st));
		} else {
			if (g.count > 1) {
				clg_buf_clear(&key);
				CHECK(clg_buf_printf(&key, ":%s\n%s", sk, pk));
				CHECK(compare_group(x, key.ptr, &g));
			}
			group_clear(&g);
			if (rc != SQLITE_ROW)
				break;
			CHECK(group_add(&g, st));
		}
		if (g.count == 1) {
			clg_free(sk);
			clg_free(pk);
			sk = pk = NULL;
			CHECK(clg_idx_column_dup(&sk, st, 10));
			CHECK(clg_idx_column_dup(&pk, st, 11));
		}
	}
	if (rc != SQLITE_DONE)
		error = clg_idx_fail(x->idx, rc, "cannot read it");
done:
	sqlite3_finalize(st);
	group_release(&g);
	clg_buf_release(&key);
	clg_free(sk);
	clg_free(pk);
	return error;
}

/* Compare the groups of `keys` again (sorted here; each once). */
static int redo_groups(detect_ctx *x, clg_strlist *keys)
{
	group g = { NULL, 0, 0 };
	size_t i;
	int error = 0;

	clg_strlist_sort(keys);
	for (i = 0; i < keys->count; i++) {
		if (i && !strcmp(keys->items[i], keys->items[i - 1]))
			continue;
		CHECK(redo_group(x, &g, keys->items[i]));
	}
done:
	group_release(&g);
	return error;
}

int clg_idx_detect_all(clg_index *idx, const clg_oid *tip)
{
	clg_entities *entities = NULL;
	clg_strlist aside = CLG_STRLIST_INIT;
	char hex[CLG_OID_HEXSIZE];
	detect_ctx x;
	int error;

	memset(&x, 0, sizeof(x));
	clg_idx_progress("detecting conflicts", 0, 1);
	CHECK(tip_entities(&entities, hex, idx, tip));
	CHECK(ctx_init(&x, idx, entities));
	CHECK(clg_idx_exec(idx, "DELETE FROM detected"));
	CHECK(prepare_insert(&x));
	CHECK(detect_runs(&x, &aside));
	CHECK(redo_groups(&x, &aside));
	CHECK(clg_idx_meta_set(idx, "detected_entities", hex));
	clg_idx_progress("detecting conflicts", 1, 1);
done:
	ctx_release(&x);
	clg_strlist_release(&aside);
	clg_entities_free(entities);
	return error;
}

/* Temporary: they live as long as the connection, and only while an update runs. */
int clg_idx_detect_begin(clg_index *idx)
{
	return clg_idx_exec(idx,
		"CREATE TEMP TABLE IF NOT EXISTS detect_dirty(subject TEXT, property TEXT);"
		"DELETE FROM temp.detect_dirty;"
		"CREATE TEMP TRIGGER IF NOT EXISTS detect_ins AFTER INSERT ON claims"
		" WHEN new.subject IS NOT NULL AND new.property IS NOT NULL BEGIN"
		" INSERT INTO detect_dirty VALUES (new.subject, new.property); END;"
		"CREATE TEMP TRIGGER IF NOT EXISTS detect_del AFTER DELETE ON claims"
		" WHEN old.subject IS NOT NULL AND old.property IS NOT NULL BEGIN"
		" INSERT INTO detect_dirty VALUES (old.subject, old.property); END;");
}

/* The value keys of the subjects and properties that the update touched. */
static int dirty_keys(clg_strlist *out, detect_ctx *x)
{
	sqlite3_stmt *st = NULL;
	clg_claim *c = NULL;
	clg_buf key = CLG_BUF_INIT;
	int rc, error = 0;

	if ((rc = sqlite3_prepare_v2(x->idx->db, "SELECT DISTINCT subject, property"
			" FROM temp.detect_dirty", -1, &st, NULL)) != SQLITE_OK)
		return clg_idx_fail(x->idx, rc, "cannot prepare a query");
	CHECK(clg_claim_new(&c, "dirty"));
	if (!(c->value = clg_strdup("0"))) {
		error = CLG_ENOMEM;
		goto done;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		clg_free(c->subject);
		clg_free(c->property);
		c->subject = c->property = NULL;
		CHECK(clg_idx_column_dup(&c->subject, st, 0));
		CHECK(clg_idx_column_dup(&c->property, st, 1));
		clg_buf_clear(&key);
		if (clg_value_key(&key, c, x->entities) < 0) {
			clg_error_clear();	/* not foldable: never compared */
			continue;
		}
		CHECK(clg_strlist_put(out, key.ptr));
	}
	if (rc != SQLITE_DONE)
		error = clg_idx_fail(x->idx, rc, "cannot read it");
done:
	sqlite3_finalize(st);
	clg_claim_free(c);
	clg_buf_release(&key);
	return error;
}

int clg_idx_detect_end(clg_index *idx, const clg_oid *tip)
{
	clg_entities *entities = NULL;
	clg_strlist keys = CLG_STRLIST_INIT;
	clg_buf was = CLG_BUF_INIT;
	char hex[CLG_OID_HEXSIZE];
	detect_ctx x;
	int error;

	memset(&x, 0, sizeof(x));
	CHECK(clg_idx_exec(idx, "DROP TRIGGER IF EXISTS temp.detect_ins;"
			   "DROP TRIGGER IF EXISTS temp.detect_del"));
	CHECK(tip_entities(&entities, hex, idx, tip));
	CHECK(clg_idx_meta_get(&was, idx, "detected_entities"));
	if (strcmp(nonull(was.ptr), hex)) {
		error = clg_idx_detect_all(idx, tip);
		goto done;
	}
	CHECK(ctx_init(&x, idx, entities));
	CHECK(prepare_insert(&x));
	CHECK(dirty_keys(&keys, &x));
	CHECK(redo_groups(&x, &keys));
done:
	if (idx->db)
		sqlite3_exec(idx->db, "DELETE FROM temp.detect_dirty", NULL, NULL, NULL);
	ctx_release(&x);
	clg_strlist_release(&keys);
	clg_buf_release(&was);
	clg_entities_free(entities);
	return error;
}

/* What 'contested' reads. */

int clg_index_detected(clg_index *idx, clg_detected_cb cb, void *payload)
{
	sqlite3_stmt *st = NULL;
	clg_detected d;
	int rc, error;

	CHECK(clg_index_need(idx, CLG_INDEX_STATE, NULL));
	if ((rc = sqlite3_prepare_v2(idx->db, "SELECT key, a, b, why FROM detected"
				     " ORDER BY key, a, b", -1, &st, NULL)) != SQLITE_OK)
		return clg_idx_fail(idx, rc, "cannot prepare a query");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		d.key = (const char *)sqlite3_column_text(st, 0);
		d.a = (const char *)sqlite3_column_text(st, 1);
		d.b = (const char *)sqlite3_column_text(st, 2);
		d.why = (const char *)sqlite3_column_text(st, 3);
		CHECK(cb(&d, payload));
	}
	if (rc != SQLITE_DONE)
		error = clg_idx_fail(idx, rc, "cannot read it");
done:
	sqlite3_finalize(st);
	return error;
}

/* Hand the members of `g` over, emptying it. */
static int give_group(clg_claim ***claims, clg_strlist *paths, size_t *count, group *g)
{
	size_t i;
	int error = 0;

	if (!(*claims = clg_calloc(g->count + 1, sizeof(clg_claim *))))
		return CLG_ENOMEM;
	for (i = 0; i < g->count; i++) {
		CHECK(clg_strlist_put(paths, g->items[i].path));
		(*claims)[i] = g->items[i].claim;
		g->items[i].claim = NULL;
	}
	*count = g->count;
done:
	return error;
}

int clg_index_value_group(clg_claim ***claims, clg_strlist *paths, size_t *count,
			  clg_index *idx, const char *key, const clg_entities *entities)
{
	group g = { NULL, 0, 0 };
	detect_ctx x;
	int error;

	*claims = NULL;
	*count = 0;
	memset(&x, 0, sizeof(x));
	CHECK(clg_index_need(idx, CLG_INDEX_STATE, NULL));
	CHECK(ctx_init(&x, idx, entities));
	CHECK(gather(&g, &x, key));
	CHECK(give_group(claims, paths, count, &g));
done:
	if (error) {
		clg_claims_free(*claims, *count);
		*claims = NULL;
		*count = 0;
		clg_strlist_release(paths);
	}
	group_release(&g);
	ctx_release(&x);
	return error;
}

int clg_index_claim_at(clg_claim **out, clg_index *idx, const char *path)
{
	sqlite3_stmt *st = NULL;
	int rc, error = 0;

	*out = NULL;
	if ((rc = sqlite3_prepare_v2(idx->db, "SELECT " ROW_COLUMNS " FROM claims"
			" WHERE path = ?1 AND problem IS NULL", -1, &st, NULL)) != SQLITE_OK)
		return clg_idx_fail(idx, rc, "cannot prepare a query");
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		error = clg_idx_row_claim(out, st);
	else if (rc != SQLITE_DONE)
		error = clg_idx_fail(idx, rc, "cannot read it");
	sqlite3_finalize(st);
	return error;
}

/* Every first column of `sql` into `out`, sorted. */
static int paths_of(clg_strlist *out, clg_index *idx, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int rc, error = 0;

	CHECK(clg_index_need(idx, CLG_INDEX_STATE, NULL));
	if ((rc = sqlite3_prepare_v2(idx->db, sql, -1, &st, NULL)) != SQLITE_OK)
		return clg_idx_fail(idx, rc, "cannot prepare a query");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		CHECK(clg_strlist_put(out, (const char *)sqlite3_column_text(st, 0)));
	if (rc != SQLITE_DONE)
		error = clg_idx_fail(idx, rc, "cannot read it");
	clg_strlist_sort(out);
done:
	sqlite3_finalize(st);
	return error;
}

int clg_index_contested_paths(clg_strlist *out, clg_index *idx)
{
	return paths_of(out, idx, "SELECT path FROM claims WHERE status = 'contested'"
			" UNION SELECT c.path FROM conflicts f JOIN claims c ON c.n = f.claim");
}

int clg_index_claims_unreadable(clg_strlist *paths, clg_strlist *why, clg_index *idx)
{
	sqlite3_stmt *st = NULL;
	int rc, error = 0;

	/* claims_problem holds the few rows with a problem, in path order. */
	CHECK(clg_index_need(idx, CLG_INDEX_STATE, NULL));
	if ((rc = sqlite3_prepare_v2(idx->db, "SELECT path, problem FROM claims"
			" WHERE problem IS NOT NULL ORDER BY path", -1, &st, NULL)) != SQLITE_OK)
		return clg_idx_fail(idx, rc, "cannot prepare a query");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		CHECK(clg_strlist_put(paths, (const char *)sqlite3_column_text(st, 0)));
		CHECK(clg_strlist_put(why, (const char *)sqlite3_column_text(st, 1)));
	}
	if (rc != SQLITE_DONE)
		error = clg_idx_fail(idx, rc, "cannot read it");
done:
	sqlite3_finalize(st);
	return error;
}
