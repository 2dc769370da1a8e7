/*
 * test_entity.c - entities and their aliases: adding, finding and
 * resolving names regardless of letter case and text normalization, and
 * the errors for names that are already taken.
 */
#include "testutil.h"

#include <time.h>

static clg_entities *sample(void)
{
	clg_entities *e = NULL;

	assert_int_equal(clg_entities_new(&e), 0);
	assert_int_equal(clg_entities_add(e, "Serbia"), 0);
	assert_int_equal(clg_entities_alias(e, "Serbia", "Republic of Serbia"), 0);
	assert_int_equal(clg_entities_alias(e, "Serbia", "Srbija"), 0);
	assert_int_equal(clg_entities_add(e, "Aleksandar Vu\xc4\x8di\xc4\x87"), 0);
	assert_int_equal(clg_entities_add(e, "C\xc3\xb4te d\xe2\x80\x99Ivoire"), 0);
	return e;
}

static void test_entity__add_keeps_names_sorted(void **state)
{
	clg_entities *e = sample();

	(void)state;
	assert_int_equal(e->count, 3);
	assert_string_equal(e->items[0].name, "Aleksandar Vu\xc4\x8di\xc4\x87");
	assert_string_equal(e->items[1].name, "C\xc3\xb4te d\xe2\x80\x99Ivoire");
	assert_string_equal(e->items[2].name, "Serbia");
	assert_int_equal(e->items[2].naliases, 2);
	assert_string_equal(e->items[2].aliases[0], "Republic of Serbia");
	assert_string_equal(e->items[2].aliases[1], "Srbija");
	clg_entities_free(e);
}

static void test_entity__find_by_name_or_alias(void **state)
{
	clg_entities *e = sample();
	const clg_entity *en;

	(void)state;
	en = clg_entities_find(e, "Serbia");
	assert_non_null(en);
	assert_string_equal(en->name, "Serbia");
	assert_ptr_equal(clg_entities_find(e, "Srbija"), en);
	assert_ptr_equal(clg_entities_find(e, "Republic of Serbia"), en);
	assert_null(clg_entities_find(e, "Croatia"));
	assert_null(clg_entities_find(e, "Serb"));
	assert_null(clg_entities_find(e, NULL));
	assert_null(clg_entities_find(NULL, "Serbia"));
	clg_entities_free(e);
}

static void test_entity__find_ignores_letter_case(void **state)
{
	clg_entities *e = sample();
	const clg_entity *serbia = clg_entities_find(e, "Serbia");

	(void)state;
	assert_ptr_equal(clg_entities_find(e, "SERBIA"), serbia);
	assert_ptr_equal(clg_entities_find(e, "republic of serbia"), serbia);
	assert_ptr_equal(clg_entities_find(e, "sRBIJA"), serbia);
	clg_entities_free(e);
}

static void test_entity__find_ignores_case_beyond_ascii(void **state)
{
	clg_entities *e = sample();
	const clg_entity *en;

	(void)state;
	en = clg_entities_find(e, "ALEKSANDAR VU\xc4\x8c" "I\xc4\x86");	/* VUČIĆ */
	assert_non_null(en);
	assert_string_equal(en->name, "Aleksandar Vu\xc4\x8di\xc4\x87");
	assert_int_equal(clg_name_equal("\xd0\xa1\xd1\x80\xd0\xb1\xd0\xb8\xd1\x98\xd0\xb0",
					"\xd0\xa1\xd0\xa0\xd0\x91\xd0\x98\xd0\x88\xd0\x90"), 1);
	/* Case, not accents: "Vucic" is another spelling, to be added as an alias. */
	assert_null(clg_entities_find(e, "Aleksandar Vucic"));
	clg_entities_free(e);
}

static void test_entity__find_after_normalization(void **state)
{
	clg_entities *e = sample();
	const clg_entity *serbia = clg_entities_find(e, "Serbia");
	const clg_entity *ci = clg_entities_find(e, "C\xc3\xb4te d\xe2\x80\x99Ivoire");

	(void)state;
	assert_non_null(ci);
	/* A no-break space and a double space are one space. */
	assert_ptr_equal(clg_entities_find(e, "Republic\xc2\xa0of  Serbia"), serbia);
	assert_ptr_equal(clg_entities_find(e, "  Srbija "), serbia);
	/* Curly and straight apostrophes; composed and decomposed accents. */
	assert_ptr_equal(clg_entities_find(e, "C\xc3\xb4te d'Ivoire"), ci);
	assert_ptr_equal(clg_entities_find(e, "Co\xcc\x82te d'ivoire"), ci);
	clg_entities_free(e);
}

static void test_entity__resolve_gives_the_canonical_name(void **state)
{
	clg_entities *e = sample();
	const char *other = "Croatia";

	(void)state;
	assert_string_equal(clg_entities_resolve(e, "srbija"), "Serbia");
	assert_string_equal(clg_entities_resolve(e, "Serbia"), "Serbia");
	assert_ptr_equal(clg_entities_resolve(e, other), other);
	clg_entities_free(e);
}

static void test_entity__add_refuses_duplicate_name(void **state)
{
	clg_entities *e = sample();

	(void)state;
	assert_fails_with(clg_entities_add(e, "Serbia"), CLG_EEXISTS,
			  "'Serbia' is already the entity 'Serbia'");
	assert_fails_with(clg_entities_add(e, "serbia"), CLG_EEXISTS,
			  "is already the entity 'Serbia'");
	assert_fails_with(clg_entities_add(e, "Srbija"), CLG_EEXISTS,
			  "'Srbija' is already a spelling of the entity 'Serbia'");
	assert_int_equal(e->count, 3);
	clg_entities_free(e);
}

static void test_entity__alias_refuses_a_taken_name(void **state)
{
	clg_entities *e = sample();

	(void)state;
	assert_fails_with(clg_entities_alias(e, "Serbia", "srbija"), CLG_EEXISTS,
			  "'srbija' already names the entity 'Serbia'");
	assert_fails_with(clg_entities_alias(e, "Serbia", "SERBIA"), CLG_EEXISTS,
			  "already names the entity 'Serbia'");
	assert_fails_with(clg_entities_alias(e, "Serbia", "Aleksandar Vu\xc4\x8di\xc4\x87"),
			  CLG_EEXISTS, "already names the entity 'Aleksandar");
	assert_int_equal(e->items[2].naliases, 2);
	clg_entities_free(e);
}

static void test_entity__alias_needs_a_known_entity(void **state)
{
	clg_entities *e = sample();

	(void)state;
	assert_fails_with(clg_entities_alias(e, "Croatia", "Hrvatska"), CLG_ENOTFOUND,
			  "unknown entity 'Croatia' (add it with 'claimlog entity add')");
	/* An alias is not a name to hang more aliases on. */
	assert_fails_with(clg_entities_alias(e, "Srbija", "Serbien"), CLG_ENOTFOUND,
			  "unknown entity 'Srbija'");
	/* The name is matched like any other. */
	assert_int_equal(clg_entities_alias(e, "serbia", "Serbien"), 0);
	assert_int_equal(e->items[2].naliases, 3);
	clg_entities_free(e);
}

static void test_entity__refuses_bad_names(void **state)
{
	clg_entities *e = sample();
	char big[202];

	(void)state;
	assert_fails_with(clg_entities_add(e, ""), CLG_EINVALID, "an entity name cannot be empty");
	assert_fails_with(clg_entities_add(e, NULL), CLG_EINVALID, "cannot be empty");
	assert_fails_with(clg_entities_alias(e, "Serbia", ""), CLG_EINVALID, "cannot be empty");
	assert_fails_with(clg_entities_add(e, "bad \xff"), CLG_EINVALID, "invalid UTF-8");
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_fails_with(clg_entities_add(e, big), CLG_ELIMIT, "longer than 200 bytes");
	assert_int_equal(e->count, 3);
	clg_entities_free(e);
}

static void test_entity__name_equal(void **state)
{
	(void)state;
	assert_int_equal(clg_name_equal("NATO", "nato"), 1);
	assert_int_equal(clg_name_equal("the  UN", "The UN"), 1);
	assert_int_equal(clg_name_equal("UN", "UNO"), 0);
	assert_int_equal(clg_name_equal("", ""), 1);
	/* Invalid UTF-8 is never equal to a valid name. */
	assert_int_equal(clg_name_equal("a\xff", "a"), 0);
}

static void test_entity__parse_reports_duplicates_with_line(void **state)
{
	static const char doc[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<entities>\n"
		"  <entity name=\"Serbia\">\n"
		"    <alias>Srbija</alias>\n"
		"  </entity>\n"
		"  <entity name=\"SRBIJA\"/>\n"
		"</entities>\n";
	clg_entities *e = NULL;

	(void)state;
	assert_fails_with(clg_entities_parse(&e, doc, strlen(doc), "entities.xml"),
			  CLG_EEXISTS, "entities.xml:6: 'SRBIJA' is already a spelling");
	assert_null(e);
}

static void test_entity__parse_reads_names_and_aliases(void **state)
{
	static const char doc[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<!-- hand-written -->\n"
		"<entities>\n"
		"  <entity name=\"Serbia\"><alias>Srbija</alias><alias>RS</alias></entity>\n"
		"  <entity name=\"Kosovo\"/>\n"
		"</entities>\n";
	clg_entities *e = NULL;

	(void)state;
	assert_int_equal(clg_entities_parse(&e, doc, strlen(doc), "entities.xml"), 0);
	assert_int_equal(e->count, 2);
	assert_string_equal(e->items[0].name, "Kosovo");
	assert_string_equal(clg_entities_resolve(e, "rs"), "Serbia");
	clg_entities_free(e);
}

/* Entities in reverse order, aliases interleaved: sorted, all found. */
static void test_entity__parse_sorts_and_finds_in_any_order(void **state)
{
	static const char doc[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<entities>\n"
		"  <entity name=\"Zagreb\"><alias>ZG</alias></entity>\n"
		"  <entity name=\"Sarajevo\"><alias>SA</alias><alias>Sarajevo City</alias></entity>\n"
		"  <entity name=\"Belgrade\"><alias>Beograd</alias></entity>\n"
		"</entities>\n";
	clg_entities *e = NULL;

	(void)state;
	assert_int_equal(clg_entities_parse(&e, doc, strlen(doc), "entities.xml"), 0);
	assert_int_equal(e->count, 3);
	assert_string_equal(e->items[0].name, "Belgrade");
	assert_string_equal(e->items[1].name, "Sarajevo");
	assert_string_equal(e->items[2].name, "Zagreb");
	assert_int_equal(e->items[1].naliases, 2);
	assert_string_equal(clg_entities_resolve(e, "beograd"), "Belgrade");
	assert_string_equal(clg_entities_resolve(e, "SARAJEVO CITY"), "Sarajevo");
	assert_string_equal(clg_entities_resolve(e, "zg"), "Zagreb");
	/* Adding after the read keeps the order, and refuses a taken alias. */
	assert_int_equal(clg_entities_add(e, "Mostar"), 0);
	assert_string_equal(e->items[1].name, "Mostar");
	assert_fails_with(clg_entities_add(e, "beograd"), CLG_EEXISTS,
			  "'beograd' is already a spelling of the entity 'Belgrade'");
	assert_fails_with(clg_entities_alias(e, "ZG", "Agram"), CLG_ENOTFOUND,
			  "unknown entity 'ZG'");
	clg_entities_free(e);
}

/*
 * A gazetteer-sized file (2,000 entities with 12 aliases each, 26k names,
 * in reverse order) is read in linear time: this took minutes when every
 * name was compared with every other.  The bound is CPU time, generous.
 */
static void test_entity__parse_many_names_in_linear_time(void **state)
{
	clg_buf doc = CLG_BUF_INIT;
	clg_entities *e = NULL;
	clock_t start;
	int i, k;

	(void)state;
	assert_int_equal(clg_buf_puts(&doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<entities>\n"), 0);
	for (i = 1999; i >= 0; i--) {
		assert_int_equal(clg_buf_printf(&doc, "<entity name=\"Place %04d\">", i), 0);
		for (k = 0; k < 12; k++)
			assert_int_equal(clg_buf_printf(&doc, "<alias>P%d-%04d</alias>", k, i), 0);
		assert_int_equal(clg_buf_puts(&doc, "</entity>\n"), 0);
	}
	assert_int_equal(clg_buf_puts(&doc, "</entities>\n"), 0);
	start = clock();
	assert_int_equal(clg_entities_parse(&e, doc.ptr, doc.len, "entities.xml"), 0);
	assert_int_equal(e->count, 2000);
	assert_string_equal(e->items[0].name, "Place 0000");
	assert_string_equal(clg_entities_resolve(e, "p11-1234"), "Place 1234");
	assert_string_equal(clg_entities_resolve(e, "P0-0000"), "Place 0000");
	assert_true((double)(clock() - start) / CLOCKS_PER_SEC < 2.0);
	clg_entities_free(e);
	clg_buf_release(&doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entity__add_keeps_names_sorted),
		cmocka_unit_test(test_entity__find_by_name_or_alias),
		cmocka_unit_test(test_entity__find_ignores_letter_case),
		cmocka_unit_test(test_entity__find_ignores_case_beyond_ascii),
		cmocka_unit_test(test_entity__find_after_normalization),
		cmocka_unit_test(test_entity__resolve_gives_the_canonical_name),
		cmocka_unit_test(test_entity__add_refuses_duplicate_name),
		cmocka_unit_test(test_entity__alias_refuses_a_taken_name),
		cmocka_unit_test(test_entity__alias_needs_a_known_entity),
		cmocka_unit_test(test_entity__refuses_bad_names),
		cmocka_unit_test(test_entity__name_equal),
		cmocka_unit_test(test_entity__parse_reports_duplicates_with_line),
		cmocka_unit_test(test_entity__parse_reads_names_and_aliases),
		cmocka_unit_test(test_entity__parse_sorts_and_finds_in_any_order),
		cmocka_unit_test(test_entity__parse_many_names_in_linear_time),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
