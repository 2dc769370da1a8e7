/*
 * latex.c - LaTeX to text, for the values of BibTeX fields: accents and
 * escapes as characters, super- and subscripts, math accents, and the
 * commands a bibliography really contains; what it does not know is kept
 * and reported (clg_latex_text_unknown()).
 */
#include "util/common.h"

#include <ctype.h>

#include "util/text.h"
#include "refs_int.h"

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
const char *clg_latex_group_end(const char *s)
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
		e = clg_latex_group_end(s);
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

/* An accent on the argument that follows: "{o}", "o", "\i" or "{\i}". */
static int latex_accent(latex *lx, const latex_cmd *cmd, const char **sp, const char *end)
{
	const char *arg, *arg_end;
	int error;

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

/* A control symbol: a backslash and the one character at `s`, not a letter. */
static int latex_control_symbol(latex *lx, const char *s, const char **sp, const char *end)
{
	const latex_cmd *cmd;

	*sp = s + 1;
	if ((cmd = cmd_lookup(latex_accents, s, 1)) != NULL)
		return latex_accent(lx, cmd, sp, end);
	switch (*s) {
	case '\\': return clg_buf_putc(lx->out, ' ');	/* a line break */
	case '-': case '/': case '@': case '!': return 0; /* hints, spacing */
	case ',': case ';': case ':': case ' ': return clg_buf_putc(lx->out, ' ');
	default: return clg_buf_putc(lx->out, *s);	/* \& \% \$ \# \_ \{ \} */
	}
}

/* A character by its hexadecimal code point (\ElsevierGlyph{2032}), else the text. */
static int latex_glyph(latex *lx, const char *arg, const char *arg_end)
{
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

/* A known command that takes arguments, read from *sp on. */
static int latex_apply(latex *lx, const latex_cmd *cmd, const char **sp, const char *end)
{
	const char *arg, *arg_end;
	int error;

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
	case LX_GLYPH:
		return latex_glyph(lx, arg, arg_end);
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
}

/* The command whose backslash is at *sp; *sp goes past what it took. */
static int latex_command(latex *lx, const char **sp, const char *end)
{
	const char *s = *sp + 1, *name = s, *after;
	const latex_cmd *cmd;
	size_t n;
	int error;

	if (s >= end)
		return (*sp = s), 0;
	if (!isalpha((unsigned char)*s))
		return latex_control_symbol(lx, s, sp, end);
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
		return latex_accent(lx, cmd, sp, end);
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
	return latex_apply(lx, cmd, sp, end);
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

/* LaTeX to text; the control words it did not know go to `unknown`. */
int clg_latex_text_unknown(clg_buf *out, clg_strlist *unknown, const char *s)
{
	latex lx = { out, unknown, s, false, 0 };
	int error;

	clg_buf_clear(out);
	if ((error = latex_run(&lx, s, s + strlen(s))) < 0 ||
	    (error = clg_ref_fold_space(out)) < 0)
		return error;
	return clg_text_nfc(out);
}

int clg_latex_text(clg_buf *out, const char *s)
{
	return clg_latex_text_unknown(out, NULL, s);
}
