/*
 * test_claim.c - the claim and source data model: id rules, setting
 * fields by name, a claim's and a source's own consistency checks, and
 * citations.
 */
#include "testutil.h"

static clg_claim *new_claim(const char *id, const char *statement)
{
	clg_claim *c = NULL;

	assert_int_equal(clg_claim_new(&c, id), 0);
	assert_non_null(c);
	if (statement)
		assert_int_equal(clg_claim_set(c, "statement", statement), 0);
	return c;
}

/* Set a field, which must succeed. */
static void set(clg_claim *c, const char *field, const char *value)
{
	clg_error_clear();
	if (clg_claim_set(c, field, value) != 0) {
		print_error("set %s '%s': %s\n", field, value, clg_error_last());
		fail();
	}
}

static void add_evidence(clg_claim *c, const char *source, const char *quote,
			 clg_attribution attribution, const char *speaker)
{
	clg_evidence ev;

	memset(&ev, 0, sizeof(ev));
	ev.source = clg_strdup(source);
	ev.quote = quote ? clg_strdup(quote) : NULL;
	ev.attribution = attribution;
	ev.speaker = speaker ? clg_strdup(speaker) : NULL;
	assert_int_equal(clg_claim_add_evidence(c, &ev), 0);
	/* The claim took the strings over. */
	assert_null(ev.source);
}

static void add_conflict(clg_claim *c, const char *with)
{
	clg_conflict cf;

	memset(&cf, 0, sizeof(cf));
	cf.with = clg_strdup(with);
	assert_int_equal(clg_claim_add_conflict(c, &cf), 0);
	assert_null(cf.with);
}

static clg_source *new_source(const char *id)
{
	clg_source *s = NULL;

	assert_int_equal(clg_source_new(&s, id), 0);
	s->title = clg_strdup("Annual report");
	s->sha256 = clg_strdup("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
	s->size = 4;
	return s;
}

/* Ids */

static void test_claim__accepts_slugs(void **state)
{
	static const char *ok[] = {
		"a", "0", "ch92a-delivery", "serbia.ch92a_2020", "2020-06-15",
		"a..b", "x-", "x.snapshot-2", "x.xml",
	};
	char longest[CLG_ID_MAX + 1];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		clg_error_clear();
		if (clg_id_check(ok[i], "claim") != 0) {
			print_error("'%s': %s\n", ok[i], clg_error_last());
			fail();
		}
	}
	memset(longest, 'a', CLG_ID_MAX);
	longest[CLG_ID_MAX] = '\0';
	assert_int_equal(clg_id_check(longest, "claim"), 0);
}

static void test_claim__rejects_upper_case_in_id(void **state)
{
	(void)state;
	assert_fails_with(clg_id_check("Ch92a", "claim"), CLG_EINVALID,
			  "claim id 'Ch92a' is not a slug");
	assert_fails_with(clg_id_check("ch92A", "source"), CLG_EINVALID,
			  "source id 'ch92A' is not a slug");
}

static void test_claim__rejects_path_in_id(void **state)
{
	static const char *bad[] = {
		"a/b", "/etc", "..", "../x", "a/../b", ".", ".hidden", "claims/x",
		"a\\b",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_fails_with(clg_id_check(bad[i], "claim"), CLG_EINVALID,
				  "is not a slug");
}

static void test_claim__rejects_other_characters_in_id(void **state)
{
	static const char *bad[] = {
		"-a", "_a", "a b", "a:b", "caf\xc3\xa9", "a\tb", "a\nb", "a*", "a%2f",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_fails_with(clg_id_check(bad[i], "claim"), CLG_EINVALID,
				  "use lowercase letters, digits");
}

static void test_claim__rejects_empty_id(void **state)
{
	(void)state;
	assert_fails_with(clg_id_check("", "claim"), CLG_EINVALID, "claim id is empty");
	assert_fails_with(clg_id_check(NULL, "source"), CLG_EINVALID, "source id is empty");
}

static void test_claim__rejects_id_of_81_characters(void **state)
{
	char id[CLG_ID_MAX + 2];

	(void)state;
	memset(id, 'a', CLG_ID_MAX + 1);
	id[CLG_ID_MAX + 1] = '\0';
	assert_fails_with(clg_id_check(id, "claim"), CLG_EINVALID,
			  "is 81 characters long; the limit is 80");
}

static void test_claim__rejects_snapshot_suffix_in_id(void **state)
{
	(void)state;
	assert_fails_with(clg_id_check("report.snapshot", "source"), CLG_EINVALID,
			  "may not end in '.snapshot'");
	assert_int_equal(clg_id_check("report.snapshots", "source"), 0);
	assert_int_equal(clg_id_check("snapshot", "source"), 0);
}

/* clg_claim_set */

static void test_claim__set_text_fields_and_clear_them(void **state)
{
	static const char *fields[] = { "subject", "property", "note", "reason" };
	clg_claim *c = new_claim("x", "A statement.");
	size_t i;

	(void)state;
	set(c, "subject", "Serbia");
	set(c, "property", "drones delivered");
	set(c, "note", "See also the 2021 report.");
	set(c, "reason", "two sources agree");
	assert_string_equal(c->statement, "A statement.");
	assert_string_equal(c->subject, "Serbia");
	assert_string_equal(c->property, "drones delivered");
	assert_string_equal(c->note, "See also the 2021 report.");
	assert_string_equal(c->reason, "two sources agree");
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		set(c, fields[i], "");
	assert_null(c->subject);
	assert_null(c->property);
	assert_null(c->note);
	assert_null(c->reason);
	clg_claim_free(c);
}

static void test_claim__set_refuses_empty_statement(void **state)
{
	clg_claim *c = new_claim("x", "Kept.");

	(void)state;
	assert_fails_with(clg_claim_set(c, "statement", ""), CLG_EINVALID,
			  "statement cannot be empty");
	assert_string_equal(c->statement, "Kept.");
	clg_claim_free(c);
}

static void test_claim__set_value_guesses_its_kind(void **state)
{
	clg_claim *c = new_claim("x", "S.");

	(void)state;
	set(c, "value", "12");
	assert_int_equal(c->value_kind, CLG_VALUE_QUANTITY);
	set(c, "value", "about 200,000");
	assert_int_equal(c->value_kind, CLG_VALUE_QUANTITY);
	set(c, "value", "2020-06");
	assert_int_equal(c->value_kind, CLG_VALUE_DATE);
	set(c, "value", "15 June 2020");
	assert_int_equal(c->value_kind, CLG_VALUE_DATE);
	set(c, "value", "June 2020");
	assert_int_equal(c->value_kind, CLG_VALUE_DATE);
	set(c, "value", "Belgrade");
	assert_int_equal(c->value_kind, CLG_VALUE_TEXT);
	assert_string_equal(c->value, "Belgrade");
	set(c, "value", "");
	assert_null(c->value);
	assert_int_equal(c->value_kind, CLG_VALUE_NONE);
	clg_claim_free(c);
}

static void test_claim__set_unit_makes_a_quantity(void **state)
{
	clg_claim *c = new_claim("x", "S.");

	(void)state;
	set(c, "value", "6");
	set(c, "unit", "drones");
	assert_string_equal(c->unit, "drones");
	assert_int_equal(c->value_kind, CLG_VALUE_QUANTITY);
	/* A year with a unit is a count, not a date. */
	set(c, "value", "2020");
	assert_int_equal(c->value_kind, CLG_VALUE_QUANTITY);
	set(c, "unit", "");
	assert_null(c->unit);
	assert_int_equal(c->value_kind, CLG_VALUE_DATE);
	clg_claim_free(c);
}

static void test_claim__set_refuses_unit_on_text_value(void **state)
{
	clg_claim *c = new_claim("x", "S.");

	(void)state;
	set(c, "value", "Belgrade");
	assert_fails_with(clg_claim_set(c, "unit", "drones"), CLG_EINVALID,
			  "invalid quantity 'Belgrade'");
	assert_null(c->unit);
	assert_string_equal(c->value, "Belgrade");
	assert_int_equal(c->value_kind, CLG_VALUE_TEXT);
	set(c, "value", "");
	set(c, "unit", "drones");
	assert_fails_with(clg_claim_set(c, "value", "many"), CLG_EINVALID,
			  "invalid quantity 'many'");
	assert_null(c->value);
	clg_claim_free(c);
}

static void test_claim__set_approximate(void **state)
{
	clg_claim *c = new_claim("x", "S.");

	(void)state;
	set(c, "approximate", "true");
	assert_int_equal(c->approximate, 1);
	set(c, "approximate", "false");
	assert_int_equal(c->approximate, 0);
	set(c, "approximate", "true");
	assert_fails_with(clg_claim_set(c, "approximate", "yes"), CLG_EINVALID,
			  "approximate is 'true' or 'false', not 'yes'");
	assert_int_equal(c->approximate, 1);
	clg_claim_free(c);
}

static void test_claim__set_as_of_date_or_period(void **state)
{
	clg_claim *c = new_claim("x", "S.");

	(void)state;
	set(c, "as-of", "2021-03");
	assert_string_equal(c->as_of, "2021-03");
	set(c, "as-of", "2019/2020");
	assert_string_equal(c->as_of, "2019/2020");
	set(c, "as-of", "2020-01/2020-06-30");
	/* The same period at two precisions is not reversed. */
	set(c, "as-of", "2020-06/2020");
	set(c, "as-of", "");
	assert_null(c->as_of);
	clg_claim_free(c);
}

static void test_claim__set_refuses_bad_as_of(void **state)
{
	clg_claim *c = new_claim("x", "S.");

	(void)state;
	set(c, "as-of", "2021");
	assert_fails_with(clg_claim_set(c, "as-of", "2020/2019"), CLG_EINVALID,
			  "period '2020/2019' ends before it starts");
	assert_fails_with(clg_claim_set(c, "as-of", "2020-13-45"), CLG_EINVALID,
			  "month 13");
	assert_fails_with(clg_claim_set(c, "as-of", "2019/someday"), CLG_EINVALID,
			  "someday");
	assert_fails_with(clg_claim_set(c, "as-of", "/2020"), CLG_EINVALID, "date");
	assert_string_equal(c->as_of, "2021");
	clg_claim_free(c);
}

static void test_claim__set_status(void **state)
{
	static const char *names[] = { "open", "supported", "contested", "refuted", "retracted" };
	clg_claim *c = new_claim("x", "S.");
	size_t i;

	(void)state;
	assert_int_equal(c->status, CLG_STATUS_OPEN);
	for (i = 0; i < 5; i++) {
		set(c, "status", names[i]);
		assert_int_equal(c->status, (clg_status)i);
	}
	assert_fails_with(clg_claim_set(c, "status", "maybe"), CLG_EINVALID,
			  "unknown status 'maybe' (use open, supported");
	assert_fails_with(clg_claim_set(c, "status", "Open"), CLG_EINVALID, "unknown status");
	assert_int_equal(c->status, CLG_STATUS_RETRACTED);
	clg_claim_free(c);
}

static void test_claim__set_tag_and_untag(void **state)
{
	clg_claim *c = new_claim("x", "S.");

	(void)state;
	set(c, "tag", "drones");
	set(c, "tag", "serbia");
	set(c, "tag", "drones");
	assert_int_equal(c->ntags, 2);
	assert_string_equal(c->tags[0], "drones");
	assert_string_equal(c->tags[1], "serbia");
	set(c, "untag", "drones");
	assert_int_equal(c->ntags, 1);
	assert_string_equal(c->tags[0], "serbia");
	assert_fails_with(clg_claim_set(c, "untag", "drones"), CLG_ENOTFOUND,
			  "claim 'x' has no tag 'drones'");
	assert_int_equal(c->ntags, 1);
	clg_claim_free(c);
}

/*
 * Writers refuse what readers would: a 1001st tag, and more than 4000
 * evidence entries, tags, conflicts and alternatives together (limits.h).
 */
static void test_claim__tags_and_entries_have_limits(void **state)
{
	clg_claim *c = new_claim("x", "S.");
	char tag[16];
	size_t i;

	(void)state;
	add_evidence(c, "src", "a quote", CLG_ATTR_AUTHOR, NULL);
	for (i = 0; i < CLG_TAGS_MAX; i++) {
		snprintf(tag, sizeof(tag), "t%zu", i);
		set(c, "tag", tag);
	}
	set(c, "tag", "t0");		/* one it has: nothing to add */
	assert_fails_with(clg_claim_set(c, "tag", "one-more"), CLG_ELIMIT,
			  "claim 'x' has more than 1000 tags; the limit is 1000");
	assert_int_equal(c->ntags, CLG_TAGS_MAX);
	assert_int_equal(clg_claim_check(c), 0);
	for (i = 0; c->nevidence + c->ntags + c->nconflicts <= CLG_CLAIM_ENTRIES_MAX; i++) {
		clg_conflict cf;

		memset(&cf, 0, sizeof(cf));
		snprintf(tag, sizeof(tag), "c%zu", i);
		cf.with = clg_strdup(tag);
		assert_int_equal(clg_claim_add_conflict(c, &cf), 0);
	}
	assert_fails_with(clg_claim_check(c), CLG_ELIMIT, "claim 'x' has 4001 evidence "
			  "entries, tags, conflicts and alternatives; the limit is 4000 together");
	clg_claim_free(c);
}

static void test_claim__set_derived_figures(void **state)
{
	clg_claim *c = new_claim("x", "S.");

	(void)state;
	set(c, "percent-of", "6.6/56");
	assert_int_equal(c->derived, CLG_DERIVED_PERCENT_OF);
	assert_string_equal(c->derived_from, "6.6/56");
	set(c, "sum-of", "1+2+3");
	assert_int_equal(c->derived, CLG_DERIVED_SUM_OF);
	set(c, "change", "10/15");
	assert_int_equal(c->derived, CLG_DERIVED_CHANGE);
	set(c, "years-since", "2012");
	assert_int_equal(c->derived, CLG_DERIVED_YEARS_SINCE);
	assert_string_equal(c->derived_from, "2012");
	set(c, "years-since", "");
	assert_int_equal(c->derived, CLG_DERIVED_NONE);
	assert_null(c->derived_from);
	clg_claim_free(c);
}

static void test_claim__set_refuses_bad_derived_figures(void **state)
{
	static const char *bad[] = { "six/56", "6.6/", "6.6//56", "6.6*56", "1e999/2", "12 13" };
	clg_claim *c = new_claim("x", "S.");
	size_t i;

	(void)state;
	set(c, "percent-of", "6.6/56");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_fails_with(clg_claim_set(c, "sum-of", bad[i]), CLG_EINVALID,
				  "are not numbers separated by '/' or '+'");
	assert_int_equal(c->derived, CLG_DERIVED_PERCENT_OF);
	assert_string_equal(c->derived_from, "6.6/56");
	clg_claim_free(c);
}

static void test_claim__set_refuses_unknown_field(void **state)
{
	clg_claim *c = new_claim("x", "S.");

	(void)state;
	assert_fails_with(clg_claim_set(c, "colour", "red"), CLG_EINVALID,
			  "unknown claim field 'colour'");
	assert_fails_with(clg_claim_set(c, "none", "x"), CLG_EINVALID,
			  "unknown claim field 'none'");
	assert_fails_with(clg_claim_set(c, "id", "y"), CLG_EINVALID, "unknown claim field");
	assert_string_equal(c->id, "x");
	clg_claim_free(c);
}

static void test_claim__set_refuses_invalid_utf8(void **state)
{
	clg_claim *c = new_claim("x", "Kept.");

	(void)state;
	assert_fails_with(clg_claim_set(c, "statement", "bad \xff byte"), CLG_EINVALID,
			  "statement: invalid UTF-8 at byte 4");
	assert_fails_with(clg_claim_set(c, "note", "\xc0\xaf"), CLG_EINVALID, "invalid UTF-8");
	assert_string_equal(c->statement, "Kept.");
	assert_null(c->note);
	clg_claim_free(c);
}

static void test_claim__every_listed_field_can_be_set(void **state)
{
	static const struct { const char *field, *value; } fields[] = {
		{ "statement", "text" }, { "subject", "text" }, { "property", "text" },
		{ "value", "12" }, { "unit", "boats" }, { "approximate", "true" },
		{ "as-of", "2020" }, { "status", "supported" }, { "reason", "text" },
		{ "note", "text" }, { "tag", "text" }, { "untag", "text" },
		{ "percent-of", "1/2" }, { "sum-of", "1+2" }, { "change", "1/2" },
		{ "years-since", "2012" },
	};
	clg_claim *c = new_claim("x", "S.");
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		assert_true(clg_name_lookup(clg_claim_fields, fields[i].field) >= 0);
		set(c, fields[i].field, fields[i].value);
	}
	clg_claim_free(c);
}

/* clg_claim_check */

static void test_claim__check_accepts_a_complete_claim(void **state)
{
	clg_claim *c = new_claim("boats", "Four boats arrived.");

	(void)state;
	set(c, "subject", "coast guard");
	set(c, "property", "boats delivered");
	set(c, "value", "4");
	set(c, "as-of", "2021-03");
	add_evidence(c, "harbour-report", "four patrol boats", CLG_ATTR_AUTHOR, NULL);
	add_evidence(c, "harbour-news", "Boats", CLG_ATTR_QUOTED, "Ana Petrovi\xc4\x87");
	add_conflict(c, "boats-three");
	assert_int_equal(clg_claim_check(c), 0);
	clg_claim_free(c);
}

static void test_claim__check_needs_id_and_statement(void **state)
{
	clg_claim *c = new_claim(NULL, NULL);

	(void)state;
	assert_fails_with(clg_claim_check(c), CLG_EINVALID, "claim id is empty");
	c->id = clg_strdup("x");
	assert_fails_with(clg_claim_check(c), CLG_EINVALID,
			  "claim 'x' has no statement");
	clg_claim_free(c);
}

static void test_claim__check_refuses_value_without_subject(void **state)
{
	clg_claim *c = new_claim("x", "S.");

	(void)state;
	set(c, "value", "4");
	set(c, "property", "boats");
	assert_fails_with(clg_claim_check(c), CLG_EINVALID,
			  "claim 'x' has a value but no subject");
	set(c, "subject", "coast guard");
	set(c, "property", "");
	assert_fails_with(clg_claim_check(c), CLG_EINVALID, "has a value but no property");
	set(c, "property", "boats");
	assert_int_equal(clg_claim_check(c), 0);
	clg_claim_free(c);
}

static void test_claim__check_refuses_quoted_without_speaker(void **state)
{
	clg_claim *c = new_claim("x", "S.");

	(void)state;
	add_evidence(c, "src", "words", CLG_ATTR_QUOTED, NULL);
	assert_fails_with(clg_claim_check(c), CLG_EINVALID,
			  "a quoted attribution needs the speaker");
	c->evidence[0].speaker = clg_strdup("The minister");
	assert_int_equal(clg_claim_check(c), 0);
	clg_claim_free(c);
}

static void test_claim__check_refuses_empty_quote(void **state)
{
	clg_claim *c = new_claim("x", "S.");

	(void)state;
	add_evidence(c, "src", NULL, CLG_ATTR_AUTHOR, NULL);
	assert_fails_with(clg_claim_check(c), CLG_EINVALID,
			  "evidence from 'src' has an empty quote");
	c->evidence[0].quote = clg_strdup("");
	assert_fails_with(clg_claim_check(c), CLG_EINVALID, "empty quote");
	clg_claim_free(c);
}

static void test_claim__check_refuses_bad_conflicts_and_alternatives(void **state)
{
	clg_claim *c = new_claim("x", "S.");
	clg_conflict cf;

	(void)state;
	memset(&cf, 0, sizeof(cf));
	cf.with = clg_strdup("x");
	assert_int_equal(clg_claim_add_conflict(c, &cf), 0);
	assert_fails_with(clg_claim_check(c), CLG_EINVALID,
			  "claim 'x' cannot conflict with itself");
	clg_free(c->conflicts[0].with);
	c->conflicts[0].with = clg_strdup("y");
	c->conflicts[0].resolved_on = clg_strdup("someday");
	clg_error_clear();
	assert_true(clg_claim_check(c) < 0);
	clg_free(c->conflicts[0].resolved_on);
	c->conflicts[0].resolved_on = clg_strdup("2024-05-01");
	assert_int_equal(clg_claim_check(c), 0);
	assert_int_equal(clg_claim_add_alternative(c, "colour", "red"), 0);
	assert_fails_with(clg_claim_check(c), CLG_EINVALID,
			  "an alternative names an unknown field 'colour'");
	clg_claim_free(c);
}

static void test_claim__check_refuses_bad_evidence_source(void **state)
{
	clg_claim *c = new_claim("x", "S.");

	(void)state;
	add_evidence(c, "../etc", "words", CLG_ATTR_AUTHOR, NULL);
	assert_fails_with(clg_claim_check(c), CLG_EINVALID, "source id '../etc' is not a slug");
	clg_claim_free(c);
}

static void test_claim__check_refuses_self_conflict(void **state)
{
	clg_claim *c = new_claim("x", "S.");

	(void)state;
	add_conflict(c, "x");
	assert_fails_with(clg_claim_check(c), CLG_EINVALID,
			  "claim 'x' cannot conflict with itself");
	clg_claim_free(c);
}

static void test_claim__check_refuses_bad_resolution_date(void **state)
{
	clg_claim *c = new_claim("x", "S.");

	(void)state;
	add_conflict(c, "y");
	c->conflicts[0].preferred = clg_strdup("y");
	c->conflicts[0].resolved_on = clg_strdup("2020-02-30");
	assert_fails_with(clg_claim_check(c), CLG_EINVALID, "2020-02-30");
	clg_free(c->conflicts[0].resolved_on);
	c->conflicts[0].resolved_on = clg_strdup("2020-02-29");
	assert_int_equal(clg_claim_check(c), 0);
	clg_claim_free(c);
}

static void test_claim__check_refuses_what_set_would_refuse(void **state)
{
	clg_claim *c = new_claim("x", "S.");

	(void)state;
	/* As a hand-written file may hold them. */
	c->as_of = clg_strdup("2021/2020");
	assert_fails_with(clg_claim_check(c), CLG_EINVALID,
			  "as-of: period '2021/2020' ends before it starts");
	clg_free(c->as_of);
	c->as_of = NULL;
	c->derived = CLG_DERIVED_SUM_OF;
	assert_fails_with(clg_claim_check(c), CLG_EINVALID, "sum-of needs figures");
	c->derived_from = clg_strdup("1+x");
	assert_fails_with(clg_claim_check(c), CLG_EINVALID, "figures '1+x'");
	c->derived = CLG_DERIVED_NONE;
	c->subject = clg_strdup("s");
	c->property = clg_strdup("p");
	c->value = clg_strdup("twelve-ish things");
	c->value_kind = CLG_VALUE_DATE;
	assert_fails_with(clg_claim_check(c), CLG_EINVALID, "invalid date");
	c->value_kind = CLG_VALUE_QUANTITY;
	assert_fails_with(clg_claim_check(c), CLG_EINVALID, "invalid quantity");
	c->value_kind = CLG_VALUE_TEXT;
	assert_int_equal(clg_claim_check(c), 0);
	clg_claim_free(c);
}

/* Sources and citations */

static void test_claim__cite_parses_key_and_text(void **state)
{
	clg_source *s = new_source("report");
	const clg_cite *c;

	(void)state;
	assert_int_equal(clg_source_add_cite(s, "fn23=Reuters, 3 June 2020", 0), 0);
	assert_int_equal(s->ncites, 1);
	assert_string_equal(s->cites[0].key, "fn23");
	assert_string_equal(s->cites[0].text, "Reuters, 3 June 2020");
	assert_null(s->cites[0].ref);
	c = clg_source_cite(s, "fn23");
	assert_ptr_equal(c, &s->cites[0]);
	assert_null(clg_source_cite(s, "fn2"));
	assert_null(clg_source_cite(s, NULL));
	assert_int_equal(clg_source_check(s), 0);
	clg_source_free(s);
}

static void test_claim__cite_takes_free_text(void **state)
{
	static const char *texts[] = {
		"Reuters, 3 June 2020", "https://example.org/?a=b", "Fn1=upper case is no key",
		"=starts with equals", "a key longer than 32 characters is text=x",
		"see p. 4 = appendix",
	};
	clg_source *s = new_source("report");
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		assert_int_equal(clg_source_add_cite(s, texts[i], 0), 0);
		assert_null(s->cites[i].key);
		assert_null(s->cites[i].ref);
		assert_string_equal(s->cites[i].text, texts[i]);
	}
	assert_int_equal(clg_source_check(s), 0);
	clg_source_free(s);
}

static void test_claim__cite_refers_to_a_known_source(void **state)
{
	clg_source *s = new_source("report");

	(void)state;
	assert_int_equal(clg_source_add_cite(s, "ministry-release", 1), 0);
	assert_string_equal(s->cites[0].ref, "ministry-release");
	assert_null(s->cites[0].key);
	assert_null(s->cites[0].text);
	assert_ptr_equal(clg_source_cite(s, "ministry-release"), &s->cites[0]);
	assert_int_equal(clg_source_check(s), 0);
	clg_source_free(s);
}

static void test_claim__cite_refuses_duplicate_key(void **state)
{
	clg_source *s = new_source("report");

	(void)state;
	assert_int_equal(clg_source_add_cite(s, "fn1=First", 0), 0);
	assert_fails_with(clg_source_add_cite(s, "fn1=Second", 0), CLG_EEXISTS,
			  "source 'report' already has a citation 'fn1'");
	assert_int_equal(s->ncites, 1);
	assert_string_equal(s->cites[0].text, "First");
	clg_source_free(s);
}

static void test_claim__cite_refuses_empty(void **state)
{
	clg_source *s = new_source("report");

	(void)state;
	assert_fails_with(clg_source_add_cite(s, "", 0), CLG_EINVALID,
			  "a citation cannot be empty");
	assert_fails_with(clg_source_add_cite(s, NULL, 0), CLG_EINVALID,
			  "a citation cannot be empty");
	/* A key with nothing after '=' would write an invalid file. */
	assert_fails_with(clg_source_add_cite(s, "fn1=", 0), CLG_EINVALID,
			  "citation 'fn1' has no text");
	assert_int_equal(s->ncites, 0);
	clg_source_free(s);
}

static void test_claim__source_check_accepts_a_complete_source(void **state)
{
	clg_source *s = new_source("report");

	(void)state;
	assert_int_equal(clg_source_add_author(s, "Ana Petrovi\xc4\x87"), 0);
	s->published = clg_strdup("2022-02");
	s->retrieved = clg_strdup("2022-03-01");
	s->publisher = clg_strdup("Harbour Authority");
	s->snapshot = clg_strdup("report.txt");
	assert_int_equal(clg_source_check(s), 0);
	clg_source_free(s);
}

static void test_claim__source_check_needs_title_and_hash(void **state)
{
	clg_source *s = new_source("report");

	(void)state;
	clg_free(s->title);
	s->title = NULL;
	assert_fails_with(clg_source_check(s), CLG_EINVALID, "source 'report' has no title");
	s->title = clg_strdup("T");
	clg_free(s->sha256);
	s->sha256 = NULL;
	assert_fails_with(clg_source_check(s), CLG_EINVALID, "has no valid sha256");
	s->sha256 = clg_strdup("9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08");
	assert_fails_with(clg_source_check(s), CLG_EINVALID, "64 lowercase hex digits");
	clg_free(s->sha256);
	s->sha256 = clg_strdup("9f86d081");
	assert_fails_with(clg_source_check(s), CLG_EINVALID, "has no valid sha256");
	clg_source_free(s);
}

static void test_claim__source_check_refuses_bad_fields(void **state)
{
	clg_source *s = new_source("report");

	(void)state;
	s->published = clg_strdup("2020-13-45");
	assert_fails_with(clg_source_check(s), CLG_EINVALID, "published: invalid date '2020-13-45'");
	clg_free(s->published);
	s->published = NULL;
	s->retrieved = clg_strdup("yesterday");
	assert_fails_with(clg_source_check(s), CLG_EINVALID, "retrieved: invalid date");
	clg_free(s->retrieved);
	s->retrieved = NULL;
	assert_int_equal(clg_source_add_author(s, "bad \xff"), 0);
	assert_fails_with(clg_source_check(s), CLG_EINVALID, "author: invalid UTF-8");
	clg_source_free(s);

	s = new_source("Report");
	assert_fails_with(clg_source_check(s), CLG_EINVALID, "is not a slug");
	clg_source_free(s);
}

static void test_claim__source_check_refuses_snapshot_outside_its_folder(void **state)
{
	static const char *bad[] = {
		"../../../etc/passwd", "sub/report.txt", "/tmp/report.txt", "..", ".",
	};
	clg_source *s = new_source("report");
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		s->snapshot = clg_strdup(bad[i]);
		assert_fails_with(clg_source_check(s), CLG_EINVALID, "snapshot file");
		clg_free(s->snapshot);
		s->snapshot = NULL;
	}
	clg_source_free(s);
}

static void test_claim__url_check_takes_only_http_and_https(void **state)
{
	(void)state;
	assert_int_equal(clg_url_check(NULL, "url"), 0);
	assert_int_equal(clg_url_check("", "url"), 0);
	assert_int_equal(clg_url_check("https://a.example/x?y=1#z", "url"), 0);
	assert_int_equal(clg_url_check("HTTP://A.EXAMPLE", "url"), 0);
	assert_fails_with(clg_url_check("javascript:alert(1)", "url"), CLG_EINVALID,
		"url 'javascript:alert(1)' is not an http or https URL");
	assert_fails_with(clg_url_check(" https://a.example", "review-url"), CLG_EINVALID,
		"review-url ' https://a.example' is not an http or https URL");
	assert_fails_with(clg_url_check("data:text/html,x", "url"), CLG_EINVALID, "not an http");
	assert_fails_with(clg_url_check("doi:10.1/x", "url"), CLG_EINVALID, "https://doi.org/");
	assert_fails_with(clg_url_check("https:///x", "url"), CLG_EINVALID, "has no host");
	assert_fails_with(clg_url_check("https://a.example/\nx", "url"), CLG_EINVALID,
		"space or control character");
	assert_true(clg_url_is_link("https://a.example"));
	assert_false(clg_url_is_link("javascript:alert(1)"));
	assert_false(clg_url_is_link(NULL));
	assert_string_equal(clg_error_last(), "");
}

static void test_claim__review_url_must_be_http(void **state)
{
	clg_claim *c = new_claim("x", "Statement.");

	(void)state;
	set(c, "verdict", "False");
	assert_fails_with(clg_claim_set(c, "review-url", "javascript:alert(1)"), CLG_EINVALID,
		"review-url 'javascript:alert(1)' is not an http or https URL");
	assert_null(c->review.url);
	set(c, "review-url", "https://fc.example/x");
	assert_string_equal(c->review.url, "https://fc.example/x");
	clg_claim_free(c);
}

static void test_claim__check_write_refuses_what_a_reader_keeps(void **state)
{
	clg_claim *c = new_claim("x", "Statement.");
	clg_source *s = new_source("s");

	(void)state;
	add_evidence(c, "s", "a quote", CLG_ATTR_AUTHOR, NULL);
	set(c, "verdict", "False");
	/* A record already in a repository may hold one: readers take it. */
	c->review.url = clg_strdup("javascript:alert(1)");
	assert_int_equal(clg_claim_check(c), 0);
	assert_fails_with(clg_claim_check_write(c), CLG_EINVALID,
		"claim 'x': review-url 'javascript:alert(1)' is not an http");
	s->url = clg_strdup("vbscript:x");
	assert_int_equal(clg_source_check(s), 0);
	assert_fails_with(clg_source_check_write(s), CLG_EINVALID,
		"source 's': url 'vbscript:x' is not an http");
	clg_free(s->url);
	s->url = clg_strdup("https://a.example/");
	assert_int_equal(clg_source_check_write(s), 0);
	clg_claim_free(c);
	clg_source_free(s);
}

static void test_claim__set_refuses_a_field_over_a_record_file(void **state)
{
	clg_claim *c = new_claim("x", "Statement.");
	size_t n = 2u << 20;
	char *big = clg_malloc(n + 1);

	(void)state;
	memset(big, 'a', n);
	big[n] = '\0';
	assert_fails_with(clg_claim_set(c, "statement", big), CLG_ELIMIT,
		"statement is 2097152 bytes, over the limit of 1048576 bytes");
	assert_string_equal(c->statement, "Statement.");
	assert_fails_with(clg_claim_set(c, "note", big), CLG_ELIMIT, "note is 2097152 bytes");
	assert_null(c->note);
	/* A field of exactly the limit is the file's business (clg_txn_put_claim). */
	big[CLG_FILE_MAX] = '\0';
	set(c, "note", big);
	clg_free(big);
	clg_claim_free(c);
}

static void test_claim__names_tables_match_enums(void **state)
{
	(void)state;
	assert_int_equal(clg_name_lookup(clg_status_names, "retracted"), CLG_STATUS_RETRACTED);
	assert_int_equal(clg_name_lookup(clg_stance_names, "mentions"), CLG_STANCE_MENTIONS);
	assert_int_equal(clg_name_lookup(clg_attribution_names, "hedged"), CLG_ATTR_HEDGED);
	assert_int_equal(clg_name_lookup(clg_value_kind_names, "text"), CLG_VALUE_TEXT);
	assert_int_equal(clg_name_lookup(clg_derived_names, "years-since"),
			 CLG_DERIVED_YEARS_SINCE);
	assert_int_equal(clg_name_lookup(clg_status_names, "nope"), -1);
	assert_int_equal(clg_name_lookup(clg_status_names, NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_claim__accepts_slugs),
		cmocka_unit_test(test_claim__url_check_takes_only_http_and_https),
		cmocka_unit_test(test_claim__review_url_must_be_http),
		cmocka_unit_test(test_claim__check_write_refuses_what_a_reader_keeps),
		cmocka_unit_test(test_claim__set_refuses_a_field_over_a_record_file),
		cmocka_unit_test(test_claim__rejects_upper_case_in_id),
		cmocka_unit_test(test_claim__rejects_path_in_id),
		cmocka_unit_test(test_claim__rejects_other_characters_in_id),
		cmocka_unit_test(test_claim__rejects_empty_id),
		cmocka_unit_test(test_claim__rejects_id_of_81_characters),
		cmocka_unit_test(test_claim__rejects_snapshot_suffix_in_id),
		cmocka_unit_test(test_claim__set_text_fields_and_clear_them),
		cmocka_unit_test(test_claim__set_refuses_empty_statement),
		cmocka_unit_test(test_claim__set_value_guesses_its_kind),
		cmocka_unit_test(test_claim__set_unit_makes_a_quantity),
		cmocka_unit_test(test_claim__set_refuses_unit_on_text_value),
		cmocka_unit_test(test_claim__set_approximate),
		cmocka_unit_test(test_claim__set_as_of_date_or_period),
		cmocka_unit_test(test_claim__set_refuses_bad_as_of),
		cmocka_unit_test(test_claim__set_status),
		cmocka_unit_test(test_claim__set_tag_and_untag),
		cmocka_unit_test(test_claim__tags_and_entries_have_limits),
		cmocka_unit_test(test_claim__set_derived_figures),
		cmocka_unit_test(test_claim__set_refuses_bad_derived_figures),
		cmocka_unit_test(test_claim__set_refuses_unknown_field),
		cmocka_unit_test(test_claim__set_refuses_invalid_utf8),
		cmocka_unit_test(test_claim__every_listed_field_can_be_set),
		cmocka_unit_test(test_claim__check_accepts_a_complete_claim),
		cmocka_unit_test(test_claim__check_needs_id_and_statement),
		cmocka_unit_test(test_claim__check_refuses_value_without_subject),
		cmocka_unit_test(test_claim__check_refuses_quoted_without_speaker),
		cmocka_unit_test(test_claim__check_refuses_empty_quote),
		cmocka_unit_test(test_claim__check_refuses_bad_conflicts_and_alternatives),
		cmocka_unit_test(test_claim__check_refuses_bad_evidence_source),
		cmocka_unit_test(test_claim__check_refuses_self_conflict),
		cmocka_unit_test(test_claim__check_refuses_bad_resolution_date),
		cmocka_unit_test(test_claim__check_refuses_what_set_would_refuse),
		cmocka_unit_test(test_claim__cite_parses_key_and_text),
		cmocka_unit_test(test_claim__cite_takes_free_text),
		cmocka_unit_test(test_claim__cite_refers_to_a_known_source),
		cmocka_unit_test(test_claim__cite_refuses_duplicate_key),
		cmocka_unit_test(test_claim__cite_refuses_empty),
		cmocka_unit_test(test_claim__source_check_accepts_a_complete_source),
		cmocka_unit_test(test_claim__source_check_needs_title_and_hash),
		cmocka_unit_test(test_claim__source_check_refuses_bad_fields),
		cmocka_unit_test(test_claim__source_check_refuses_snapshot_outside_its_folder),
		cmocka_unit_test(test_claim__names_tables_match_enums),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
