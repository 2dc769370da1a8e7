/*
 * import_refs.c - references from reference managers as sources: a
 * BibTeX reader (entries, @string macros, '#' concatenation, LaTeX
 * accents and escapes, "and" name lists, braces) and a CSL-JSON reader
 * (names, date-parts, raw and literal dates, rich-text titles), both as
 * tolerant of what Zotero writes as the formats allow: unknown fields
 * and entry types are ignored.
 */
#include "util/common.h"

#include <ctype.h>

#include "claimlog/import.h"
#include "util/json.h"
#include "util/map.h"
#include "util/sha256.h"
#include "claimlog/strlist.h"
#include "util/text.h"
#include "claimlog/value.h"
#include "format/xml.h"


/* A reference on its way to becoming a source. */
typedef struct {
	char *key;
	char *title;
	char **names;
	size_t nnames;
	char *publisher;
	char *date;		/* ISO, at its precision */
	char *retrieved;
	char *url;
	char *language;
	char *dropped;		/* a date that could not be read */
	const char *kind;	/* "BibTeX entry", "CSL-JSON item" */
	char *type;		/* article, book ... */
} ref;

static void ref_release(ref *r)
{
	size_t i;

	clg_free(r->key);
	clg_free(r->title);
	for (i = 0; i < r->nnames; i++)
		clg_free(r->names[i]);
	clg_free(r->names);
	clg_free(r->publisher);
	clg_free(r->date);
	clg_free(r->retrieved);
	clg_free(r->url);
	clg_free(r->language);
	clg_free(r->dropped);
	clg_free(r->type);
	memset(r, 0, sizeof(*r));
}

static int ref_add_name(ref *r, const char *name)
{
	char **n, *d;

	if (!*name)
		return 0;
	if (!(d = clg_strdup(name)))
		return CLG_ENOMEM;
	if (!(n = clg_realloc(r->names, (r->nnames + 1) * sizeof(*n)))) {
		clg_free(d);
		return CLG_ENOMEM;
	}
	r->names = n;
	r->names[r->nnames++] = d;
	return 0;
}

static int set_str(char **field, const char *value)
{
	char *v = value && *value ? clg_strdup(value) : NULL;

	if (value && *value && !v)
		return CLG_ENOMEM;
	clg_free(*field);
	*field = v;
	return 0;
}

static int note_add(clg_import_problem **list, size_t *count, const char *name, int line,
		    const char *fmt, va_list ap)
{
	clg_import_problem *n;
	clg_buf msg = CLG_BUF_INIT;
	int error;

	if ((error = clg_buf_printf(&msg, "%s:%d: ", name, line)) == 0)
		error = clg_buf_vprintf(&msg, fmt, ap);
	if (error || !(n = clg_realloc(*list, (*count + 1) * sizeof(*n)))) {
		clg_buf_release(&msg);
		return CLG_ENOMEM;
	}
	*list = n;
	n[*count].line = line;
	n[(*count)++].message = clg_buf_detach(&msg);
	return 0;
}

/* An entry that cannot become a source. */
static int problem(clg_refs *refs, const char *name, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int problem(clg_refs *refs, const char *name, int line, const char *fmt, ...)
{
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = note_add(&refs->problems, &refs->nproblems, name, line, fmt, ap);
	va_end(ap);
	return error;
}

/* Something read otherwise than written, that the user should know. */
static int warn(clg_refs *refs, const char *name, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int warn(clg_refs *refs, const char *name, int line, const char *fmt, ...)
{
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = note_add(&refs->warnings, &refs->nwarnings, name, line, fmt, ap);
	va_end(ap);
	return error;
}

/* Dates: ISO and EDTF as Zotero writes them ("2011-05~", "2017-21", "1829/1830"). */
static int date_from_parts(char **out, int y, int m, int d)
{
	char buf[CLG_DATE_MAX];
	clg_date date;

	if (y < 1 || y > 9999)
		return 0;
	if (m < 1 || m > 12)	/* 13-24 are seasons: keep the year */
		m = d = 0;
	if (d < 0 || d > clg_days_in_month(y, m))
		d = 0;
	date.year = y;
	date.month = m;
	date.day = m ? d : 0;
	date.precision = date.day ? CLG_PREC_DAY : date.month ? CLG_PREC_MONTH : CLG_PREC_YEAR;
	clg_date_format(buf, sizeof(buf), &date);
	return set_str(out, buf);
}

/* An ISO or EDTF date: the start of a range, qualifiers (~ ? %) dropped. */
static int date_from_text(char **out, const char *s)
{
	int y = 0, m = 0, d = 0, n = 0;
	clg_date date;
	char buf[CLG_DATE_MAX];

	while (*s == ' ' || *s == '{')
		s++;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 ||
	    sscanf(s, "%4d-%2d%n", &y, &m, &n) == 2 || sscanf(s, "%4d%n", &y, &n) == 1) {
		if ((n == 4 && !isdigit((unsigned char)s[4])) || (n > 4 && s[4] == '-'))
			return date_from_parts(out, y, m, d);
	}
	/* Otherwise what people write: "June 2020", "15 June 2020". */
	if (clg_date_parse(&date, s) == 0) {
		clg_date_format(buf, sizeof(buf), &date);
		return set_str(out, buf);
	}
	clg_error_clear();
	return 0;
}

/* LaTeX. */

/*
 * What a command does with what follows it.  One table holds every
 * command a bibliography really contains (accents apart, below); a
 * command that is not in it keeps its argument's text, or its own name
 * when it has none, and is reported, so that nothing is dropped silently.
 */
typedef enum {
	LX_SYMBOL,	/* stands for `text` */
	LX_KEEP,	/* `text`, then its argument's text (font commands, \sqrt) */
	LX_DROP,	/* one argument, dropped (a sort key, a length) */
	LX_SECOND,	/* two arguments, the second kept (\href, \textcolor) */
	LX_URL,		/* an address, as written */
	LX_SUP,		/* an argument as superscript characters */
	LX_SUB,		/* an argument as subscript characters */
	LX_QUOTE,	/* an argument in quotation marks */
	LX_GLYPH,	/* a character by its hexadecimal code point */
	LX_MARK,	/* math accents: `text` after each character of the argument */
	LX_FRAC		/* two arguments: "a/b" */
} latex_kind;

typedef struct {
	const char *name;
	latex_kind kind;
	const char *text;
} latex_cmd;

#define SYM(n, t) { n, LX_SYMBOL, t }
#define KEEP(n) { n, LX_KEEP, "" }
#define NONE(n) { n, LX_SYMBOL, "" }

static const latex_cmd latex_cmds[] = {
	/* Letters. */
	SYM("ss", "ß"), SYM("SS", "SS"), SYM("ae", "æ"), SYM("AE", "Æ"), SYM("oe", "œ"),
	SYM("OE", "Œ"), SYM("o", "ø"), SYM("O", "Ø"), SYM("aa", "å"), SYM("AA", "Å"),
	SYM("l", "ł"), SYM("L", "Ł"), SYM("i", "ı"), SYM("j", "ȷ"), SYM("th", "þ"),
	SYM("TH", "Þ"), SYM("dh", "ð"), SYM("DH", "Ð"), SYM("dj", "đ"), SYM("DJ", "Đ"),
	SYM("ng", "ŋ"), SYM("NG", "Ŋ"),
	/* Greek, lower case with the variant forms, and capitals. */
	SYM("alpha", "α"), SYM("beta", "β"), SYM("gamma", "γ"), SYM("delta", "δ"),
	SYM("epsilon", "ϵ"), SYM("varepsilon", "ε"), SYM("zeta", "ζ"), SYM("eta", "η"),
	SYM("theta", "θ"), SYM("vartheta", "ϑ"), SYM("iota", "ι"), SYM("kappa", "κ"),
	SYM("varkappa", "ϰ"), SYM("lambda", "λ"), SYM("mu", "μ"), SYM("nu", "ν"),
	SYM("xi", "ξ"), SYM("omicron", "ο"), SYM("pi", "π"), SYM("varpi", "ϖ"),
	SYM("rho", "ρ"), SYM("varrho", "ϱ"), SYM("sigma", "σ"), SYM("varsigma", "ς"),
	SYM("tau", "τ"), SYM("upsilon", "υ"), SYM("phi", "ϕ"), SYM("varphi", "φ"),
	SYM("chi", "χ"), SYM("psi", "ψ"), SYM("omega", "ω"), SYM("digamma", "ϝ"),
	SYM("Alpha", "Α"), SYM("Beta", "Β"), SYM("Gamma", "Γ"), SYM("Delta", "Δ"),
	SYM("Epsilon", "Ε"), SYM("Zeta", "Ζ"), SYM("Eta", "Η"), SYM("Theta", "Θ"),
	SYM("Iota", "Ι"), SYM("Kappa", "Κ"), SYM("Lambda", "Λ"), SYM("Mu", "Μ"),
	SYM("Nu", "Ν"), SYM("Xi", "Ξ"), SYM("Omicron", "Ο"), SYM("Pi", "Π"),
	SYM("Rho", "Ρ"), SYM("Sigma", "Σ"), SYM("Tau", "Τ"), SYM("Upsilon", "Υ"),
	SYM("Phi", "Φ"), SYM("Chi", "Χ"), SYM("Psi", "Ψ"), SYM("Omega", "Ω"),
	/* Relations. */
	SYM("leq", "≤"), SYM("le", "≤"), SYM("geq", "≥"), SYM("ge", "≥"),
	SYM("leqslant", "⩽"), SYM("geqslant", "⩾"), SYM("neq", "≠"), SYM("ne", "≠"),
	SYM("approx", "≈"), SYM("equiv", "≡"), SYM("sim", "∼"), SYM("simeq", "≃"),
	SYM("cong", "≅"), SYM("propto", "∝"), SYM("ll", "≪"), SYM("gg", "≫"),
	SYM("subset", "⊂"), SYM("supset", "⊃"), SYM("subseteq", "⊆"), SYM("supseteq", "⊇"),
	SYM("in", "∈"), SYM("notin", "∉"), SYM("ni", "∋"), SYM("perp", "⊥"),
	SYM("parallel", "∥"), SYM("mid", "∣"), SYM("prec", "≺"), SYM("succ", "≻"),
	/* Operators and other mathematical symbols. */
	SYM("cdot", "⋅"), SYM("times", "×"), SYM("div", "÷"), SYM("pm", "±"),
	SYM("mp", "∓"), SYM("ast", "∗"), SYM("star", "⋆"), SYM("circ", "∘"),
	SYM("bullet", "•"), SYM("cap", "∩"), SYM("cup", "∪"), SYM("wedge", "∧"),
	SYM("land", "∧"), SYM("vee", "∨"), SYM("lor", "∨"), SYM("neg", "¬"),
	SYM("lnot", "¬"), SYM("oplus", "⊕"), SYM("otimes", "⊗"), SYM("setminus", "∖"),
	SYM("sum", "∑"), SYM("prod", "∏"), SYM("int", "∫"), SYM("oint", "∮"),
	SYM("partial", "∂"), SYM("nabla", "∇"), SYM("infty", "∞"), SYM("forall", "∀"),
	SYM("exists", "∃"), SYM("emptyset", "∅"), SYM("varnothing", "∅"),
	SYM("aleph", "ℵ"), SYM("hbar", "ℏ"), SYM("ell", "ℓ"), SYM("Re", "ℜ"),
	SYM("Im", "ℑ"), SYM("wp", "℘"), SYM("prime", "′"), SYM("surd", "√"),
	SYM("angle", "∠"), SYM("triangle", "△"), SYM("cdots", "⋯"), SYM("vdots", "⋮"),
	SYM("ddots", "⋱"), SYM("dagger", "†"), SYM("ddagger", "‡"), SYM("colon", ":"),
	SYM("checkmark", "✓"), SYM("langle", "⟨"), SYM("rangle", "⟩"), SYM("lbrace", "{"),
	SYM("rbrace", "}"), SYM("lfloor", "⌊"), SYM("rfloor", "⌋"), SYM("lceil", "⌈"),
	SYM("rceil", "⌉"), SYM("vert", "|"), SYM("Vert", "‖"), SYM("backslash", "\\"),
	SYM("log", "log"), SYM("ln", "ln"), SYM("exp", "exp"), SYM("sin", "sin"),
	SYM("cos", "cos"), SYM("tan", "tan"), SYM("max", "max"), SYM("min", "min"),
	SYM("lim", "lim"), SYM("sup", "sup"), SYM("inf", "inf"), SYM("det", "det"),
	SYM("gcd", "gcd"), SYM("Pr", "Pr"), SYM("deg", "deg"), SYM("dim", "dim"),
	/* Arrows. */
	SYM("to", "→"), SYM("rightarrow", "→"), SYM("leftarrow", "←"), SYM("gets", "←"),
	SYM("leftrightarrow", "↔"), SYM("Rightarrow", "⇒"), SYM("Leftarrow", "⇐"),
	SYM("Leftrightarrow", "⇔"), SYM("implies", "⟹"), SYM("iff", "⟺"),
	SYM("uparrow", "↑"), SYM("downarrow", "↓"), SYM("mapsto", "↦"),
	SYM("longrightarrow", "⟶"), SYM("longleftarrow", "⟵"),
	/* Text symbols. */
	SYM("textbackslash", "\\"), SYM("textasciigrave", "`"), SYM("textendash", "–"), SYM("textemdash", "—"),
	SYM("textquoteleft", "‘"), SYM("textquoteright", "’"), SYM("textquotedblleft", "“"),
	SYM("textquotedblright", "”"), SYM("textquotedbl", "\""), SYM("textquotesingle", "'"),
	SYM("quotedblbase", "„"), SYM("quotesinglbase", "‚"), SYM("guillemotleft", "«"),
	SYM("guillemotright", "»"), SYM("guilsinglleft", "‹"), SYM("guilsinglright", "›"),
	SYM("S", "§"), SYM("textsection", "§"), SYM("P", "¶"), SYM("textparagraph", "¶"),
	SYM("copyright", "©"), SYM("textcopyright", "©"), SYM("textregistered", "®"),
	SYM("texttrademark", "™"), SYM("ldots", "…"), SYM("dots", "…"),
	SYM("textellipsis", "…"), SYM("textdegree", "°"), SYM("degree", "°"),
	SYM("euro", "€"), SYM("texteuro", "€"), SYM("pounds", "£"), SYM("textsterling", "£"),
	SYM("textyen", "¥"), SYM("textcent", "¢"), SYM("textdollar", "$"),
	SYM("textasciitilde", "~"), SYM("textasciicircum", "^"), SYM("textunderscore", "_"),
	SYM("textbar", "|"), SYM("textbraceleft", "{"), SYM("textbraceright", "}"),
	SYM("textless", "<"), SYM("textgreater", ">"), SYM("textperiodcentered", "·"),
	SYM("textbullet", "•"), SYM("dag", "†"), SYM("textdagger", "†"), SYM("ddag", "‡"),
	SYM("textdaggerdbl", "‡"), SYM("textperthousand", "‰"), SYM("textmu", "µ"),
	SYM("textonehalf", "½"), SYM("textonequarter", "¼"), SYM("textthreequarters", "¾"),
	SYM("texttimes", "×"), SYM("textdiv", "÷"), SYM("textpm", "±"), SYM("textminus", "−"),
	SYM("textordfeminine", "ª"), SYM("textordmasculine", "º"), SYM("textexclamdown", "¡"),
	SYM("textquestiondown", "¿"), SYM("textnumero", "№"), SYM("slash", "/"),
	SYM("textslash", "/"), SYM("textfractionsolidus", "⁄"), SYM("textasteriskcentered", "*"),
	SYM("textvisiblespace", "␣"), SYM("nobreakspace", "\xc2\xa0"),
	SYM("LaTeX", "LaTeX"), SYM("LaTeXe", "LaTeX2ε"), SYM("TeX", "TeX"),
	SYM("BibTeX", "BibTeX"), SYM("XeTeX", "XeTeX"), SYM("LuaTeX", "LuaTeX"),
	SYM("AmS", "AMS"),
	/* Spacing and declarations that print nothing. */
	SYM("par", " "), SYM("newline", " "), SYM("linebreak", " "), SYM("quad", " "),
	SYM("qquad", " "), SYM("enspace", " "), SYM("thinspace", " "), SYM("space", " "),
	NONE("relax"), NONE("ignorespaces"), NONE("protect"), NONE("textcompwordmark"),
	NONE("nobreak"), NONE("allowbreak"), NONE("hfill"), NONE("null"),
	NONE("leavevmode"), NONE("noindent"), NONE("left"), NONE("right"), NONE("big"),
	NONE("Big"), NONE("bigl"), NONE("bigr"), NONE("displaystyle"), NONE("textstyle"),
	NONE("it"), NONE("bf"), NONE("em"), NONE("sc"), NONE("rm"), NONE("sf"),
	NONE("tt"), NONE("sl"), NONE("up"), NONE("md"), NONE("itshape"), NONE("bfseries"),
	NONE("scshape"), NONE("upshape"), NONE("mdseries"), NONE("slshape"),
	NONE("normalfont"), NONE("rmfamily"), NONE("sffamily"), NONE("ttfamily"),
	NONE("tiny"), NONE("scriptsize"), NONE("footnotesize"), NONE("small"),
	NONE("normalsize"), NONE("large"), NONE("Large"), NONE("LARGE"), NONE("huge"),
	NONE("Huge"), NONE("boldmath"), NONE("unboldmath"),
	/* Commands whose argument is the text: fonts, boxes, case protection. */
	KEEP("emph"), KEEP("textit"), KEEP("textbf"), KEEP("textsc"), KEEP("textrm"),
	KEEP("textsf"), KEEP("texttt"), KEEP("textup"), KEEP("textsl"), KEEP("textmd"),
	KEEP("textnormal"), KEEP("mathrm"), KEEP("mathit"), KEEP("mathbf"),
	KEEP("mathsf"), KEEP("mathtt"), KEEP("mathcal"), KEEP("mathbb"),
	KEEP("mathfrak"), KEEP("mathnormal"), KEEP("boldsymbol"), KEEP("bm"),
	KEEP("mbox"), KEEP("hbox"), KEEP("text"), KEEP("ensuremath"), KEEP("underline"),
	KEEP("uline"), KEEP("sout"), KEEP("nocase"), KEEP("NoCaseChange"),
	KEEP("uppercase"), KEEP("lowercase"), KEEP("MakeUppercase"),
	KEEP("MakeLowercase"), KEEP("mkbibemph"), KEEP("mkbibitalic"),
	KEEP("mkbibbold"), KEEP("textenglish"), KEEP("footnote"), KEEP("begingroup"),
	{ "sqrt", LX_KEEP, "√" },
	/* Environments: \begin{it}...\end{it} is its content. */
	{ "begin", LX_DROP, "" }, { "end", LX_DROP, "" },
	{ "noopsort", LX_DROP, "" }, { "sortkey", LX_DROP, "" }, { "hspace", LX_DROP, "" },
	{ "vspace", LX_DROP, "" }, { "label", LX_DROP, "" }, { "selectlanguage", LX_DROP, "" },
	{ "href", LX_SECOND, "" }, { "textcolor", LX_SECOND, "" },
	{ "foreignlanguage", LX_SECOND, "" }, { "url", LX_URL, "" }, { "path", LX_URL, "" },
	{ "textsuperscript", LX_SUP, "" }, { "textsubscript", LX_SUB, "" },
	{ "sp", LX_SUP, "" }, { "sb", LX_SUB, "" },
	/* Math accents: (000\bar{1}) is a crystal face, not (0001). */
	{ "bar", LX_MARK, "\xcc\x84" }, { "overline", LX_MARK, "\xcc\x85" },
	{ "hat", LX_MARK, "\xcc\x82" }, { "widehat", LX_MARK, "\xcc\x82" },
	{ "tilde", LX_MARK, "\xcc\x83" }, { "widetilde", LX_MARK, "\xcc\x83" },
	{ "dot", LX_MARK, "\xcc\x87" }, { "ddot", LX_MARK, "\xcc\x88" },
	{ "acute", LX_MARK, "\xcc\x81" }, { "grave", LX_MARK, "\xcc\x80" },
	{ "breve", LX_MARK, "\xcc\x86" }, { "check", LX_MARK, "\xcc\x8c" },
	{ "vec", LX_MARK, "\xe2\x83\x97" },
	{ "frac", LX_FRAC, "" }, { "tfrac", LX_FRAC, "" }, { "dfrac", LX_FRAC, "" },
	{ "enquote", LX_QUOTE, "" }, { "mkbibquote", LX_QUOTE, "" },
	{ "ElsevierGlyph", LX_GLYPH, "" },
	{ NULL, LX_SYMBOL, NULL }
};

#undef SYM
#undef KEEP
#undef NONE

/* Accents, by their command, as combining characters. */
static const latex_cmd latex_accents[] = {
	{ "'", LX_KEEP, "\xcc\x81" }, { "`", LX_KEEP, "\xcc\x80" }, { "^", LX_KEEP, "\xcc\x82" },
	{ "\"", LX_KEEP, "\xcc\x88" }, { "~", LX_KEEP, "\xcc\x83" }, { "=", LX_KEEP, "\xcc\x84" },
	{ ".", LX_KEEP, "\xcc\x87" }, { "u", LX_KEEP, "\xcc\x86" }, { "v", LX_KEEP, "\xcc\x8c" },
	{ "H", LX_KEEP, "\xcc\x8b" }, { "c", LX_KEEP, "\xcc\xa7" }, { "k", LX_KEEP, "\xcc\xa8" },
	{ "r", LX_KEEP, "\xcc\x8a" }, { "d", LX_KEEP, "\xcc\xa3" }, { "b", LX_KEEP, "\xcc\xb1" },
	{ "t", LX_KEEP, "\xcd\xa1" }, { NULL, LX_SYMBOL, NULL }
};

static const latex_cmd *cmd_lookup(const latex_cmd *table, const char *name, size_t n)
{
	for (; table->name; table++)
		if (table->name[0] == name[0] && strlen(table->name) == n &&
		    !strncmp(table->name, name, n))
			return table;
	return NULL;
}

/* The end of the group that opens at s[0] == '{' (just past its '}'). */
static const char *group_end(const char *s)
{
	int depth = 0;

	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			continue;
		}
		if (*s == '{')
			depth++;
		else if (*s == '}' && --depth == 0)
			return s + 1;
	}
	return s;
}

/* Converting one string: where the text goes, what was not understood. */
typedef struct {
	clg_buf *out;
	clg_strlist *unknown;	/* control words not in the table, or NULL */
	const char *begin;	/* the whole string, to look behind a command */
	bool math;		/* between $ signs */
	int depth;		/* arguments within arguments, up to LATEX_DEPTH_MAX */
} latex;

static int latex_run(latex *lx, const char *s, const char *end);

/*
 * The argument at *sp: a {group} (without its braces) or one character
 * (a whole UTF-8 sequence, or a control word).  *sp moves past it.
 */
static void latex_arg(const char **arg, const char **arg_end, const char **sp, const char *end)
{
	const char *s = *sp, *e;

	while (s < end && (*s == ' ' || *s == '\n' || *s == '\t'))
		s++;
	if (s < end && *s == '{') {
		e = group_end(s);
		if (e > end)
			e = end;
		*sp = e;
		*arg = s + 1;
		*arg_end = e > *arg && e[-1] == '}' ? e - 1 : e;
		return;
	}
	e = s < end ? s + 1 : s;
	if (s < end && *s == '\\') {
		while (e < end && isalpha((unsigned char)*e))
			e++;
		if (e == s + 1 && e < end)
			e++;
	}
	while (e < end && ((unsigned char)*e & 0xc0) == 0x80)
		e++;
	*arg = s;
	*arg_end = e;
	*sp = e;
}

/* Characters that have a superscript or a subscript form, and the forms. */
static const char script_chars[] = "0123456789+-=()ni";
static const char *const sup_forms[] = {
	"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹", "⁺", "⁻", "⁼", "⁽", "⁾", "ⁿ", "ⁱ"
};
static const char sub_chars[] = "0123456789+-=()aeoxhklmnpstiruvj";
static const char *const sub_forms[] = {
	"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉", "₊", "₋", "₌", "₍", "₎",
	"ₐ", "ₑ", "ₒ", "ₓ", "ₕ", "ₖ", "ₗ", "ₘ", "ₙ", "ₚ", "ₛ", "ₜ", "ᵢ", "ᵣ", "ᵤ", "ᵥ", "ⱼ"
};

/*
 * H$_2$O is H₂O: an argument whose every character has a superscript or
 * subscript form is written in those; any other is plain text, with its
 * mark in math ("_x").
 */
static int latex_script(latex *lx, bool sup, const char *arg, const char *arg_end)
{
	const char *chars = sup ? script_chars : sub_chars;
	const char *const *forms = sup ? sup_forms : sub_forms;
	clg_buf text = CLG_BUF_INIT, *out = lx->out;
	size_t i;
	int error;

	lx->out = &text;
	error = latex_run(lx, arg, arg_end);
	lx->out = out;
	for (i = 0; !error && i < text.len && text.ptr[i] && strchr(chars, text.ptr[i]); i++)
		;
	if (!error && text.len && i == text.len) {
		for (i = 0; !error && i < text.len; i++)
			error = clg_buf_puts(out, forms[strchr(chars, text.ptr[i]) - chars]);
	} else if (!error) {
		/* "1\textsuperscript{st}" reads as 1st; "$a_{max}$" as a_max. */
		error = clg_buf_printf(out, "%s%s", !lx->math ? "" : sup ? "^" : "_", text.ptr);
	}
	clg_buf_release(&text);
	return error;
}

/* A math accent on every character of its argument: \overline{12} is 1̅2̅. */
static int latex_mark(latex *lx, const char *mark, const char *arg, const char *arg_end)
{
	const char *p, *pend;
	clg_buf text = CLG_BUF_INIT, *out = lx->out;
	int32_t cp, next;
	int n;
	int error;

	lx->out = &text;
	error = latex_run(lx, arg, arg_end);
	lx->out = out;
	p = text.ptr;
	pend = p + text.len;
	/*
	 * One mark a character, after the marks it has already: a mark on
	 * each mark would double the text at each nested accent.
	 */
	for (; !error && p < pend; p += n) {
		if ((n = clg_utf8_next(&cp, p, (size_t)(pend - p))) < 0)
			break;	/* latex_run() writes whole characters */
		error = clg_buf_put(out, p, (size_t)n);
		if (!error && (p + n == pend ||
			       clg_utf8_next(&next, p + n, (size_t)(pend - p - n)) < 0 ||
			       !clg_char_is_mark(next)))
			error = clg_buf_puts(out, mark);
	}
	clg_buf_release(&text);
	return error;
}

/* An address as written: braces and backslash escapes removed, ~ kept. */
static int latex_raw(clg_buf *out, const char *s, const char *end)
{
	int error = 0;

	for (; s < end && !error; s++) {
		if (*s == '{' || *s == '}')
			continue;
		if (*s == '\\' && s + 1 < end)
			s++;
		error = clg_buf_putc(out, *s);
	}
	return error;
}

static int latex_command(latex *lx, const char **sp, const char *end)
{
	const char *s = *sp + 1, *name = s, *after, *arg, *arg_end;
	const latex_cmd *cmd;
	size_t n;
	int error;

	if (s >= end)
		return (*sp = s), 0;
	if (!isalpha((unsigned char)*s)) {
		*sp = s + 1;
		if ((cmd = cmd_lookup(latex_accents, s, 1)) != NULL)
			goto accent;
		switch (*s) {
		case '\\': return clg_buf_putc(lx->out, ' ');	/* a line break */
		case '-': case '/': case '@': case '!': return 0; /* hints, spacing */
		case ',': case ';': case ':': case ' ': return clg_buf_putc(lx->out, ' ');
		default: return clg_buf_putc(lx->out, *s);	/* \& \% \$ \# \_ \{ \} */
		}
	}
	while (s < end && isalpha((unsigned char)*s))
		s++;
	n = (size_t)(s - name);
	after = s;
	/* TeX drops the spaces after a control word. */
	while (s < end && (*s == ' ' || *s == '\n' || *s == '\t'))
		s++;
	*sp = s;
	if (n == 1 && strchr("uvHckrdbt", *name) &&
	    (cmd = cmd_lookup(latex_accents, name, 1)) != NULL)
		goto accent;
	if (!(cmd = cmd_lookup(latex_cmds, name, n))) {
		/* Unknown: its argument's text (the loop reads it), or its name. */
		if (lx->unknown && (error = clg_strlist_add(lx->unknown, name - 1, n + 1)) < 0)
			return error;
		return s < end && *s == '{' ? 0 : clg_buf_put(lx->out, name - 1, n + 1);
	}
	if (cmd->kind == LX_SYMBOL) {
		/*
		 * Text that TeX would space by itself keeps the reader's
		 * spaces: "$a \leq b$" but "$a\cdot b$", and "\LaTeX is".
		 */
		size_t t = strlen(cmd->text);

		if (lx->math ? name - 1 > lx->begin && name[-2] == ' ' :
		    t && isalpha((unsigned char)cmd->text[t - 1]))
			*sp = after;
		return clg_buf_puts(lx->out, cmd->text);
	}
	latex_arg(&arg, &arg_end, sp, end);
	switch (cmd->kind) {
	case LX_KEEP:
		if ((error = clg_buf_puts(lx->out, cmd->text)) < 0)
			return error;
		return latex_run(lx, arg, arg_end);
	case LX_DROP:
		return 0;
	case LX_SECOND:
		latex_arg(&arg, &arg_end, sp, end);
		return latex_run(lx, arg, arg_end);
	case LX_URL:
		return latex_raw(lx->out, arg, arg_end);
	case LX_SUP:
	case LX_SUB:
		return latex_script(lx, cmd->kind == LX_SUP, arg, arg_end);
	case LX_GLYPH: {
		char hex[9] = "";
		long cp;

		if (arg_end - arg > 0 && arg_end - arg < 7)
			memcpy(hex, arg, (size_t)(arg_end - arg));
		cp = strtol(hex, NULL, 16);
		if (hex[0] && hex[strspn(hex, "0123456789abcdefABCDEF")] == '\0' &&
		    cp >= 0x20 && cp < 0x110000 && (cp < 0xd800 || cp > 0xdfff))
			return clg_buf_put_char(lx->out, (int32_t)cp);
		return latex_run(lx, arg, arg_end);
	}
	case LX_MARK:
		return latex_mark(lx, cmd->text, arg, arg_end);
	case LX_FRAC:
		if ((error = latex_run(lx, arg, arg_end)) < 0 ||
		    (error = clg_buf_putc(lx->out, '/')) < 0)
			return error;
		latex_arg(&arg, &arg_end, sp, end);
		return latex_run(lx, arg, arg_end);
	case LX_QUOTE:
		if ((error = clg_buf_puts(lx->out, "“")) < 0 ||
		    (error = latex_run(lx, arg, arg_end)) < 0)
			return error;
		return clg_buf_puts(lx->out, "”");
	default:
		return 0;
	}
accent:
	/* An accent on its argument: "{o}", "o", "\i" or "{\i}". */
	latex_arg(&arg, &arg_end, sp, end);
	/* A dotless i or j under an accent is the plain letter. */
	if (arg_end - arg == 2 && arg[0] == '\\' && (arg[1] == 'i' || arg[1] == 'j')) {
		if ((error = clg_buf_putc(lx->out, arg[1])) < 0)
			return error;
	} else if ((error = latex_run(lx, arg, arg_end)) < 0) {
		return error;
	}
	return clg_buf_puts(lx->out, cmd->text);
}

/*
 * Arguments within arguments (\emph{\emph{...}}): each level reads its
 * group again, so the depth is bounded; real titles nest a few levels.
 */
#define LATEX_DEPTH_MAX 32

static int latex_run(latex *lx, const char *s, const char *end)
{
	const char *arg, *arg_end;
	int error = 0;

	if (lx->depth >= LATEX_DEPTH_MAX)
		return clg_error_set(CLG_ELIMIT, "LaTeX commands nested more than %d deep "
			"(the limit)", LATEX_DEPTH_MAX);
	lx->depth++;
	while (s < end && !error) {
		switch (*s) {
		case '\\':
			error = latex_command(lx, &s, end);
			continue;
		case '{': case '}':
			s++;
			continue;
		case '$':
			lx->math = !lx->math;
			s++;
			continue;
		case '_': case '^':
			if (lx->math) {
				bool sup = *s++ == '^';

				latex_arg(&arg, &arg_end, &s, end);
				error = latex_script(lx, sup, arg, arg_end);
				continue;
			}
			break;
		case '~':
			error = clg_buf_puts(lx->out, "\xc2\xa0");
			s++;
			continue;
		case '-':
			if (lx->math) {
				error = clg_buf_putc(lx->out, *s++);
			} else if (s + 2 < end && s[1] == '-' && s[2] == '-') {
				error = clg_buf_puts(lx->out, "—");
				s += 3;
			} else if (s + 1 < end && s[1] == '-') {
				error = clg_buf_puts(lx->out, "–");
				s += 2;
			} else {
				error = clg_buf_putc(lx->out, *s++);
			}
			continue;
		case '`':
			if (s + 1 < end && s[1] == '`') {
				error = clg_buf_puts(lx->out, "“");
				s += 2;
				continue;
			}
			break;
		case '\'':
			if (s + 1 < end && s[1] == '\'') {
				error = clg_buf_puts(lx->out, "”");
				s += 2;
				continue;
			}
			break;
		default:
			break;
		}
		error = clg_buf_putc(lx->out, *s++);
	}
	lx->depth--;
	return error;
}

/* Fold runs of white space (no-break spaces kept) and trim. */
static int fold_space(clg_buf *b)
{
	size_t i, k = 0;
	bool space = true;

	for (i = 0; i < b->len; i++) {
		char c = b->ptr[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			if (!space)
				b->ptr[k++] = ' ';
			space = true;
		} else {
			b->ptr[k++] = c;
			space = false;
		}
	}
	if (k && b->ptr[k - 1] == ' ')
		k--;
	clg_buf_truncate(b, k);
	return 0;
}

/* LaTeX to text; the control words it did not know go to `unknown`. */
static int latex_text(clg_buf *out, clg_strlist *unknown, const char *s)
{
	latex lx = { out, unknown, s, false, 0 };
	int error;

	clg_buf_clear(out);
	if ((error = latex_run(&lx, s, s + strlen(s))) < 0 ||
	    (error = fold_space(out)) < 0)
		return error;
	return clg_text_nfc(out);
}

int clg_latex_text(clg_buf *out, const char *s)
{
	return latex_text(out, NULL, s);
}

/* BibTeX. */

/*
 * @string macros may name macros: each '#' can double a value, and 900
 * bytes grew to gigabytes.  A value is at most BIB_VALUE_MAX bytes, and
 * the macros expanded in one file copy at most BIB_EXPANSION_MAX bytes in
 * all, so reading a file takes time and memory in proportion to it.
 */
#define BIB_VALUE_MAX (64u << 10)
#define BIB_EXPANSION_MAX (8u << 20)

typedef struct {
	char *name;	/* lower case */
	char *value;
} macro;

typedef struct {
	char *name;	/* lower case */
	char *value;	/* macros expanded, '#' joined, inner braces kept */
} bib_field;

/* An entry as read: its fields, before crossref and mapping. */
typedef struct {
	char *type;	/* lower case */
	char *key;
	char *lkey;	/* lower case: BibTeX keys are case-insensitive */
	int line;
	size_t start, end;	/* its text in the file */
	bib_field *fields;
	size_t nfields, falloc;
	size_t own;		/* fields of its own, before crossref added some */
	bool dup;		/* its key was used before */
} bib_entry;

typedef struct {
	const char *s;
	size_t len, pos;
	size_t line_pos;	/* line counting: `line` is the line of `line_pos` */
	int line;
	macro *macros;
	size_t nmacros, macros_alloc;
	clg_map macro_names;	/* name -> value, the first definition */
	clg_buf key;		/* scratch: a name in lower case */
	size_t expanded;	/* bytes copied from macros so far */
	bib_entry *entries;	/* read so far; entries[nentries] is being read */
	size_t nentries, ealloc;
	clg_refs *refs;		/* for warnings */
	const char *name;
} bib;

static int bib_line(bib *b, size_t pos)
{
	if (pos < b->line_pos) {
		b->line_pos = 0;
		b->line = 1;
	}
	for (; b->line_pos < pos && b->line_pos < b->len; b->line_pos++)
		if (b->s[b->line_pos] == '\n')
			b->line++;
	return b->line;
}

static void bib_space(bib *b)
{
	while (b->pos < b->len && isspace((unsigned char)b->s[b->pos]))
		b->pos++;
}

static bool bib_ident_char(char c)
{
	return isalnum((unsigned char)c) || strchr("_:.+-/'!?*&$;<>|", c) || ((unsigned char)c & 0x80);
}

static size_t bib_ident(bib *b)
{
	size_t start = b->pos;

	while (b->pos < b->len && bib_ident_char(b->s[b->pos]))
		b->pos++;
	return b->pos - start;
}

static const char *const month_macros[] = {
	"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", NULL
};

/* `name` (n bytes) in lower case, in b->key. */
static int bib_key(bib *b, const char *name, size_t n)
{
	size_t i;

	clg_buf_clear(&b->key);
	for (i = 0; i < n; i++)
		if (clg_buf_putc(&b->key, (char)tolower((unsigned char)name[i])) < 0)
			return CLG_ENOMEM;
	return 0;
}

/* The value of macro `name` (n bytes), or NULL: by hash, not by a scan. */
static int bib_macro(const char **out, bib *b, const char *name, size_t n)
{
	static const char *const numbers[] = {
		"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"
	};
	size_t i;

	*out = NULL;
	if (bib_key(b, name, n) < 0)
		return CLG_ENOMEM;
	if ((*out = clg_map_get(&b->macro_names, b->key.ptr)) != NULL)
		return 0;
	for (i = 0; month_macros[i]; i++)
		if (n == 3 && !strncasecmp(month_macros[i], name, 3))
			*out = numbers[i];
	return 0;
}

/* A value: {...}, "...", a number or a macro, joined by '#'. */
static int bib_value(bib *b, clg_buf *out, const char **why)
{
	int error = 0;

	clg_buf_clear(out);
	for (;;) {
		size_t start;
		char c;

		bib_space(b);
		if (b->pos >= b->len)
			return (*why = "the entry ends inside a value"), CLG_EINVALID;
		c = b->s[b->pos];
		start = b->pos;
		if (c == '{') {
			const char *end = group_end(b->s + b->pos);

			if (end[-1] != '}' || end > b->s + b->len)
				return (*why = "a '{' is never closed"), CLG_EINVALID;
			b->pos = (size_t)(end - b->s);
			error = clg_buf_put(out, b->s + start + 1, b->pos - start - 2);
		} else if (c == '"') {
			int depth = 0;

			for (b->pos++; b->pos < b->len; b->pos++) {
				char d = b->s[b->pos];

				if (d == '\\' && b->pos + 1 < b->len)
					b->pos++;
				else if (d == '{')
					depth++;
				else if (d == '}')
					depth--;
				else if (d == '"' && depth <= 0)
					break;
			}
			if (b->pos >= b->len)
				return (*why = "a '\"' is never closed"), CLG_EINVALID;
			b->pos++;
			error = clg_buf_put(out, b->s + start + 1, b->pos - start - 2);
		} else if (bib_ident_char(c)) {
			size_t n = bib_ident(b);
			const char *v;

			if ((error = bib_macro(&v, b, b->s + start, n)) < 0)
				return error;
			if (v && (b->expanded += strlen(v)) > BIB_EXPANSION_MAX)
				return (*why = "@string macros expand to more than "
					"8 MiB in this file (the limit)"), CLG_EINVALID;
			if (v)
				error = clg_buf_puts(out, v);
			else if (strspn(b->s + start, "0123456789") >= n)
				error = clg_buf_put(out, b->s + start, n);
			else	/* BibTeX warns, and reads it as empty */
				error = warn(b->refs, b->name, bib_line(b, start), "undefined "
					"@string macro '%.*s' (read as empty, as BibTeX does)",
					(int)n, b->s + start);
		} else {
			return (*why = "expected a value in braces, quotes, a number or a macro"),
				CLG_EINVALID;
		}
		if (error)
			return error;
		if (out->len > BIB_VALUE_MAX)
			return (*why = "a value is longer than 65536 bytes (the "
				"limit), with @string macros expanded"), CLG_EINVALID;
		bib_space(b);
		if (b->pos < b->len && b->s[b->pos] == '#') {
			b->pos++;
			continue;
		}
		return 0;
	}
}

static const char *bib_get(const bib_entry *e, const char *name)
{
	size_t i;

	for (i = 0; i < e->nfields; i++)
		if (!strcmp(e->fields[i].name, name))
			return e->fields[i].value;
	return NULL;
}

static void bib_entry_release(bib_entry *e)
{
	size_t i;

	for (i = 0; i < e->nfields; i++) {
		clg_free(e->fields[i].name);
		clg_free(e->fields[i].value);
	}
	clg_free(e->fields);
	clg_free(e->type);
	clg_free(e->key);
	clg_free(e->lkey);
	memset(e, 0, sizeof(*e));
}

static int bib_add_field(bib_entry *e, const char *name, size_t n, const char *value)
{
	bib_field *f;
	size_t i;

	if (clg_grow((void **)&e->fields, &e->falloc, e->nfields + 1, sizeof(*f)) < 0)
		return CLG_ENOMEM;
	f = &e->fields[e->nfields];
	if (!(f->name = clg_strndup(name, n)) || !(f->value = clg_strdup(value))) {
		clg_free(f->name);
		return CLG_ENOMEM;
	}
	for (i = 0; i < n; i++)
		f->name[i] = (char)tolower((unsigned char)f->name[i]);
	e->nfields++;
	return 0;
}

/*
 * crossref: the fields an entry lacks come from the entry it names, as
 * in BibTeX (one level: the parent's own crossref is not followed).
 */
static int bib_crossref(bib *b, bib_entry *e, const clg_map *keys)
{
	const char *parent_key = bib_get(e, "crossref");
	clg_buf lower = CLG_BUF_INIT;
	const bib_entry *parent;
	size_t i;
	int error = 0;

	if (!parent_key)
		return 0;
	CHECK(clg_buf_puts(&lower, parent_key));
	for (i = 0; i < lower.len; i++)
		lower.ptr[i] = (char)tolower((unsigned char)lower.ptr[i]);
	if (!(parent = clg_map_get(keys, lower.ptr)) || parent == e) {
		error = warn(b->refs, b->name, e->line, "BibTeX entry '%s': crossref '%s' names %s; "
			"its own fields are used", e->key, parent_key, parent ? "the entry itself" :
			"no entry of this file");
		goto done;
	}
	for (i = 0; i < parent->own; i++) {
		const bib_field *f = &parent->fields[i];

		if (!bib_get(e, f->name) && strcmp(f->name, "crossref"))
			CHECK(bib_add_field(e, f->name, strlen(f->name), f->value));
	}
done:
	clg_buf_release(&lower);
	return error;
}

/*
 * biblatex's extended name format, "family=Dupont, given=Jean, prefix=de",
 * as "Jean de Dupont" in `out`; 1 when `s` is not in that format.
 */
static int bib_name_parts(clg_buf *out, const char *s)
{
	static const char *const keys[] = { "given", "prefix", "family", "suffix", NULL };
	const char *part[4] = { NULL }, *p = s;
	size_t len[4] = { 0 }, i, k;
	bool any = false;

	while (*p) {
		const char *item = p, *eq = NULL, *v, *ve;
		int depth = 0;

		for (; *p && (depth || *p != ','); p++) {
			if (*p == '{')
				depth++;
			else if (*p == '}')
				depth--;
			else if (*p == '=' && !depth && !eq)
				eq = p;
		}
		if (!eq)
			return 1;
		while (*item == ' ')
			item++;
		for (k = (size_t)(eq - item); k && item[k - 1] == ' '; k--)
			;
		for (v = eq + 1; *v == ' '; v++)
			;
		for (ve = p; ve > v && ve[-1] == ' '; ve--)
			;
		if (ve - v >= 2 && *v == '{' && ve[-1] == '}') {
			v++;
			ve--;
		}
		for (i = 0; keys[i]; i++)
			if (strlen(keys[i]) == k && !strncmp(keys[i], item, k)) {
				part[i] = v;
				len[i] = (size_t)(ve - v);
				any = true;
			}
		if (*p)
			p++;
	}
	if (!any || (!len[0] && !len[2]))
		return 1;
	clg_buf_clear(out);
	for (i = 0; i < 3; i++)
		if (len[i] && clg_buf_printf(out, "%s%.*s", out->len ? " " : "",
					     (int)len[i], part[i]) < 0)
			return CLG_ENOMEM;
	if (len[3] && clg_buf_printf(out, ", %.*s", (int)len[3], part[3]) < 0)
		return CLG_ENOMEM;
	return 0;
}

/* Split a name list on " and " outside braces. */
static int bib_names(ref *r, clg_strlist *unknown, const char *list)
{
	clg_buf one = CLG_BUF_INIT, name = CLG_BUF_INIT, text = CLG_BUF_INIT;
	const char *p = list, *start = list;
	int depth = 0, parts, error = 0;

	for (;; p++) {
		bool split = false;

		if (*p == '{')
			depth++;
		else if (*p == '}')
			depth--;
		else if (!depth && isspace((unsigned char)*p) && !strncasecmp(p + 1, "and", 3) &&
			 isspace((unsigned char)p[4]))
			split = true;
		if (!split && *p)
			continue;
		clg_buf_clear(&one);
		CHECK(clg_buf_put(&one, start, (size_t)(p - start)));
		CHECK(fold_space(&one));
		if (one.len && strcmp(one.ptr, "others")) {
			/* "von Last, Jr, First" or "von Last, First": first name first. */
			char *c1 = NULL, *c2 = NULL, *q;
			int d = 0;

			for (q = one.ptr; *q; q++) {
				if (*q == '{')
					d++;
				else if (*q == '}')
					d--;
				else if (*q == ',' && !d) {
					if (!c1)
						c1 = q;
					else if (!c2)
						c2 = q;
				}
			}
			/* biblatex's "given=Jean, family=Dupont", else BibTeX's forms. */
			CHECK(parts = bib_name_parts(&name, one.ptr));
			if (parts && !c1) {
				clg_buf_clear(&name);
				CHECK(clg_buf_puts(&name, one.ptr));
			} else if (parts) {
				const char *first = (c2 ? c2 : c1) + 1;

				clg_buf_clear(&name);
				CHECK(clg_buf_printf(&name, "%s %.*s", first, (int)(c1 - one.ptr), one.ptr));
				if (c2)
					CHECK(clg_buf_printf(&name, ", %.*s", (int)(c2 - c1 - 1), c1 + 1));
			}
			CHECK(latex_text(&text, unknown, name.ptr));
			if (text.len && text.ptr[0] == ',')	/* ", Jr" of a name without one */
				memmove(text.ptr, text.ptr + 1, text.len--);
			CHECK(fold_space(&text));
			CHECK(ref_add_name(r, text.ptr));
		}
		if (!*p)
			break;
		p += 4;
		start = p + 1;
	}
done:
	clg_buf_release(&one);
	clg_buf_release(&name);
	clg_buf_release(&text);
	return error;
}

/* A URL or DOI as written: braces and backslash escapes removed, nothing else. */
static int bib_raw(char **out, const char *s)
{
	clg_buf b = CLG_BUF_INIT;
	int error = 0;

	for (; *s && !error; s++) {
		if (*s == '{' || *s == '}')
			continue;
		if (*s == '\\' && s[1])
			s++;
		error = clg_buf_putc(&b, *s);
	}
	if (!error)
		error = fold_space(&b);
	if (!error)
		error = set_str(out, b.ptr);
	clg_buf_release(&b);
	return error;
}

/* The address in a \url{...} of a note or howpublished field, if any. */
static int bib_url_in(char **out, const char *s)
{
	const char *u = s ? strstr(s, "\\url{") : NULL;
	const char *end;
	char *inner;
	int error;

	if (u) {
		u += 4;
	} else if (s && (u = strstr(s, "\\href")) != NULL) {
		/* \href {address} {text}: the address */
		for (u += 5; *u == ' '; u++)
			;
		if (*u != '{')
			return 0;
	} else {
		return 0;
	}
	end = group_end(u);
	if (end[-1] != '}')
		return 0;
	if (!(inner = clg_strndup(u + 1, (size_t)(end - u - 2))))
		return CLG_ENOMEM;
	error = bib_raw(out, inner);
	clg_free(inner);
	return error;
}

static const char *const language_names[][2] = {
	{ "english", "en" }, { "american", "en" }, { "british", "en" },
	{ "usenglish", "en" }, { "ukenglish", "en" }, { "canadian", "en" },
	{ "australian", "en" }, { "german", "de" }, { "ngerman", "de" },
	{ "austrian", "de" }, { "french", "fr" }, { "italian", "it" },
	{ "spanish", "es" }, { "portuguese", "pt" }, { "brazil", "pt" },
	{ "dutch", "nl" }, { "danish", "da" }, { "swedish", "sv" },
	{ "norwegian", "no" }, { "finnish", "fi" }, { "icelandic", "is" },
	{ "polish", "pl" }, { "czech", "cs" }, { "slovak", "sk" },
	{ "russian", "ru" }, { "ukrainian", "uk" }, { "serbian", "sr" },
	{ "croatian", "hr" }, { "slovene", "sl" }, { "bulgarian", "bg" },
	{ "greek", "el" }, { "turkish", "tr" }, { "hungarian", "hu" },
	{ "romanian", "ro" }, { "latin", "la" }, { "chinese", "zh" },
	{ "japanese", "ja" }, { "korean", "ko" }, { "arabic", "ar" },
	{ "hebrew", "he" }, { NULL, NULL }
};

/* A language tag: a BibTeX language name mapped, a BCP 47 tag kept. */
static int set_language(char **out, const char *s)
{
	size_t i, n;

	if (!s)
		return 0;
	for (i = 0; language_names[i][0]; i++)
		if (!strcasecmp(language_names[i][0], s))
			return set_str(out, language_names[i][1]);
	n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
	if (!s[n] && n >= 2 && n <= 35 && isalpha((unsigned char)s[0]))
		return set_str(out, s);
	return 0;
}

/*
 * The month field, and a day in it: "sep", "9", "September", "2 sep",
 * "sep~2" (biblatex writes a number; Zotero and people write the rest).
 */
static void bib_month(int *month, int *day, const char *m)
{
	static const char *const names[] = {
		"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
	};
	int i, n[2] = { 0, 0 }, nn = 0;

	*month = *day = 0;
	while (m && *m) {
		if (isdigit((unsigned char)*m)) {
			if (nn < 2)
				n[nn++] = atoi(m);
			while (isdigit((unsigned char)*m))
				m++;
		} else if (isalpha((unsigned char)*m)) {
			for (i = 0; i < 12 && !*month; i++)
				if (!strncasecmp(m, names[i], 3))
					*month = i + 1;
			while (isalpha((unsigned char)*m))
				m++;
		} else {
			m++;
		}
	}
	if (*month)		/* a name: a number beside it is the day */
		*day = n[0];
	else if (nn == 1)	/* a number alone is the month */
		*month = n[0];
}

/*
 * A year as BibTeX writes it: four digits, perhaps braced, perhaps with a
 * letter ("2019a"), perhaps the start of a range ("2020--2021"); 0 for
 * anything else ("13th Century", "circa 1850").
 */
static int bib_year(const char *y)
{
	const char *rest;

	while (*y == '{' || *y == ' ')
		y++;
	if (strspn(y, "0123456789") != 4)
		return 0;
	rest = y + 4;
	if (isalpha((unsigned char)*rest) && !isalpha((unsigned char)rest[1]))
		rest++;
	if (*rest == '-' || *rest == '/' || !strncmp(rest, "–", strlen("–"))) {
		rest += *rest == '-' || *rest == '/' ? strspn(rest, "-/") : strlen("–");
		if (strspn(rest, "0123456789") != 4)
			return 0;
		rest += 4;
	}
	return rest[strspn(rest, "} ")] ? 0 : atoi(y);
}

/* Text with its markup turned into characters; unknown commands noted. */
static int bib_text(char **out, clg_strlist *unknown, const char *v)
{
	clg_buf t = CLG_BUF_INIT;
	int error;

	if ((error = latex_text(&t, unknown, v)) == 0)
		error = set_str(out, t.ptr);
	clg_buf_release(&t);
	return error;
}

/* The fields of one entry into a reference. */
static int bib_ref(ref *r, clg_strlist *unknown, const bib_entry *e)
{
	clg_buf t = CLG_BUF_INIT, u = CLG_BUF_INIT;
	const char *v, *y;
	const char *publisher_fields[] = {
		"publisher", "journal", "journaltitle", "institution", "school",
		"organization", NULL
	};
	size_t i;
	int error = 0;

	if ((v = bib_get(e, "title"))) {
		CHECK(bib_text(&r->title, unknown, v));
		/* biblatex's subtitle follows the title after a colon. */
		if (r->title && (v = bib_get(e, "subtitle"))) {
			size_t n = strlen(r->title);
			bool punct = n && strchr(".:?!", r->title[n - 1]);

			CHECK(latex_text(&t, unknown, v));
			if (t.len) {
				CHECK(clg_buf_printf(&u, "%s%s%s", r->title, punct ? " " : ": ",
					t.ptr));
				CHECK(set_str(&r->title, u.ptr));
			}
		}
	}
	if ((v = bib_get(e, "author")) || (v = bib_get(e, "editor")))
		CHECK(bib_names(r, unknown, v));
	for (i = 0; publisher_fields[i] && !r->publisher; i++)
		if ((v = bib_get(e, publisher_fields[i])))
			CHECK(bib_text(&r->publisher, unknown, v));
	if ((v = bib_get(e, "date")))
		CHECK(date_from_text(&r->date, v));
	if (!r->date && (y = bib_get(e, "year"))) {
		const char *d = bib_get(e, "day");
		int month, day;

		bib_month(&month, &day, bib_get(e, "month"));
		if (d)
			day = atoi(d);
		CHECK(date_from_parts(&r->date, bib_year(y), month, day));
		if (!r->date)
			CHECK(set_str(&r->dropped, y));
	} else if (v && !r->date) {
		CHECK(set_str(&r->dropped, v));
	}
	if ((v = bib_get(e, "urldate")))
		CHECK(date_from_text(&r->retrieved, v));
	if ((v = bib_get(e, "url")))
		CHECK(bib_raw(&r->url, v));
	else if ((v = bib_get(e, "doi"))) {
		CHECK(bib_raw(&r->url, v));
		if (r->url && strncmp(r->url, "http", 4)) {
			clg_buf_clear(&t);
			CHECK(clg_buf_printf(&t, "https://doi.org/%s", r->url));
			CHECK(set_str(&r->url, t.ptr));
		}
	}
	if (!r->url)
		CHECK(bib_url_in(&r->url, bib_get(e, "howpublished")));
	if (!r->url)
		CHECK(bib_url_in(&r->url, bib_get(e, "note")));
	if ((v = bib_get(e, "langid")) || (v = bib_get(e, "language"))) {
		CHECK(latex_text(&t, NULL, v));
		CHECK(set_language(&r->language, t.ptr));
	}
done:
	clg_buf_release(&t);
	clg_buf_release(&u);
	return error;
}

/* A source id from a citation key: "Nöme2014" is "nome2014". */
static int key_to_id(clg_buf *out, const char *key)
{
	int lost;

	clg_buf_clear(out);
	if ((lost = clg_text_slug(out, key, true)) < 0)
		return lost;
	while (out->len && strchr(".-_", out->ptr[out->len - 1]))
		clg_buf_truncate(out, out->len - 1);
	if (out->len > 60)
		clg_buf_truncate(out, 60);
	if (lost || !out->len) {
		char hex[65];

		clg_sha256_hex(hex, key, strlen(key));
		return clg_buf_printf(out, "%s%.8s", out->len ? "-" : "ref-", hex);
	}
	return 0;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/*
 * A reference and its entry text into a source of `refs`, or a problem.
 * The source is external: its hash is that of the entry's text, since
 * claimlog has no copy of the document (docs/export.md).
 */
static int add_ref(clg_refs *refs, clg_map *ids, ref *r, const char *entry, size_t len,
		   int line, const char *name, const char *media_type)
{
	clg_buf id = CLG_BUF_INIT, tmp = CLG_BUF_INIT;
	clg_source *s = NULL, **ns;
	char **ne, *text = NULL, hex[65];
	const char *key = r->key && *r->key ? r->key : NULL;
	void *taken;
	int *nl;
	size_t i;
	int error = 0;

	if (key) {
		CHECK(key_to_id(&id, key));
	} else {
		/* Mendeley writes "@article{,": an id from the author and year. */
		const char *last = r->nnames ? strrchr(r->names[0], ' ') : NULL;

		clg_buf_clear(&tmp);
		CHECK(clg_buf_printf(&tmp, "%s%.4s", last ? last + 1 : r->nnames ?
			r->names[0] : "ref", r->date ? r->date : ""));
		CHECK(key_to_id(&id, tmp.ptr));
		clg_sha256_hex(hex, entry, len);
		CHECK(clg_buf_printf(&id, "-%.8s", hex));
		CHECK(warn(refs, name, line, "%s without a citation key: its id is '%s', "
			"made from its author, year and text", r->kind, id.ptr));
	}
	/*
	 * Two keys that make one id ("Unkonw-" and "Unkonw"): the second
	 * gets its key's hash as well.  The same key twice is a mistake.
	 */
	if (key && (taken = clg_map_get(ids, id.ptr)) != NULL) {
		int other = refs->lines[(uintptr_t)taken - 1];

		clg_sha256_hex(hex, key, strlen(key));
		clg_buf_clear(&tmp);
		CHECK(clg_buf_printf(&tmp, "%s-%.8s", id.ptr, hex));
		if (clg_map_get(ids, tmp.ptr)) {
			error = problem(refs, name, line, "%s '%s' has the same citation key "
				"as the one on line %d (give one of them another key)",
				r->kind, key, other);
			goto done;
		}
		CHECK(warn(refs, name, line, "%s '%s' would have the id '%s' of the one on "
			"line %d; its id is '%s'", r->kind, key, id.ptr, other, tmp.ptr));
		clg_buf_clear(&id);
		CHECK(clg_buf_puts(&id, tmp.ptr));
	}
	if (!r->title) {
		error = problem(refs, name, line, "%s '%s' has no title (claimlog "
			"needs one; add it in the reference manager)", r->kind, key ? key : id.ptr);
		goto done;
	}
	if (!(text = clg_malloc(len + 2))) {
		error = CLG_ENOMEM;
		goto done;
	}
	memcpy(text, entry, len);
	text[len] = '\n';
	text[len + 1] = '\0';
	CHECK(clg_source_new(&s, id.ptr));
	CHECK(set_str(&s->title, r->title));
	for (i = 0; i < r->nnames; i++)
		CHECK(clg_source_add_author(s, r->names[i]));
	CHECK(set_str(&s->publisher, r->publisher));
	CHECK(set_str(&s->published, r->date));
	CHECK(set_str(&s->url, r->url));
	CHECK(set_str(&s->retrieved, r->retrieved));
	CHECK(set_str(&s->language, r->language));
	CHECK(set_str(&s->media_type, media_type));
	clg_sha256_hex(hex, text, len + 1);
	CHECK(set_str(&s->sha256, hex));
	s->size = len + 1;
	CHECK(set_str(&s->original_name, base_name(name)));
	clg_buf_clear(&tmp);
	CHECK(clg_buf_printf(&tmp, "Imported from %s, %s '%s'%s%s%s.", base_name(name),
		r->kind, key ? key : "", r->type ? " (" : "", r->type ? r->type : "",
		r->type ? ")" : ""));
	if (r->dropped)
		CHECK(clg_buf_printf(&tmp, " Its date '%s' was not understood.", r->dropped));
	CHECK(set_str(&s->note, tmp.ptr));
	/* What the store would refuse (clg_txn_put_source()), with the line. */
	clg_buf_clear(&tmp);
	if ((error = clg_source_check_write(s)) == 0 &&
	    (error = clg_source_write(&tmp, s)) == 0 && tmp.len > CLG_FILE_MAX)
		error = clg_error_set(CLG_ELIMIT, "the record would be %zu bytes, "
			"over the limit of %u bytes for a record file", tmp.len,
			CLG_FILE_MAX);
	if (error == CLG_ENOMEM)
		goto done;
	if (error) {
		error = problem(refs, name, line, "%s '%s': %s", r->kind, key ? key : id.ptr,
			clg_error_last());
		goto done;
	}
	if (!(ns = clg_realloc(refs->sources, (refs->count + 1) * sizeof(*ns)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	refs->sources = ns;
	if (!(ne = clg_realloc(refs->entries, (refs->count + 1) * sizeof(*ne)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	refs->entries = ne;
	if (!(nl = clg_realloc(refs->lines, (refs->count + 1) * sizeof(*nl)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	refs->lines = nl;
	refs->sources[refs->count] = s;
	refs->entries[refs->count] = text;
	refs->lines[refs->count++] = line;
	s = NULL;
	text = NULL;
	CHECK(clg_map_put(ids, refs->sources[refs->count - 1]->id,
		(void *)(uintptr_t)refs->count, NULL));
done:
	clg_source_free(s);
	clg_free(text);
	clg_buf_release(&id);
	clg_buf_release(&tmp);
	return error;
}

/* Latin-1 to UTF-8, for BibTeX files from older tools. */
static int latin1_to_utf8(clg_buf *out, const char *s, size_t len)
{
	size_t i;
	int error = 0;

	for (i = 0; i < len && !error; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80) {
			error = clg_buf_putc(out, (char)c);
		} else {
			char u[2] = { (char)(0xc0 | (c >> 6)), (char)(0x80 | (c & 0x3f)) };

			error = clg_buf_put(out, u, 2);
		}
	}
	return error;
}

/* One entry's key and fields, after its '{' or '('; a problem when it is broken. */
static int bib_read_entry(bib *b, const char *type, size_t n, char close, size_t start,
			  int line)
{
	clg_buf value = CLG_BUF_INIT;
	const char *why = NULL;
	bib_entry *e;
	size_t k;
	int error = 0;

	if (clg_grow((void **)&b->entries, &b->ealloc, b->nentries + 1, sizeof(*e)) < 0)
		return CLG_ENOMEM;
	e = &b->entries[b->nentries];
	memset(e, 0, sizeof(*e));
	e->line = line;
	e->start = start;
	if (!(e->type = clg_strndup(type, n))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (k = 0; e->type[k]; k++)
		e->type[k] = (char)tolower((unsigned char)e->type[k]);
	bib_space(b);
	for (k = b->pos; k < b->len && b->s[k] != ',' && b->s[k] != close &&
	     !isspace((unsigned char)b->s[k]) && b->s[k] != '='; k++)
		;
	/* EndNote writes no key and no comma: "@article{ author = {...}". */
	for (n = k; n < b->len && isspace((unsigned char)b->s[n]); n++)
		;
	if (n < b->len && b->s[n] == '=')
		k = b->pos;
	if (!(e->key = clg_strndup(b->s + b->pos, k - b->pos)) ||
	    !(e->lkey = clg_strdup(e->key))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (n = 0; e->lkey[n]; n++)
		e->lkey[n] = (char)tolower((unsigned char)e->lkey[n]);
	b->pos = k;
	for (;;) {
		const char *fname;
		size_t fn;

		bib_space(b);
		if (b->pos >= b->len) {
			why = "the entry is never closed";
			break;
		}
		if (b->s[b->pos] == close) {
			b->pos++;
			break;
		}
		if (b->s[b->pos] == ',') {
			b->pos++;
			continue;
		}
		fname = b->s + b->pos;
		fn = bib_ident(b);
		bib_space(b);
		if (!fn || b->pos >= b->len || b->s[b->pos] != '=') {
			why = "expected a field: name = value";
			break;
		}
		b->pos++;
		if ((error = bib_value(b, &value, &why)) == CLG_EINVALID) {
			error = 0;
			break;
		}
		CHECK(error);
		CHECK(bib_add_field(e, fname, fn, value.ptr));
	}
	if (why) {
		CHECK(problem(b->refs, b->name, line, "BibTeX entry '%s': %s", e->key, why));
		/* Go on at the next entry. */
		while (b->pos < b->len && !(b->s[b->pos] == '@' &&
					    (!b->pos || b->s[b->pos - 1] == '\n')))
			b->pos++;
		goto done;
	}
	e->end = b->pos;
	e->own = e->nfields;
	b->nentries++;
	e = NULL;
done:
	if (e)
		bib_entry_release(e);
	clg_buf_release(&value);
	return error;
}

/* A warning that lists the LaTeX commands an entry's text kept as they were. */
static int bib_warn_unknown(bib *b, const bib_entry *e, clg_strlist *unknown)
{
	clg_buf list = CLG_BUF_INIT;
	size_t i;
	int error = 0;

	if (!unknown->count)
		return 0;
	clg_strlist_sort(unknown);
	for (i = 0; i < unknown->count; i++)
		if (!i || strcmp(unknown->items[i], unknown->items[i - 1]))
			CHECK(clg_buf_printf(&list, "%s%s", list.len ? ", " : "",
				unknown->items[i]));
	CHECK(warn(b->refs, b->name, e->line, "BibTeX entry '%s': unknown LaTeX "
		"command%s %s (the text of %s argument kept)", e->key,
		strchr(list.ptr, ',') ? "s" : "", list.ptr, strchr(list.ptr, ',') ? "their" : "its"));
done:
	clg_strlist_release(unknown);
	clg_buf_release(&list);
	return error;
}

/* The entries read into sources: duplicate keys, crossref, then each. */
static int bib_make_refs(bib *b)
{
	clg_map keys = CLG_MAP_INIT, ids = CLG_MAP_INIT;
	clg_strlist unknown = CLG_STRLIST_INIT;
	bib_entry *e, *other;
	size_t i;
	ref r;
	int error = 0;

	memset(&r, 0, sizeof(r));
	for (i = 0; i < b->nentries; i++) {
		e = &b->entries[i];
		if (!*e->key)
			continue;
		if ((other = clg_map_get(&keys, e->lkey)) != NULL) {
			CHECK(problem(b->refs, b->name, e->line, "BibTeX entry '%s' has the "
				"same citation key as the one on line %d (give one of "
				"them another key)", e->key, other->line));
			e->dup = true;
			continue;
		}
		CHECK(clg_map_put(&keys, e->lkey, e, NULL));
	}
	for (i = 0; i < b->nentries; i++) {
		e = &b->entries[i];
		if (e->dup)
			continue;
		CHECK(bib_crossref(b, e, &keys));
		ref_release(&r);
		r.kind = "BibTeX entry";
		CHECK(set_str(&r.type, e->type));
		CHECK(set_str(&r.key, e->key));
		if ((error = bib_ref(&r, &unknown, e)) == CLG_ELIMIT) {
			clg_strlist_release(&unknown);
			CHECK(problem(b->refs, b->name, e->line, "BibTeX entry '%s': %s",
				e->key, clg_error_last()));
			clg_error_clear();
			continue;
		}
		CHECK(error);
		CHECK(bib_warn_unknown(b, e, &unknown));
		CHECK(add_ref(b->refs, &ids, &r, b->s + e->start, e->end - e->start, e->line,
			b->name, "application/x-bibtex"));
	}
done:
	ref_release(&r);
	clg_strlist_release(&unknown);
	clg_map_release(&keys);
	clg_map_release(&ids);
	return error;
}

static int by_line(const void *a, const void *b)
{
	const clg_import_problem *x = a, *y = b;

	return x->line != y->line ? (x->line > y->line) - (x->line < y->line) :
		strcmp(x->message, y->message);
}

static int parse_bibtex(clg_refs *refs, const char *data, size_t len, const char *name)
{
	clg_buf utf8 = CLG_BUF_INIT, value = CLG_BUF_INIT;
	size_t bad;
	bib b;
	int error = 0;

	memset(&b, 0, sizeof(b));
	b.refs = refs;
	b.name = name;
	/* A copy, NUL-terminated (the scanners rely on it), in UTF-8. */
	if (clg_utf8_check(&bad, data, len) < 0) {
		int line = 1;
		size_t i;

		clg_error_clear();
		/* Older tools write Latin-1; a UTF-8 file with one bad byte reads oddly. */
		for (i = 0; i < bad; i++)
			line += data[i] == '\n';
		CHECK(warn(refs, name, line, "the file is not UTF-8 (a byte on this line "
			"is not); it was read as Latin-1, so check its accents"));
		CHECK(latin1_to_utf8(&utf8, data, len));
	} else {
		CHECK(clg_buf_put(&utf8, data, len));
	}
	data = utf8.ptr;
	len = utf8.len;
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3)) {
		data += 3;
		len -= 3;
	}
	b.s = data;
	b.len = len;
	b.line = 1;
	while (b.pos < b.len) {
		size_t start, n;
		const char *type, *why = NULL;
		char open, close;
		int line;

		/* Outside entries: anything; '%' comments to the end of the line. */
		if (b.s[b.pos] == '%') {
			while (b.pos < b.len && b.s[b.pos] != '\n')
				b.pos++;
			continue;
		}
		if (b.s[b.pos] != '@') {
			b.pos++;
			continue;
		}
		start = b.pos++;
		line = bib_line(&b, start);
		bib_space(&b);
		type = b.s + b.pos;
		n = bib_ident(&b);
		bib_space(&b);
		/* "@comment text": BibTeX skips the word and reads on. */
		if (n == 7 && !strncasecmp(type, "comment", 7) &&
		    (b.pos >= b.len || (b.s[b.pos] != '{' && b.s[b.pos] != '(')))
			continue;
		if (!n || b.pos >= b.len || (b.s[b.pos] != '{' && b.s[b.pos] != '(')) {
			CHECK(problem(refs, name, line, "'@' is not followed by an entry "
				"type and '{' (write @article{key, ...})"));
			continue;
		}
		open = b.s[b.pos++];
		close = open == '{' ? '}' : ')';
		if ((n == 7 && !strncasecmp(type, "comment", 7)) ||
		    (n == 8 && !strncasecmp(type, "preamble", 8))) {
			if (open == '{') {
				const char *end = group_end(b.s + b.pos - 1);

				b.pos = (size_t)(end - b.s);
			} else {
				while (b.pos < b.len && b.s[b.pos] != ')')
					b.pos++;
			}
			continue;
		}
		if (n == 6 && !strncasecmp(type, "string", 6)) {
			macro *m;
			size_t ns;
			const char *mname;

			bib_space(&b);
			mname = b.s + b.pos;
			ns = bib_ident(&b);
			bib_space(&b);
			if (!ns || b.pos >= b.len || b.s[b.pos] != '=') {
				CHECK(problem(refs, name, line, "@string needs NAME = VALUE"));
				continue;
			}
			b.pos++;
			if ((error = bib_value(&b, &value, &why)) == CLG_EINVALID) {
				CHECK(problem(refs, name, line, "@string: %s", why));
				continue;
			}
			CHECK(error);
			CHECK(clg_grow((void **)&b.macros, &b.macros_alloc, b.nmacros + 1,
				       sizeof(*m)));
			m = b.macros;
			CHECK(bib_key(&b, mname, ns));
			m[b.nmacros].name = clg_strdup(b.key.ptr);
			m[b.nmacros].value = clg_strdup(value.ptr);
			if (!m[b.nmacros].name || !m[b.nmacros].value) {
				clg_free(m[b.nmacros].name);
				clg_free(m[b.nmacros].value);
				error = CLG_ENOMEM;
				goto done;
			}
			b.nmacros++;
			/* As before the map: the first definition of a name counts. */
			if (!clg_map_get(&b.macro_names, m[b.nmacros - 1].name))
				CHECK(clg_map_put(&b.macro_names, m[b.nmacros - 1].name,
						  m[b.nmacros - 1].value, NULL));
			bib_space(&b);
			if (b.pos < b.len && b.s[b.pos] == close)
				b.pos++;
			continue;
		}
		/* An entry: kept until every entry is read, for crossref. */
		CHECK(bib_read_entry(&b, type, n, close, start, line));
	}
	CHECK(bib_make_refs(&b));
	/* Reported in the order of the file, though found in two passes. */
	if (refs->nproblems)
		qsort(refs->problems, refs->nproblems, sizeof(*refs->problems), by_line);
	if (refs->nwarnings)
		qsort(refs->warnings, refs->nwarnings, sizeof(*refs->warnings), by_line);
done:
	while (b.nentries--)
		bib_entry_release(&b.entries[b.nentries]);
	clg_free(b.entries);
	while (b.nmacros--) {
		clg_free(b.macros[b.nmacros].name);
		clg_free(b.macros[b.nmacros].value);
	}
	clg_free(b.macros);
	clg_map_release(&b.macro_names);
	clg_buf_release(&b.key);
	clg_buf_release(&utf8);
	clg_buf_release(&value);
	return error;
}

/* CSL-JSON. */

/* A CSL rich-text string without its markup (<i>, <b>, <sup>, <sub>, <span ...>). */
static int csl_text(char **out, const char *s)
{
	static const char *const tags[] = {
		"i", "b", "sup", "sub", "span", "sc", NULL
	};
	clg_buf b = CLG_BUF_INIT;
	int error = 0;

	while (s && *s && !error) {
		if (*s == '<') {
			const char *p = s + 1 + (s[1] == '/');
			size_t i, n = strspn(p, "abcdefghijklmnopqrstuvwxyz");
			const char *gt = strchr(p, '>');

			for (i = 0; tags[i] && gt; i++)
				if (strlen(tags[i]) == n && !strncmp(tags[i], p, n) &&
				    (p[n] == '>' || p[n] == ' '))
					break;
			if (gt && tags[i]) {
				s = gt + 1;
				continue;
			}
		}
		error = clg_buf_putc(&b, *s++);
	}
	if (!error)
		error = fold_space(&b);
	if (!error)
		error = set_str(out, b.ptr);
	clg_buf_release(&b);
	return error;
}

static int json_int(const clg_json *v)
{
	if (!v)
		return 0;
	/* Beyond int a value is no date part, and converting it is undefined. */
	if (v->type == CLG_JSON_NUMBER)
		return v->num > -1e9 && v->num < 1e9 ? (int)v->num : 0;
	if (v->type == CLG_JSON_STRING && isdigit((unsigned char)v->str[0])) {
		long n = strtol(v->str, NULL, 10);

		return n < 1000000000L ? (int)n : 0;
	}
	return 0;
}

/* A CSL date: date-parts, else raw, else literal. */
static int csl_date(char **out, char **dropped, const clg_json *d)
{
	const clg_json *parts = clg_json_get(d, "date-parts");
	const char *text;
	int error;

	if (!d)
		return 0;
	if (d->type == CLG_JSON_STRING)
		return date_from_text(out, d->str);
	if (parts && parts->type == CLG_JSON_ARRAY && parts->count &&
	    parts->items[0].type == CLG_JSON_ARRAY && parts->items[0].count) {
		const clg_json *p = &parts->items[0];
		int y = json_int(&p->items[0]), m = p->count > 1 ? json_int(&p->items[1]) : 0;
		int day = p->count > 2 ? json_int(&p->items[2]) : 0;
		char buf[48];

		if ((error = date_from_parts(out, y, m, day)) < 0 || *out)
			return error;
		/* Before year 1 ("[-334]"), or no year at all: said in the note. */
		snprintf(buf, sizeof(buf), "%d%s%.0d%s%.0d", y, m ? "-" : "", m,
			 day ? "-" : "", day);
		return set_str(dropped, buf);
	}
	if (!(text = clg_json_get_str(d, "raw")))
		text = clg_json_get_str(d, "literal");
	if (!text)
		return 0;
	if ((error = date_from_text(out, text)) < 0)
		return error;
	return *out ? 0 : set_str(dropped, text);
}

static int csl_names(ref *r, const clg_json *list)
{
	clg_buf b = CLG_BUF_INIT;
	size_t i, k;
	int error = 0;

	for (i = 0; list && list->type == CLG_JSON_ARRAY && i < list->count; i++) {
		const clg_json *n = &list->items[i];
		const char *lit = clg_json_get_str(n, "literal");
		const char *parts[] = {
			clg_json_get_str(n, "given"), clg_json_get_str(n, "dropping-particle"),
			clg_json_get_str(n, "non-dropping-particle"), clg_json_get_str(n, "family")
		};
		const char *suffix = clg_json_get_str(n, "suffix");

		clg_buf_clear(&b);
		if (lit) {
			CHECK(clg_buf_puts(&b, lit));
		} else {
			for (k = 0; k < ARRAY_SIZE(parts); k++)
				if (parts[k] && *parts[k])
					CHECK(clg_buf_printf(&b, "%s%s", b.len ? " " : "", parts[k]));
			if (suffix && *suffix)
				CHECK(clg_buf_printf(&b, ", %s", suffix));
		}
		CHECK(fold_space(&b));
		CHECK(ref_add_name(r, b.ptr));
	}
done:
	clg_buf_release(&b);
	return error;
}

static int csl_item(ref *r, const clg_json *item)
{
	const char *v;
	const clg_json *id = clg_json_get(item, "id");
	clg_buf t = CLG_BUF_INIT;
	int error = 0;

	r->kind = "CSL-JSON item";
	if ((v = clg_json_get_str(item, "citation-key")) ||
	    (v = clg_json_get_str(item, "citationKey")))
		CHECK(set_str(&r->key, v));
	else if (id && (id->type == CLG_JSON_STRING || id->type == CLG_JSON_NUMBER))
		CHECK(set_str(&r->key, id->str));
	CHECK(set_str(&r->type, clg_json_get_str(item, "type")));
	CHECK(csl_text(&r->title, clg_json_get_str(item, "title")));
	if (clg_json_get(item, "author"))
		CHECK(csl_names(r, clg_json_get(item, "author")));
	else if (clg_json_get(item, "editor"))
		CHECK(csl_names(r, clg_json_get(item, "editor")));
	else
		CHECK(csl_names(r, clg_json_get(item, "director")));
	if (!(v = clg_json_get_str(item, "publisher")) &&
	    !(v = clg_json_get_str(item, "container-title")))
		v = clg_json_get_str(item, "authority");
	CHECK(csl_text(&r->publisher, v));
	CHECK(csl_date(&r->date, &r->dropped, clg_json_get(item, "issued")));
	CHECK(csl_date(&r->retrieved, &r->dropped, clg_json_get(item, "accessed")));
	if ((v = clg_json_get_str(item, "URL")))
		CHECK(set_str(&r->url, v));
	else if ((v = clg_json_get_str(item, "DOI"))) {
		CHECK(clg_buf_printf(&t, "%s%s", strncmp(v, "http", 4) ? "https://doi.org/" : "", v));
		CHECK(set_str(&r->url, t.ptr));
	}
	CHECK(set_language(&r->language, clg_json_get_str(item, "language")));
done:
	clg_buf_release(&t);
	return error;
}

static int parse_csl(clg_refs *refs, const char *data, size_t len, const char *name)
{
	clg_map ids = CLG_MAP_INIT;
	clg_json *root = NULL;
	const clg_json *items;
	ref r;
	size_t i;
	int error;

	memset(&r, 0, sizeof(r));
	if ((error = clg_json_parse(&root, data, len, name, 1)) < 0) {
		if (error == CLG_ENOMEM)
			return error;
		error = problem(refs, name, 0, "%s", clg_error_last());
		/* The message names the place already: drop our prefix. */
		if (!error) {
			clg_import_problem *p = &refs->problems[refs->nproblems - 1];
			const char *m = clg_error_last();

			if (!sscanf(m + strlen(name), ":%d", &p->line))
				p->line = 0;
			clg_free(p->message);
			if (!(p->message = clg_strdup(m)))
				error = CLG_ENOMEM;
		}
		clg_error_clear();
		return error;
	}
	/* An array of items, or a single item. */
	items = root;
	for (i = 0; i < (items->type == CLG_JSON_ARRAY ? items->count : 1); i++) {
		const clg_json *item = items->type == CLG_JSON_ARRAY ? &items->items[i] : items;

		if (item->type != CLG_JSON_OBJECT) {
			CHECK(problem(refs, name, item->line, "a CSL-JSON item is an object, "
				"not %s", clg_json_type_name(item->type)));
			continue;
		}
		ref_release(&r);
		CHECK(csl_item(&r, item));
		CHECK(add_ref(refs, &ids, &r, data + item->start, item->end - item->start,
			item->line, name, "application/vnd.citationstyles.csl+json"));
	}
done:
	ref_release(&r);
	clg_map_release(&ids);
	clg_json_free(root);
	return error;
}

void clg_refs_free(clg_refs *refs)
{
	size_t i;

	if (!refs)
		return;
	for (i = 0; i < refs->count; i++) {
		clg_source_free(refs->sources[i]);
		clg_free(refs->entries[i]);
	}
	clg_free(refs->sources);
	clg_free(refs->entries);
	clg_free(refs->lines);
	for (i = 0; i < refs->nproblems; i++)
		clg_free(refs->problems[i].message);
	clg_free(refs->problems);
	for (i = 0; i < refs->nwarnings; i++)
		clg_free(refs->warnings[i].message);
	clg_free(refs->warnings);
	clg_free(refs);
}

int clg_refs_parse(clg_refs **out, clg_import_format format, const char *data,
		   size_t len, const char *name)
{
	clg_refs *refs = clg_calloc(1, sizeof(*refs));
	int error;

	*out = NULL;
	if (!refs)
		return CLG_ENOMEM;
	if (!name)
		name = "<input>";
	if (format == CLG_IMPORT_BIBTEX)
		error = parse_bibtex(refs, data, len, name);
	else if (format == CLG_IMPORT_CSL_JSON)
		error = parse_csl(refs, data, len, name);
	else
		error = clg_error_set(CLG_EINVALID, "'%s' is not a reference format "
			"(use bibtex or csl-json)", clg_import_format_names[format]);
	if (error) {
		clg_refs_free(refs);
		return error;
	}
	*out = refs;
	return 0;
}
