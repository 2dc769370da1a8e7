/*
 * test_check.c - each rule of the verifier (docs/rules.md) on a set of
 * claims and sources built in memory, without git: a model that breaks
 * the rule, and the same model without the fault.
 *
 * CL001 is reported while a file is loaded; here the parse error is
 * handed over as the loader does.  CL030 (a symbolic link or special
 * file in the work tree) needs a repository and stays end to end
 * (tests/cli/t0400-verify-rules.sh).
 */
#include "testutil.h"

#include "check/verify_int.h"

#define TEXT "The port authority said twelve ships docked on Monday, " \
	"Jane Doe told reporters."

static clg_verify_set *set;
static clg_findings *found;

static int setup(void **state)
{
	(void)state;
	found = NULL;
	return clg_verify_set_new(&set);
}

static int teardown(void **state)
{
	(void)state;
	clg_verify_set_free(set);
	clg_findings_free(found);
	set = NULL;
	found = NULL;
	return 0;
}

/* A claim on the harbour's ships, with no evidence yet. */
static clg_claim *new_claim(const char *id)
{
	clg_claim *c = NULL;

	assert_int_equal(clg_claim_new(&c, id), 0);
	assert_int_equal(clg_claim_set(c, "statement", "Twelve ships docked."), 0);
	assert_int_equal(clg_claim_set(c, "subject", "harbour"), 0);
	assert_int_equal(clg_claim_set(c, "property", "ships docked"), 0);
	return c;
}

/* Add evidence from `source` quoting `quote`; returns the entry. */
static clg_evidence *cite(clg_claim *c, const char *source, const char *quote)
{
	clg_evidence ev;

	memset(&ev, 0, sizeof(ev));
	ev.source = clg_strdup(source);
	ev.quote = clg_strdup(quote);
	ev.line = 7;
	assert_non_null(ev.source);
	assert_non_null(ev.quote);
	assert_int_equal(clg_claim_add_evidence(c, &ev), 0);
	return &c->evidence[c->nevidence - 1];
}

static void add_claim_at(const char *path, clg_claim *c)
{
	assert_int_equal(clg_verify_set_add_claim(set, path, c), 0);
}

/* Add `c` as claims/ID.xml; the set takes it. */
static void add_claim(clg_claim *c)
{
	clg_buf path = CLG_BUF_INIT;

	assert_int_equal(clg_buf_printf(&path, "claims/%s.xml", c->id), 0);
	add_claim_at(path.ptr, c);
	clg_buf_release(&path);
}

/* A plain-text source published on 2020-03-02, retrieved on 2020-03-03. */
static clg_source *new_source(const char *id)
{
	clg_source *s = NULL;

	assert_int_equal(clg_source_new(&s, id), 0);
	s->title = clg_strdup("Harbour news");
	s->media_type = clg_strdup("text/plain");
	s->published = clg_strdup("2020-03-02");
	s->retrieved = clg_strdup("2020-03-03");
	assert_non_null(s->title);
	assert_non_null(s->media_type);
	assert_non_null(s->published);
	assert_non_null(s->retrieved);
	return s;
}

static void add_source(clg_source *s, const char *text, const char *hidden)
{
	clg_buf path = CLG_BUF_INIT;

	assert_int_equal(clg_buf_printf(&path, "sources/%s.xml", s->id), 0);
	assert_int_equal(clg_verify_set_add_source(set, path.ptr, s, text, hidden), 0);
	clg_buf_release(&path);
}

static void replace(char **field, const char *value)
{
	clg_free(*field);
	*field = value ? clg_strdup(value) : NULL;
	assert_true(!value || *field);
}

/* Claim "a" citing source "s" (TEXT) for words it holds once, exactly. */
static clg_claim *base(void)
{
	clg_claim *a = new_claim("a");

	cite(a, "s", "twelve ships docked");
	add_source(new_source("s"), TEXT, NULL);
	return a;
}

/* The first finding of `rule`, running the rules the first time. */
static const clg_finding *finding(const char *rule)
{
	size_t i;

	if (!found)
		assert_int_equal(clg_verify_set_run(&found, set, NULL, 0, NULL), 0);
	for (i = 0; i < found->count; i++)
		if (!strcmp(found->items[i].rule->id, rule))
			return &found->items[i];
	return NULL;
}

/*
 * Build the model without the fault and check that `rule` is quiet, then
 * with it and check the finding: its rule, severity and object.
 */
static void check_rule(void (*build)(bool fault), const char *rule, clg_severity severity,
		       const char *object)
{
	const clg_finding *f;

	build(false);
	f = finding(rule);
	if (f)
		fail_msg("%s without the fault: %s", rule, f->message);
	teardown(NULL);
	assert_int_equal(setup(NULL), 0);
	build(true);
	f = finding(rule);
	if (!f)
		fail_msg("%s not reported", rule);
	assert_string_equal(f->rule->id, rule);
	assert_int_equal(f->severity, severity);
	if (object)
		assert_string_equal(f->object, object);
	else
		assert_null(f->object);
	assert_non_null(f->message);
	assert_true(found->by_severity[severity] > 0);
}

/* A reader for snapshots that differ from their record (CL007). */
static int read_changed(clg_buf *out, clg_verify_set *s, const vsource *v, unsigned flags)
{
	(void)out;
	(void)s;
	(void)flags;
	return clg_error_set(CLG_EINVALID, "snapshot of source '%s' has changed",
			     v->source->id);
}

/* A reader for snapshots over a reading limit (CL031). */
static int read_too_deep(clg_buf *out, clg_verify_set *s, const vsource *v, unsigned flags)
{
	(void)out;
	(void)s;
	(void)flags;
	return clg_error_set(CLG_ELIMIT, "snapshot of source '%s' nests HTML too deeply",
			     v->source->id);
}

static void build_id_mismatch(bool fault)
{
	clg_claim *a = base();

	add_claim_at(fault ? "claims/b.xml" : "claims/a.xml", a);
}

static void build_duplicate_id(bool fault)
{
	clg_claim *b = new_claim(fault ? "a" : "b");

	add_claim(base());
	cite(b, "s", "twelve ships docked");
	add_claim_at(fault ? "claims/x/a.xml" : "claims/b.xml", b);
}

static void build_unknown_source(bool fault)
{
	clg_claim *a = base();

	if (fault)
		cite(a, "eurasia-times", "twelve ships");
	add_claim(a);
}

static void build_snapshot_missing(bool fault)
{
	clg_source *s = new_source("s");
	clg_claim *a = new_claim("a");

	replace(&s->snapshot, "s.txt");
	cite(a, "s", "twelve ships docked");
	add_source(s, fault ? NULL : TEXT, NULL);
	add_claim(a);
}

static void build_snapshot_unavailable(bool fault)
{
	clg_claim *a = new_claim("a");

	cite(a, "s", "twelve ships docked");
	add_source(new_source("s"), fault ? NULL : TEXT, NULL);
	add_claim(a);
}

static void build_snapshot_changed(bool fault)
{
	add_claim(base());
	if (fault)
		set->read_snapshot = read_changed;
}

static void build_snapshot_unreadable(bool fault)
{
	add_claim(base());
	if (fault)
		set->read_snapshot = read_too_deep;
}

static void build_quote_not_found(bool fault)
{
	clg_claim *a = base();

	if (fault)
		cite(a, "s", "thirteen ships docked");
	add_claim(a);
}

static void build_quote_ambiguous(bool fault)
{
	clg_claim *a = new_claim("a");

	cite(a, "s", "twelve ships");
	add_source(new_source("s"), fault ? "twelve ships came, twelve ships left." :
		   "twelve ships came, ten left.", NULL);
	add_claim(a);
}

static void build_quote_normalized(bool fault)
{
	clg_claim *a = new_claim("a");

	cite(a, "s", "twelve ships docked");
	add_source(new_source("s"), fault ? "Say twelve  ships\ndocked." :
		   "Say twelve ships docked.", NULL);
	add_claim(a);
}

static void build_speaker_not_near(bool fault)
{
	clg_claim *a = base();
	clg_evidence *ev = &a->evidence[0];

	replace(&ev->speaker, fault ? "Max Mustermann" : "Jane Doe");
	ev->attribution = CLG_ATTR_QUOTED;
	add_claim(a);
}

static void build_citation_cycle(bool fault)
{
	clg_source *t = new_source("t");
	clg_source *u = new_source("u");

	assert_int_equal(clg_source_add_cite(t, "u", 1), 0);
	if (fault)
		assert_int_equal(clg_source_add_cite(u, "t", 1), 0);
	add_claim(base());
	add_source(t, TEXT, NULL);
	add_source(u, TEXT, NULL);
}

static void build_no_evidence(bool fault)
{
	clg_claim *a = new_claim("a");

	add_source(new_source("s"), TEXT, NULL);
	if (!fault)
		cite(a, "s", "twelve ships docked");
	add_claim(a);
}

static void build_relies_on_retracted(bool fault)
{
	clg_claim *a = base(), *b = new_claim("b");

	replace(&a->evidence[0].origin, "b");
	cite(b, "s", "twelve ships docked");
	b->status = fault ? CLG_STATUS_RETRACTED : CLG_STATUS_SUPPORTED;
	add_claim(a);
	add_claim(b);
}

static void build_unused_source(bool fault)
{
	clg_claim *a = base();

	if (!fault)
		cite(a, "t", "Jane Doe");
	add_source(new_source("t"), TEXT, NULL);
	add_claim(a);
}

static void build_unknown_origin(bool fault)
{
	clg_claim *a = base();

	replace(&a->evidence[0].origin, fault ? "reuters-wire" : "a Reuters report");
	add_claim(a);
}

/* Claim "a" declares a conflict with `with`; "b" exists. */
static clg_conflict *conflict(const char *with)
{
	clg_claim *a = base(), *b = new_claim("b");
	clg_conflict cf;

	memset(&cf, 0, sizeof(cf));
	cf.with = clg_strdup(with);
	cf.line = 9;
	assert_non_null(cf.with);
	assert_int_equal(clg_claim_add_conflict(a, &cf), 0);
	cite(b, "s", "twelve ships docked");
	add_claim(a);
	add_claim(b);
	return &a->conflicts[0];
}

static void build_unknown_conflict(bool fault)
{
	conflict(fault ? "zz" : "b");
}

static void build_value_conflict(bool fault)
{
	clg_claim *a = base(), *b = new_claim("b");

	assert_int_equal(clg_claim_set(a, "value", "12"), 0);
	assert_int_equal(clg_claim_set(b, "value", fault ? "15" : "12"), 0);
	cite(b, "s", "twelve ships docked");
	add_claim(a);
	add_claim(b);
}

static void build_declared_conflict(bool fault)
{
	clg_conflict *cf = conflict("b");

	if (!fault)
		replace(&cf->preferred, "b");
}

static void build_resolved_conflict(bool fault)
{
	clg_conflict *cf = conflict("b");

	if (fault)
		replace(&cf->preferred, "b");
}

/* Claim "a" with `value` derived as `kind` from `from`. */
static void derived(const char *kind, const char *from, const char *value)
{
	clg_claim *a = base();

	assert_int_equal(clg_claim_set(a, "value", value), 0);
	assert_int_equal(clg_claim_set(a, kind, from), 0);
	add_claim(a);
}

static void build_percent(bool fault)
{
	derived("percent-of", "1/4", fault ? "30" : "25");
}

static void build_sum(bool fault)
{
	derived("sum-of", "1+2+3", fault ? "7" : "6");
}

static void build_change(bool fault)
{
	derived("change", "10/15", fault ? "7" : "5");
}

static void build_year_span(bool fault)
{
	clg_claim *a = base();

	assert_int_equal(clg_claim_set(a, "value", fault ? "9" : "8"), 0);
	assert_int_equal(clg_claim_set(a, "years-since", "2012"), 0);
	assert_int_equal(clg_claim_set(a, "as-of", "2020"), 0);
	add_claim(a);
}

static void build_date_after_publication(bool fault)
{
	clg_claim *a = base();

	assert_int_equal(clg_claim_set(a, "value", fault ? "2020-05-01" : "2020-01-01"), 0);
	add_claim(a);
}

static void build_date_impossible(bool fault)
{
	clg_claim *a = new_claim("a");
	clg_source *s = new_source("s");

	if (fault) {
		replace(&s->published, "2999-01-01");
		replace(&s->retrieved, "2999-01-02");
	}
	cite(a, "s", "twelve ships docked");
	add_source(s, TEXT, NULL);
	add_claim(a);
}

static void build_date_ambiguous(bool fault)
{
	clg_claim *a = base();

	assert_int_equal(clg_claim_set(a, "value", fault ? "March 5" : "many"), 0);
	add_claim(a);
}

static void build_retrieved_before_published(bool fault)
{
	clg_claim *a = new_claim("a");
	clg_source *s = new_source("s");

	if (fault)
		replace(&s->retrieved, "2019-01-01");
	cite(a, "s", "twelve ships docked");
	add_source(s, TEXT, NULL);
	add_claim(a);
}

static void build_single_origin(bool fault)
{
	clg_claim *a = base();
	clg_source *t = new_source("t");

	a->status = CLG_STATUS_CONTESTED;
	replace(&t->publisher, "Port Gazette");
	if (!fault)
		cite(a, "t", "Jane Doe");
	add_source(t, TEXT, NULL);
	add_claim(a);
}

static void build_quote_hidden(bool fault)
{
	clg_claim *a = new_claim("a");
	clg_source *s = new_source("s");

	replace(&s->media_type, "text/html");
	cite(a, "s", "twelve ships docked");
	add_source(s, fault ? "The port authority said little." : TEXT, fault ? TEXT : NULL);
	add_claim(a);
}

static void build_duplicate_snapshot(bool fault)
{
	clg_source *s = new_source("s"), *t = new_source("t");
	clg_claim *a = new_claim("a");

	replace(&s->sha256, "5f7e0c5b0c53bb7b51a6a6e4d0c2a2b1a8e0b6f1c9d7e3a2b4c6d8e0f1a3b5c7");
	replace(&t->sha256, fault ? s->sha256 :
		"0000000000000000000000000000000000000000000000000000000000000001");
	cite(a, "s", "twelve ships docked");
	cite(a, "t", "twelve ships docked");
	add_source(s, TEXT, NULL);
	add_source(t, TEXT, NULL);
	add_claim(a);
}

/* A file that could not be read is known by its name, and reported once. */
static void test_check__schema(void **state)
{
	const clg_finding *f;

	(void)state;
	add_claim(base());
	add_claim_at("claims/ab/broken.xml", NULL);
	clg_error_set(CLG_EINVALID, "claims/ab/broken.xml:7: element 'quote' is empty");
	clg_verify_load_error(set, "claims/ab/broken.xml", "claim file");
	assert_non_null(f = finding("CL001"));
	assert_int_equal(f->severity, CLG_SEV_ERROR);
	assert_string_equal(f->file, "claims/ab/broken.xml");
	assert_int_equal(f->line, 7);
	assert_null(f->object);
	assert_string_equal(f->message, "claim file cannot be read: element 'quote' is "
			    "empty (fix the file; docs/format.md describes it)");
	assert_int_equal(found->count, 1);
}

/* A conflict with a claim whose file cannot be read is not "unknown". */
static void test_check__unreadable_claim_is_not_unknown(void **state)
{
	clg_conflict *cf = conflict("broken");

	(void)state;
	(void)cf;
	add_claim_at("claims/ab/broken.xml", NULL);
	assert_null(finding("CL017"));
}

#define RULE_TEST(name, rule, severity, object) \
	static void test_check__##name(void **state) \
	{ \
		(void)state; \
		check_rule(build_##name, rule, severity, object); \
	}

RULE_TEST(id_mismatch, "CL002", CLG_SEV_ERROR, "a")
RULE_TEST(duplicate_id, "CL003", CLG_SEV_ERROR, "a")
RULE_TEST(unknown_source, "CL004", CLG_SEV_ERROR, "a")
RULE_TEST(snapshot_missing, "CL005", CLG_SEV_ERROR, "s")
RULE_TEST(snapshot_unavailable, "CL006", CLG_SEV_WARNING, "s")
RULE_TEST(snapshot_changed, "CL007", CLG_SEV_ERROR, "s")
RULE_TEST(quote_not_found, "CL008", CLG_SEV_ERROR, "a")
RULE_TEST(quote_ambiguous, "CL009", CLG_SEV_WARNING, "a")
RULE_TEST(quote_normalized, "CL010", CLG_SEV_INFO, "a")
RULE_TEST(speaker_not_near, "CL011", CLG_SEV_WARNING, "a")
RULE_TEST(citation_cycle, "CL012", CLG_SEV_WARNING, "t")
RULE_TEST(no_evidence, "CL013", CLG_SEV_ERROR, "a")
RULE_TEST(relies_on_retracted, "CL014", CLG_SEV_WARNING, "a")
RULE_TEST(unused_source, "CL015", CLG_SEV_INFO, "t")
RULE_TEST(unknown_origin, "CL016", CLG_SEV_WARNING, "a")
RULE_TEST(unknown_conflict, "CL017", CLG_SEV_ERROR, "a")
RULE_TEST(value_conflict, "CL018", CLG_SEV_WARNING, "a")
RULE_TEST(declared_conflict, "CL019", CLG_SEV_WARNING, "a")
RULE_TEST(resolved_conflict, "CL020", CLG_SEV_INFO, "a")
RULE_TEST(percent, "CL021", CLG_SEV_WARNING, "a")
RULE_TEST(sum, "CL022", CLG_SEV_WARNING, "a")
RULE_TEST(change, "CL023", CLG_SEV_WARNING, "a")
RULE_TEST(year_span, "CL024", CLG_SEV_WARNING, "a")
RULE_TEST(date_after_publication, "CL025", CLG_SEV_WARNING, "a")
RULE_TEST(date_impossible, "CL026", CLG_SEV_ERROR, "s")
RULE_TEST(date_ambiguous, "CL027", CLG_SEV_WARNING, "a")
RULE_TEST(retrieved_before_published, "CL028", CLG_SEV_WARNING, "s")
RULE_TEST(single_origin, "CL029", CLG_SEV_WARNING, "a")
RULE_TEST(snapshot_unreadable, "CL031", CLG_SEV_ERROR, "s")
RULE_TEST(quote_hidden, "CL032", CLG_SEV_ERROR, "a")
RULE_TEST(duplicate_snapshot, "CL033", CLG_SEV_WARNING, "t")

static void test_check__clean_model_has_no_findings(void **state)
{
	(void)state;
	add_claim(base());
	assert_null(finding("CL001"));
	assert_int_equal(found->count, 0);
	assert_int_equal(found->claims, 1);
	assert_int_equal(found->sources, 1);
	assert_int_equal(found->quotes, 1);
	assert_int_equal(found->files_read, 2);
}

static void test_check__rule_turned_off_is_quiet(void **state)
{
	(void)state;
	add_claim(new_claim("a"));
	set->severity[R_NO_EVIDENCE] = CLG_SEV_OFF;
	assert_null(finding("CL013"));
	assert_int_equal(found->count, 0);
}

static void test_check__rule_given_another_severity(void **state)
{
	const clg_finding *f;

	(void)state;
	add_claim(new_claim("a"));
	set->severity[R_NO_EVIDENCE] = CLG_SEV_INFO;
	assert_non_null(f = finding("CL013"));
	assert_int_equal(f->severity, CLG_SEV_INFO);
	assert_int_equal(found->by_severity[CLG_SEV_INFO], 1);
	assert_int_equal(found->by_severity[CLG_SEV_ERROR], 0);
}

/* A change to one claim checks that claim, not the others. */
static void test_check__changed_paths_limit_the_run(void **state)
{
	char path[] = "claims/b.xml", *changed[] = { path };

	(void)state;
	add_claim(new_claim("a"));
	add_claim(new_claim("b"));
	assert_int_equal(clg_verify_set_run(&found, set, changed, 1, NULL), 0);
	assert_int_equal(found->count, 1);
	assert_string_equal(found->items[0].rule->id, "CL013");
	assert_string_equal(found->items[0].object, "b");
	assert_int_equal(found->claims, 1);
}

/* Findings are sorted by file, line and rule, whatever the order of the model. */
static void test_check__findings_sorted(void **state)
{
	(void)state;
	add_claim(new_claim("b"));
	add_claim(new_claim("a"));
	assert_null(finding("CL001"));
	assert_int_equal(found->count, 2);
	assert_string_equal(found->items[0].file, "claims/a.xml");
	assert_string_equal(found->items[1].file, "claims/b.xml");
}

static void test_check__path_added_twice_counts_once(void **state)
{
	(void)state;
	add_claim(new_claim("a"));
	add_claim(new_claim("a"));
	assert_int_equal(set->nclaims, 1);
}

/*
 * Enough sources for the worker threads (more than 64): the findings are
 * the same, in the same order, as on one thread.
 */
static void test_check__threads_find_the_same(void **state)
{
	clg_verify_opts opts = { NULL, NULL, 1, NULL, NULL, false };
	clg_findings *runs[2] = { NULL, NULL };
	clg_buf id = CLG_BUF_INIT;
	size_t i, k;
	int round;

	(void)state;
	for (round = 0; round < 2; round++) {
		for (i = 0; i < 200; i++) {
			clg_claim *c;

			clg_buf_clear(&id);
			assert_int_equal(clg_buf_printf(&id, "c%03zu", i), 0);
			c = new_claim(id.ptr);
			cite(c, id.ptr, i % 3 ? "twelve ships docked" : "ten ships");
			add_claim(c);
			add_source(new_source(id.ptr), i % 5 ? TEXT : NULL, NULL);
		}
		opts.threads = round ? 4 : 1;
		assert_int_equal(clg_verify_set_run(&runs[round], set, NULL, 0, &opts), 0);
		teardown(NULL);
		assert_int_equal(setup(NULL), 0);
	}
	clg_buf_release(&id);
	assert_int_equal(runs[1]->count, runs[0]->count);
	assert_true(runs[0]->count > 80);
	for (k = 0; k < runs[0]->count; k++) {
		assert_string_equal(runs[1]->items[k].rule->id, runs[0]->items[k].rule->id);
		assert_string_equal(runs[1]->items[k].message, runs[0]->items[k].message);
	}
	clg_findings_free(runs[0]);
	clg_findings_free(runs[1]);
}

/* Claims "c" and "d" (on 2020-01-01) in a resolved conflict; "t" cites "s". */
static void build_resolved_conflict_into_c(void)
{
	clg_claim *c = new_claim("c"), *d = new_claim("d");
	clg_source *t = new_source("t");
	clg_conflict cf;

	memset(&cf, 0, sizeof(cf));
	cf.with = clg_strdup("d");
	cf.preferred = clg_strdup("d");
	assert_int_equal(clg_claim_add_conflict(c, &cf), 0);
	assert_int_equal(clg_claim_set(d, "value", "2020-01-01"), 0);
	cite(c, "t", "Jane Doe");
	cite(d, "t", "twelve ships docked");
	assert_int_equal(clg_source_add_cite(t, "s", 1), 0);
	add_source(t, TEXT, NULL);
	add_claim(c);
	add_claim(d);
}

/*
 * Each allocation of a run fails in turn: the run fails with CLG_ENOMEM
 * (never a finding made of the error, never a finding left out), and
 * with enough memory succeeds as before.  (No derived figures here:
 * clg_derived_check() in model/semantic.c does not report a failure to
 * write its explanation.)
 */
static void test_check__out_of_memory_fails_the_run(void **state)
{
	unsigned long n, used;
	int error;

	(void)state;
	for (n = 1;; n++) {
		clg_claim *a = base();

		cite(a, "s", "twelve  ships docked");
		a->evidence[1].speaker = clg_strdup("Jane Doe");
		a->evidence[1].attribution = CLG_ATTR_QUOTED;
		assert_int_equal(clg_claim_set(a, "value", "12"), 0);
		a->status = CLG_STATUS_CONTESTED;
		add_claim(a);
		add_claim(new_claim("b"));
		build_resolved_conflict_into_c();
		clg_alloc_fail_at(n);
		error = clg_verify_set_run(&found, set, NULL, 0, NULL);
		used = clg_alloc_count();
		clg_alloc_fail_at(0);
		if (!error) {
			/* Not a failure swallowed: the run never reached it. */
			assert_true(used < n);
			break;
		}
		assert_int_equal(error, CLG_ENOMEM);
		assert_null(found);
		teardown(NULL);
		assert_int_equal(setup(NULL), 0);
	}
	assert_true(n > 1);
	assert_non_null(finding("CL010"));
	assert_non_null(finding("CL013"));
	assert_non_null(finding("CL020"));
	assert_int_equal(found->count, 3);
}

#define T(name) cmocka_unit_test_setup_teardown(test_check__##name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(schema), T(unreadable_claim_is_not_unknown),
		T(id_mismatch), T(duplicate_id), T(unknown_source), T(snapshot_missing),
		T(snapshot_unavailable), T(snapshot_changed), T(quote_not_found),
		T(quote_ambiguous), T(quote_normalized), T(speaker_not_near),
		T(citation_cycle), T(no_evidence), T(relies_on_retracted),
		T(unused_source), T(unknown_origin), T(unknown_conflict),
		T(value_conflict), T(declared_conflict), T(resolved_conflict),
		T(percent), T(sum), T(change), T(year_span), T(date_after_publication),
		T(date_impossible), T(date_ambiguous), T(retrieved_before_published),
		T(single_origin), T(snapshot_unreadable), T(quote_hidden),
		T(duplicate_snapshot),
		T(clean_model_has_no_findings), T(rule_turned_off_is_quiet),
		T(rule_given_another_severity), T(changed_paths_limit_the_run),
		T(findings_sorted), T(path_added_twice_counts_once),
		T(out_of_memory_fails_the_run), T(threads_find_the_same),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
