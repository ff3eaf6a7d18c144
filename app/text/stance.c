/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * stance: what an answer says about its topic — praise, complaint,
 * suggestion or neutral — and whether it says nothing at all ("nothing",
 * "n/a", "dim byd", "can't think of anything", "nothing, all good").
 *
 * Both read the normalised tokens of one answer (text_normalise() then
 * text_tokenise()) against the cue lists below, in English and Welsh. The
 * lists are the documentation: README.md ("Stance") summarises them.
 *
 *   praise      words of praise or thanks ("kind", "excellent", "diolch")
 *   complaint   words of blame or trouble ("rude", "waited", "gwael"), and a
 *               praise word under negation ("not good", "ddim yn dda")
 *   suggestion  modal and wish words ("should", "could be better", "more",
 *               "dylai", "angen", "mwy")
 * A negator ("not", "never", "no", "didn't", "ddim", "heb") within the
 * three words before a cue turns praise into complaint and a complaint
 * word into (weak) praise ("no problems", "not rude").
 */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "text/text.h"

static const char *const praise_w[] = {
    "good", "great", "excellent", "lovely", "kind", "kindness", "friendly", "helpful", "brilliant",
    "amazing", "fantastic", "wonderful", "perfect", "superb", "outstanding", "fab", "fabulous",
    "nice", "pleasant", "caring", "compassionate", "professional", "polite", "courteous",
    "respectful", "supportive", "attentive", "efficient", "thank", "thanks", "thankyou", "grateful",
    "pleased", "happy", "satisfied", "impressed", "best", "reassuring", "reassured", "marvellous",
    "exceptional", "awesome", "love", "loved", "enjoyed", "enjoy", "smooth", "welcoming",
    "approachable", "informative", "recommend", "praise", "first-class", "thorough", "patient",
    "clean", "calm", "understanding", "comfortable", "easy", "quick", "quickly", "prompt",
    "promptly", "fine", "ok", "okay", "safe", "valued", "listened", "cared", "helped", "well",
    "supported", "understood", "respected",
    /* Welsh (radical and common mutated forms) */
    "da", "dda", "gwych", "wych", "ardderchog", "hyfryd", "caredig", "garedig", "cyfeillgar",
    "gyfeillgar", "diolch", "ddiolch", "hapus", "bendigedig", "fendigedig", "arbennig", "rhagorol",
    "clên", "clen", "defnyddiol", "ddefnyddiol", "effeithlon", "cymwynasgar", "gymwynasgar",
    "gwerthfawrogi", "mwynhau", "fwynhau", "proffesiynol", "broffesiynol", "cwrtais", "gwrtais",
    "glân", "lân", "cyflym", "gyflym", "hwylus", "diogel", "ddiogel", NULL};

static const char *const complaint_w[] = {
    "bad", "poor", "poorly", "terrible", "awful", "horrible", "dreadful", "appalling", "disgusting",
    "rude", "rudeness", "unhelpful", "unprofessional", "dirty", "filthy", "late", "delay", "delays",
    "delayed", "waited", "wait", "waiting", "slow", "cancelled", "lost", "wrong", "ignored",
    "unacceptable", "disappointed", "disappointing", "worst", "complain", "complained", "complaint",
    "problem", "problems", "issue", "issues", "difficult", "cold", "noisy", "broken", "lack",
    "lacking", "shortage", "understaffed", "uncomfortable", "confusing", "confused", "frustrating",
    "frustrated", "annoyed", "angry", "upset", "stressful", "unsafe", "dangerous", "missed",
    "forgot", "forgotten", "unable", "impossible", "expensive", "overcrowded", "hours", "nobody",
    "shocking", "useless", "incompetent", "dismissive", "neglected", "careless", "disrespectful",
    "arrogant", "mistake", "mistakes", "error", "failed", "fail", "failure", "pothole", "potholes",
    "litter", "rubbish", "mess", "messy", "unclear", "inconsistent", "struggle", "struggled",
    "struggling", "worse", "hard", "pain", "painful", "sadly", "unfortunately", "didn't", "wasn't",
    "weren't", "doesn't", "isn't", "haven't", "hasn't", "too", "awaiting", "dismissed",
    "inadequate", "discrimination", "desired", "unresponsive", "chaotic", "never", "still",
    "abandoned", "waste", "joke", "lacked", "lacks", "refused", "refuse", "patronised",
    "patronising", "inappropriate", "appallingly", "intolerant", "cynical", "pity", "ignore",
    "ignoring", "uninspiring", "rushed", "judged", "anxious", "worried", "worry", "nowhere",
    "cancels", "cancel", "misleading", "uncommunicative", "disorganised", "didnt", "wasnt",
    "werent", "doesnt", "isnt", "havent", "hasnt", "shame", "rushing", "repetitive", "discontinued",
    "unhappy", "unfair", "scary", "frightening", "untidy", "smelly", "cramped", "unavailable",
    "overstretched", "overworked", "chased", "chasing",
    /* Welsh */
    "gwael", "wael", "ofnadwy", "drwg", "ddrwg", "hwyr", "aros", "araf", "rhy", "siomedig", "siomi",
    "budr", "fudr", "brwnt", "frwnt", "problem", "broblem", "problemau", "phroblemau", "cwyn",
    "gwyn", "cwyno", "peryglus", "beryglus", "anodd", "annerbyniol", "anghwrtais", "anghyfforddus",
    "oer", "tyllau", "sbwriel", "anffodus", "gwaeth", "waeth", "methu", "fethu", "trueni", "siom",
    "annigonol", "anhrefnus", "di-drefn", "blêr", "amhroffesiynol", "anghymwynasgar",
    "anghyfeillgar", "drud", "ddrud", "swnllyd", "cwynion", NULL};

static const char *const suggestion_w[] = {
    "should", "more", "improve", "improved", "improvement", "improvements", "suggest", "suggestion",
    "please", "wish", "better", "less", "fewer", "maybe", "perhaps", "hope", "if", "instead",
    "ought", "must", "shouldn't", "extra", "increase", "reduce", "provide", "introduce",
    /* Welsh */
    "dylai", "ddylai", "dylid", "ddylid", "dylen", "ddylen", "gallai", "allai", "gallech", "mwy",
    "fwy", "gwell", "angen", "hoffwn", "hoffem", "byddai", "fyddai", "plîs", "plis", "awgrym",
    "awgrymu", "gwella", "wella", "lleihau", "cynyddu", NULL};

/* First words that make an answer a request ("Make all call buttons
 * work", "Answer the phone"): a suggestion when nothing else is said. */
static const char *const imperative_w[] = {
    "make", "get", "give", "have", "stop", "sack", "train", "answer", "provide", "tighten", "cut",
    "be", "listen", "treat", "allow", "increase", "reduce", "employ", "hire", "let", "bring",
    "offer", "put", "open", "fix", "ensure", "introduce", "communicate", "reply", "check",
    "explain", "tell", "update", "install", "build", "repair", "use", "not", "don't", "add",
    "change", "respond", "return", "ring", "call", "speak", "send", "recruit", "consider", "try",
    "lower", "shorter", "quicker", "faster", "ensure", "involve", "listen", "discharge", "keep",
    "speed", "advertise", "attend", "accept", "avoid", "arrange", "follow", "include", "inform",
    "contact", "prioritise", "prioritize", "pay", "monitor", "clarify", "simplify", "shorten",
    "extend", "reopen", "restore",
    /* a wish without a verb ("More communication with patients", "Less
     * waiting", "Better parking") */
    "more", "less", "fewer", "better", "longer", "earlier", "clearer", "quieter", "improve",
    /* Welsh */
    "mwy", "llai", "gwell", NULL};

/* Cues that count half: often the topic rather than the verdict ("my
 * specific problems", "more as I go along"). */
static const char *const weak_w[] = {"problem", "problems", "issue",	 "issues", "hard", "more",
				     "improve", "improved", "difficult", "pain",   "if",   "still",
				     "anxious", "worried",  "worry",	 "never",  NULL};

/* Contrast words: what follows them is the verdict ("lovely staff but
 * waited 4 hours"), and counts double. */
static const char *const contrast_w[] = {"but",	   "however",	    "except", "apart",
					 "only",   "unfortunately", "sadly",  "ond",
					 "heblaw", "fodd",	    NULL};

/* Concession words opening a clause ("Whilst the staff were kind, ..."):
 * that clause counts half, the rest double. */
static const char *const concession_w[] = {"although", "though", "whilst", "while", "er", NULL};

/* Units after a number that make a complaint of a duration ("waited 4
 * hours", "3 weeks for a reply"). */
static const char *const duration_w[] = {"hours",   "hrs",  "weeks",   "months",    "days",
					 "minutes", "mins", "wythnos", "wythnosau", "awr",
					 "oriau",   "mis",  "misoedd", "diwrnod",   NULL};

static const char *const negators[] = {
    "not",     "no",	   "never", "don't",   "didn't", "wasn't",   "weren't", "isn't",
    "aren't",  "couldn't", "can't", "cannot",  "won't",	 "wouldn't", "hardly",	"without",
    "nothing", "anything", "dont",  "didnt",   "wasnt",	 "werent",   "isnt",	"arent",
    "couldnt", "cant",	   "wont",  "wouldnt", "doesnt", "havent",   "hasnt",	"ddim",
    "dim",     "nid",	   "ni",    "na",      "nac",	 "heb",	     "byth",	NULL};

/* Negators that reach only the next two words (they negate a noun). */
static const char *const short_neg[] = {"no", "without", "nothing", "anything", "dim", "heb", NULL};

/* "Nothing to add" answers: at least one of these ... */
static const char *const nothing_cue[] = {"nothing", "none", "nil", "nope",	"nowt",	   "no",
					  "n/a",     "na",   "dim", "anything", "nathing", "nothin",
					  "nout",    "nada", "not", NULL};

/* ... and every other word from this list (fillers, thanks, "all good"). */
static const char *const nothing_ok[] = {"to",		"add",	       "improve",
					 "improved",	"improvement", "improvements",
					 "needed",	"need",	       "needs",
					 "comment",	"comments",    "else",
					 "really",	"at",	       "all",
					 "that",	"i",	       "can",
					 "can't",	"cannot",      "cant",
					 "think",	"of",	       "everything",
					 "was",		"were",	       "is",
					 "it",		"it's",	       "fine",
					 "good",	"great",       "ok",
					 "okay",	"excellent",   "keep",
					 "up",		"the",	       "work",
					 "as",		"so",	       "far",
					 "thank",	"thanks",      "you",
					 "this",	"time",	       "a",
					 "n",		"applicable",  "not",
					 "i'm",		"im",	       "sure",
					 "much",	"very",	       "happy",
					 "satisfied",	"perfect",     "lovely",
					 "wonderful",	"brilliant",   "just",
					 "carry",	"on",	       "well",
					 "done",	"same",	       "more",
					 "further",	"say",	       "i'd",
					 "would",	"change",      "could",
					 "be",		"don't",       "dont",
					 "know",	"there",       "there's",
					 "theres",	"have",	       "has",
					 "had",		"no",	       "nothing",
					 "that's",	"thats",       "about",
					 "my",		"our",	       "we",
					 "me",		"in",	       "particular",
					 "specific",	"springs",     "comes",
					 "come",	"mind",	       "any",
					 "other",	"else",	       "yet",
					 "honestly",	"top",	       "notch",
					 "amazing",	"fantastic",   "spot",
					 "currently",	"moment",      "right",
					 "now",		"see",	       "do",
					 "did",		"and",	       "what",
					 "your",	"doing",       "wouldn't",
					 "anything",	"sorry",       "byd",
					 "dim",		"i'w",	       "ychwanegu",
					 "diolch",	"popeth",      "yn",
					 "dda",		"iawn",	       "gwych",
					 "mae",		"'n",	       "does",
					 "ddim",	"sylw",	       "sylwadau",
					 "gwella",	"wella",       "angen",
					 "oes",		"mwy",	       "i",
					 "gen",		"gennyf",      "gennym",
					 "fi",		"ni",	       "na",
					 "dw",		"rwy",	       "meddwl",
					 "am",		"unrhyw",      "beth",
					 "arall",	"hyn",	       "o",
					 "bryd",	"present",     "absolutely",
					 "praise",	"but",	       "best",
					 "they",	"are",	       "been",
					 "with",	"service",     "zero",
					 "little",	"for",	       "difficult",
					 "completely",	"am",	       "continue",
					 "you're",	"what",	       "it",
					 "everyone",	"everybody",   "fab",
					 "excellent",	"nice",	       "satisfactory",
					 "wonderful",	"superb",      "brilliant",
					 "thankyou",	"x",	       "always",
					 "absolutely",	"totally",     "entirely",
					 "quite",	"one",	       "thing",
					 "things",	"its",	       "pretty",
					 "much",	"here",	       "hard",
					 "cant",	"idea",	       "ideas",
					 "suggestions", "suggestion",  "unsure",
					 "n't",		"do",	       "does",
					 "possibly",	"could've",    "couldn't",
					 "better",	"improve",     "improvement",
					 "nothing",	"whatsoever",  "springs",
					 "concerned",	"complaints",  "complaint",
					 "problem",	"problems",    "doing",
					 "alright",	"job",	       "so",
					 "enough",	"standard",    "way",
					 "are",		"did",	       "done",
					 "well",	"it",	       "i've",
					 "we've",	"can",	       "be",
					 "should",	"as",	       "single",
					 "lot",		"probably",    "all",
					 "fault",	"faults",      "different",
					 "differently", "bad",	       "needed",
					 "changes",	"changed",     "considering",
					 NULL};

/* Contentment without a topic ("All good.", "Happy with the service.",
 * "Everything is fine."): with no "nothing" cue, an answer of at most
 * CONTENT_MAX_WORDS words from nothing_ok with one of these. */
static const char *const content_cue[] = {
    "good",	 "fine",       "happy",	    "satisfied", "ok",	   "okay",    "great",
    "excellent", "perfect",    "brilliant", "wonderful", "superb", "fab",     "satisfactory",
    "da",	 "dda",	       "gwych",	    "hapus",	 "think",  "know",    "little",
    "done",	 "complaints", "problem",   "doing",	 "enough", "alright", NULL};
#define CONTENT_MAX_WORDS 8

/* A content cue that is a bare verdict on the care ("Very good
 * service", "Excellent") needs one of content_scope besides to be
 * contentment with everything ("All good", "Everything fine", "Good as it
 * is"); alone it is the topic of its answer and is grouped with it. */
static const char *const content_verdict[] = {
    "good", "great",	    "excellent", "perfect", "brilliant", "wonderful", "superb",
    "fab",  "satisfactory", "da",	 "dda",	    "gwych",	 NULL};
static const char *const content_scope[] = {"all",   "everything", "everythings", "as",	  "keep",
					    "carry", "continue",   "popeth",	  "fine", "ok",
					    "okay",  "happy",	   "satisfied",	  NULL};

#define NOTHING_MAX_WORDS 14

/* How much a strong complaint cue outweighs praise in a mixed answer. */
#ifndef MIXED_COMPLAINT_WEIGHT
#define MIXED_COMPLAINT_WEIGHT 1.25
#endif

static int word_is(const char *s, const struct text_span *sp, int i, int n, const char *w);
static int is_number(const char *w, size_t len);

static int in_list(const char *const *list, const char *w, size_t n)
{
	for (size_t i = 0; list[i] != NULL; i++)
		if (list[i][0] == w[0] && (n < 2 || list[i][1] == w[1]) &&
		    strncmp(list[i], w, n) == 0 && list[i][n] == '\0')
			return 1;
	return 0;
}

/* "n/a" tokenises as "n", "a": join them back. */
static int is_na(const char *s, const struct text_span *sp, int i, int n)
{
	return i + 1 < n && sp[i].len == 1 && s[sp[i].off] == 'n' && sp[i + 1].len == 1 &&
	       s[sp[i + 1].off] == 'a' && sp[i + 1].off == sp[i].off + 2 && s[sp[i].off + 1] == '/';
}

/* "Nothing, the staff were lovely", "Nothing - excellent service": a
 * leading "nothing" set off by punctuation, and no blame or request after
 * it. */
static int leading_nothing(const char *s, const struct text_span *sp, int n)
{
	static const char *const lead[] = {"nothing", "none", "nil", "nope", "nowt", NULL};
	static const char *const nothing_verb[] = {
	    "was",   "is",	"has",	 "had",	   "went",  "happened", "happens",
	    "gets",  "got",	"works", "worked", "seems", "seemed",	"helped",
	    "helps", "changed", "came",	 "about",  "but",   NULL};
	int punct = n == 1, praise = 0;

	if (n == 0 || n > NOTHING_MAX_WORDS || !in_list(lead, s + sp[0].off, sp[0].len))
		return 0;
	for (size_t k = sp[0].off + sp[0].len; n > 1 && k < sp[1].off; k++)
		if (strchr(",.;:-!", s[k]) != NULL)
			punct = 1;
	/* Without punctuation ("Nothing the care was brilliant", "Nothing
	 * could have been done better all very good"): praise after it, and
	 * "nothing" not the subject of a verdict ("nothing was done"). */
	if (!punct && (n < 3 || in_list(nothing_verb, s + sp[1].off, sp[1].len)))
		return 0;
	for (int i = 1; i < n; i++) {
		const char *w = s + sp[i].off;

		praise |= in_list(praise_w, w, sp[i].len);
		if (in_list(complaint_w, w, sp[i].len) ||
		    (in_list(suggestion_w, w, sp[i].len) &&
		     (punct || !in_list(nothing_ok, w, sp[i].len))))
			return 0;
	}
	return punct || praise;
}

int text_is_nothing(const char *s, const struct text_span *sp, int n)
{
	int cue = 0, content = 0, scope = 0;

	if (leading_nothing(s, sp, n))
		return 1;
	if (n == 0 || n > NOTHING_MAX_WORDS)
		return 0;
	for (int i = 0; i < n; i++) {
		const char *w = s + sp[i].off;
		size_t len = sp[i].len;

		if (is_na(s, sp, i, n)) {
			cue = 1;
			i++;
			continue;
		}
		/* "nothing was good about it" is a verdict, not "nothing to add" */
		if (len == 7 && memcmp(w, "nothing", 7) == 0 && i + 1 < n &&
		    (word_is(s, sp, i + 1, n, "was") || word_is(s, sp, i + 1, n, "is") ||
		     word_is(s, sp, i + 1, n, "has") || word_is(s, sp, i + 1, n, "went")))
			return 0;
		if (in_list(nothing_cue, w, len))
			cue = 1;
		else if (!in_list(nothing_ok, w, len) && !is_number(w, len))
			return 0;
		if (in_list(content_scope, w, len) ||
		    (in_list(content_cue, w, len) && !in_list(content_verdict, w, len)))
			scope = 1;
		if (in_list(content_cue, w, len))
			content = 1;
	}
	return cue || (content && scope && n <= CONTENT_MAX_WORDS);
}

/* 1 when a negator stands within the four words before token i, in the
 * same clause (no punctuation between). "nothing" negates only a
 * suggestion ("nothing could be better"), never praise ("nothing but
 * praise", "nothing, very supportive"). */
static int negated(const char *s, const struct text_span *sp, int i, int for_praise)
{
	for (int j = i - 1; j >= 0 && j >= i - 4; j--) {
		size_t from = sp[j].off + sp[j].len;

		for (size_t k = from; k < sp[j + 1].off; k++)
			if (strchr(".,;:!?()", s[k]) != NULL)
				return 0;
		if (for_praise && sp[j].len == 7 && memcmp(s + sp[j].off, "nothing", 7) == 0)
			continue;
		/* "no", "without", "heb" negate the next word or two ("no
		 * problems", "without any delay"), not a later verdict ("no
		 * reception can be confusing") */
		if (j < i - 2 && in_list(short_neg, s + sp[j].off, sp[j].len))
			continue;
		if (in_list(negators, s + sp[j].off, sp[j].len))
			return 1;
	}
	return 0;
}

static int word_is(const char *s, const struct text_span *sp, int i, int n, const char *w)
{
	/* strncmp stops at w's end: no strlen of w per call */
	return i >= 0 && i < n && strncmp(s + sp[i].off, w, sp[i].len) == 0 && w[sp[i].len] == '\0';
}

/* 1 when punctuation ends the clause between tokens i and i + 1. */
static int clause_end(const char *s, const struct text_span *sp, int i, int n)
{
	if (i + 1 >= n)
		return 1;
	for (size_t k = sp[i].off + sp[i].len; k < sp[i + 1].off; k++)
		if (strchr(".,;:!?-()", s[k]) != NULL)
			return 1;
	return 0;
}

/* 1 when a praise or complaint cue follows token i within three words of
 * the same clause: a negator before it ("never rude", "didn't help") is
 * read with that cue, not as a complaint of its own. */
static int cue_follows(const char *s, const struct text_span *sp, int i, int n)
{
	for (int j = i + 1; j < n && j <= i + 3; j++) {
		if (clause_end(s, sp, j - 1, n))
			return 0;
		if (in_list(praise_w, s + sp[j].off, sp[j].len) ||
		    in_list(complaint_w, s + sp[j].off, sp[j].len))
			return 1;
	}
	return 0;
}

static int is_number(const char *w, size_t len)
{
	for (size_t k = 0; k < len; k++)
		if (w[k] < '0' || w[k] > '9')
			return 0;
	return len > 0;
}

static int is_number_word(const char *s, const struct text_span *sp, int i, int n)
{
	static const char *const nums[] = {
	    "two",  "three", "four", "five", "six",    "several", "many", "few", "dwy",	 "ddwy",
	    "tair", "dair",  "tri",  "dri",  "pedair", "bedair",  "pum",  "bum", "chwe", NULL};
	return i >= 0 && i < n &&
	       (is_number(s + sp[i].off, sp[i].len) || in_list(nums, s + sp[i].off, sp[i].len));
}

/* The running scores of one answer. `wt` weighs the current clause: 2
 * after a contrast word, 0.5 inside a concession. */
struct tally {
	double praise, complaint, suggestion, strong, wt;
	int conceding;
};

static int word_in(const char *s, const struct text_span *sp, int i, int n, const char *const *list)
{
	return i >= 0 && i < n && in_list(list, s + sp[i].off, sp[i].len);
}

/* A sentence (not just a clause) ends between tokens i - 1 and i. */
static int sentence_start(const char *s, const struct text_span *sp, int i)
{
	if (i == 0)
		return 1;
	for (size_t k = sp[i - 1].off + sp[i - 1].len; k < sp[i].off; k++)
		if (strchr(".!?", s[k]) != NULL)
			return 1;
	return 0;
}

/* Verbs after "could"/"would"/"might" that ask for something ("would
 * help", "would prefer", "could benefit", "could improve"). */
static const char *const wish_verb[] = {"help",	      "prefer",	 "rather", "benefit", "improve",
					"appreciate", "welcome", "like",   "love",    "make",
					"need",	      "helpful", NULL};
/* Words between a modal and its verb ("would really help"). */
static const char *const modal_adv[] = {"really", "definitely", "also", "greatly", "much", "be",
					"have",	  "been",	"of",	"very",	   NULL};
/* After "could not"/"couldn't"/"can't": contentment ("could not be
 * better", "can't fault", "couldn't have asked for more"); any other verb
 * says something could not be done ("could not get through"). */
static const char *const content_verb[] = {
    "be",      "have",	  "of",	     "ask",   "fault",	  "find",   "wish", "do",
    "improve", "think",	  "say",     "thank", "thankyou", "praise", "rate", "recommend",
    "speak",   "express", "imagine", "hope",  "want",	  "been",   "any",  NULL};

/* "would help", "could really benefit", "would have been helpful": a
 * wish; "could not get", "couldn't make": a complaint; "could not be
 * better": contentment. Returns the extra tokens used, or -1. */
static int modal_cue(const char *s, const struct text_span *sp, int i, int n, struct tally *t)
{
	static const char *const modal[] = {"could", "would",  "should",   "might", "couldn't",
					    "can't", "cannot", "wouldn't", NULL};
	int neg, j = i + 1;

	if (!word_in(s, sp, i, n, modal))
		return -1;
	neg = word_is(s, sp, i, n, "couldn't") || word_is(s, sp, i, n, "can't") ||
	      word_is(s, sp, i, n, "cannot") || word_is(s, sp, i, n, "wouldn't");
	if (word_is(s, sp, j, n, "not") || word_is(s, sp, j, n, "never")) {
		neg = 1;
		j++;
	}
	if (neg) {
		if (word_is(s, sp, i, n, "wouldn't") || word_in(s, sp, j, n, content_verb) ||
		    negated(s, sp, i, 0)) {
			t->praise += t->wt;
		} else if (j < n && !clause_end(s, sp, j - 1, n) && !cue_follows(s, sp, j - 1, n)) {
			t->complaint += t->wt; /* "could not get an appointment" */
			t->strong += 1;
		} else {
			return j - i - 1;
		}
		return j - i;
	}
	if (word_is(s, sp, i, n, "can't") || word_is(s, sp, i, n, "cannot"))
		return -1;
	while (j < n && j <= i + 3 && word_in(s, sp, j, n, modal_adv) &&
	       !word_in(s, sp, j, n, wish_verb))
		j++;
	if (j == i + 1 && !word_in(s, sp, j, n, wish_verb))
		return -1;
	if (negated(s, sp, i, 0)) /* "nothing could be done better" */
		t->praise += t->wt;
	else
		t->suggestion += 1.5 * t->wt;
	return j - i; /* the verb or word after the modal is read with it */
}

/* "a long time", "took so long", "long wait", "took ages": a complaint
 * of waiting; "as long as", "long term", "in a long time" are not. */
static int long_wait(const char *s, const struct text_span *sp, int i, int n)
{
	static const char *const before[] = {"so",   "too",    "very", "how", "took",
					     "such", "really", "far",  NULL};
	static const char *const took[] = {"took",    "takes", "taking", "take", "wait", "waited",
					   "waiting", "was",   "is",	 "for",	 NULL};
	static const char *const after[] = {"wait",  "waits",  "waiting", "delay", "delays",
					    "queue", "queues", "winded",  NULL};

	if (word_is(s, sp, i, n, "ages"))
		return word_in(s, sp, i - 1, n, took) && !word_is(s, sp, i - 1, n, "is") &&
		       !word_is(s, sp, i - 1, n, "was");
	/* "takes years", "waited months" (not "for years": a long-standing
	 * patient) */
	if (word_is(s, sp, i, n, "years") || word_is(s, sp, i, n, "months") ||
	    word_is(s, sp, i, n, "weeks"))
		return word_in(s, sp, i - 1, n, took) && !word_is(s, sp, i - 1, n, "is") &&
		       !word_is(s, sp, i - 1, n, "was") && !word_is(s, sp, i - 1, n, "for");
	if (!word_is(s, sp, i, n, "long") || word_is(s, sp, i - 1, n, "as") ||
	    word_is(s, sp, i - 2, n, "in") || word_is(s, sp, i - 2, n, "for"))
		return 0;
	return word_in(s, sp, i - 1, n, before) || word_in(s, sp, i + 1, n, after) ||
	       (word_is(s, sp, i - 1, n, "a") && word_in(s, sp, i - 2, n, took) &&
		word_is(s, sp, i + 1, n, "time"));
}

/* Phrases that carry their own verdict. Returns the extra tokens used, or
 * -1 when none starts at token i. */
static int phrase_cue(const char *s, const struct text_span *sp, int i, int n, struct tally *t)
{
	int r;

	if (is_number_word(s, sp, i, n) && i + 1 < n &&
	    in_list(duration_w, s + sp[i + 1].off, sp[i + 1].len)) {
		t->complaint += t->wt; /* "waited 4 hours", "3 weeks" */
		t->strong += 1;
		return 1;
	}
	if ((word_is(s, sp, i, n, "had") && word_is(s, sp, i + 1, n, "to")) ||
	    ((word_is(s, sp, i, n, "no") || word_is(s, sp, i, n, "not") ||
	      word_is(s, sp, i, n, "dim") || word_is(s, sp, i, n, "ddim")) &&
	     (word_is(s, sp, i + 1, n, "one") || word_is(s, sp, i + 1, n, "enough") ||
	      word_is(s, sp, i + 1, n, "digon"))) ||
	    ((word_is(s, sp, i, n, "let") || word_is(s, sp, i, n, "lets") ||
	      word_is(s, sp, i, n, "letting")) &&
	     (word_is(s, sp, i + 1, n, "down") || word_is(s, sp, i + 2, n, "down") ||
	      word_is(s, sp, i + 3, n, "down")))) {
		t->complaint += t->wt; /* "had to chase", "no one came", "let us down" */
		t->strong += 1;
		return word_is(s, sp, i, n, "had") || word_is(s, sp, i + 1, n, "down") ? 1 : 0;
	}
	/* "could do with more", "could have done with": a wish */
	if ((word_is(s, sp, i, n, "could") || word_is(s, sp, i, n, "would")) &&
	    ((word_is(s, sp, i + 1, n, "do") && word_is(s, sp, i + 2, n, "with")) ||
	     (word_is(s, sp, i + 1, n, "have") && word_is(s, sp, i + 2, n, "done") &&
	      word_is(s, sp, i + 3, n, "with")))) {
		t->suggestion += t->wt;
		return word_is(s, sp, i + 1, n, "do") ? 2 : 3;
	}
	if (long_wait(s, sp, i, n)) {
		t->complaint += t->wt;
		t->strong += 1;
		return 0;
	}
	if (word_is(s, sp, i, n, "would") && word_is(s, sp, i + 1, n, "recommend")) {
		t->praise += t->wt;
		return 1;
	}
	/* "can't thank you enough", "couldn't fault" */
	if ((word_is(s, sp, i, n, "can't") || word_is(s, sp, i, n, "cannot") ||
	     word_is(s, sp, i, n, "couldn't")) &&
	    (word_is(s, sp, i + 1, n, "thank") || word_is(s, sp, i + 1, n, "thankyou") ||
	     word_is(s, sp, i + 1, n, "fault") || word_is(s, sp, i + 1, n, "praise"))) {
		t->praise += 2 * t->wt;
		return 1;
	}
	if ((r = modal_cue(s, sp, i, n, t)) >= 0)
		return r;
	/* "any better", "any more" follow a negation ("couldn't be any
	 * better"): contentment */
	if (word_is(s, sp, i, n, "any") &&
	    (word_is(s, sp, i + 1, n, "better") || word_is(s, sp, i + 1, n, "more"))) {
		t->praise += t->wt;
		return 1;
	}
	if ((word_is(s, sp, i, n, "as") && word_is(s, sp, i + 1, n, "well")) ||
	    (word_is(s, sp, i, n, "more") && word_is(s, sp, i + 1, n, "than")))
		return 1;
	if (word_is(s, sp, i, n, "as") && word_is(s, sp, i + 2, n, "should")) {
		if (negated(s, sp, i, 0)) /* "aren't as frequent as they should be" */
			t->complaint += t->wt;
		else
			t->praise += t->wt; /* "as it should be" */
		return 3;
	}
	/* "not enough", "aren't promoted enough": too little of something */
	if (word_is(s, sp, i, n, "enough") && negated(s, sp, i, 0) &&
	    !word_is(s, sp, i - 1, n, "thank") && !word_is(s, sp, i - 2, n, "thank") &&
	    !word_is(s, sp, i - 1, n, "praise") && !word_is(s, sp, i - 2, n, "praise")) {
		t->complaint += t->wt;
		t->strong += 1;
		return 0;
	}
	/* "improvement needed", "is needed" */
	if (word_is(s, sp, i, n, "needed") &&
	    (word_is(s, sp, i - 1, n, "improvement") || word_is(s, sp, i - 1, n, "improvements") ||
	     word_is(s, sp, i - 1, n, "is") || word_is(s, sp, i - 1, n, "are") ||
	     word_is(s, sp, i - 1, n, "urgently") || word_is(s, sp, i - 1, n, "badly"))) {
		if (!negated(s, sp, i, 0))
			t->suggestion += 1.5 * t->wt;
		return 0;
	}
	return -1;
}

/* "better" after "much", "feel", "get", ... is how the patient is, not a
 * wish. */
static int better_is_praise(const char *s, const struct text_span *sp, int i, int n)
{
	static const char *const before[] = {"much", "feel", "feeling", "felt", "get",
					     "bit",  "lot",  "me",	"the",	NULL};

	return word_is(s, sp, i, n, "better") &&
	       (word_in(s, sp, i - 1, n, before) || word_is(s, sp, i + 1, n, "understanding") ||
		word_is(s, sp, i + 1, n, "prepared"));
}

/* Auxiliaries whose contraction with "not" is a complaint word. */
static const char *const aux_w[] = {"did", "was", "were", "does", "is", "has", "have", NULL};

/* One word's cue. */
static void word_cue(const char *s, const struct text_span *sp, int i, int n, struct tally *t)
{
	const char *w = s + sp[i].off;
	size_t len = sp[i].len;

	/* "did not", "was not": the same verdict as "didn't", "wasn't" */
	if (i > 0 && len == 3 && memcmp(w, "not", 3) == 0 &&
	    in_list(aux_w, s + sp[i - 1].off, sp[i - 1].len) && !clause_end(s, sp, i - 1, n)) {
		if (!cue_follows(s, sp, i, n))
			t->complaint += t->wt;
		return;
	}
	if (in_list(praise_w, w, len)) {
		if (negated(s, sp, i, 1))
			t->complaint += 1.5 * t->wt;
		else
			t->praise += t->wt;
	} else if (in_list(complaint_w, w, len)) {
		if (in_list(negators, w, len) && cue_follows(s, sp, i, n))
			; /* the cue after it reads the negation */
		else if (negated(s, sp, i, 0) && !in_list(negators, w, len))
			t->praise += 0.5 * t->wt;
		else
			t->complaint += (in_list(weak_w, w, len) ? 0.5 : 1) * t->wt;
	} else if (in_list(suggestion_w, w, len)) {
		if (negated(s, sp, i, 0))
			t->praise += 0.5 * t->wt;
		else
			t->suggestion += (in_list(weak_w, w, len) ? 0.5 : 1) * t->wt;
	}
}

/* An answer opening with a request ("Answer the phone", "More staff",
 * "Be professional and kind") asks for a change, whatever its praise
 * words. */
static int opens_with_request(const char *s, const struct text_span *sp, int n)
{
	return n > 1 && in_list(imperative_w, s + sp[0].off, sp[0].len) &&
	       !word_is(s, sp, 1, n, "you") && !word_is(s, sp, 1, n, "it") &&
	       !word_is(s, sp, 1, n, "than") && !word_is(s, sp, 1, n, "and") &&
	       !(word_is(s, sp, 0, n, "keep") &&
		 (word_is(s, sp, 1, n, "up") || word_is(s, sp, 1, n, "doing") ||
		  word_is(s, sp, 1, n, "going")));
}

enum text_stance text_stance_of(const char *s, const struct text_span *sp, int n)
{
	struct tally t = {0, 0, 0, 0, 1, 0};

	if (text_is_nothing(s, sp, n))
		return TEXT_STANCE_PRAISE; /* "nothing to improve" is contentment */
	for (int i = 0; i < n; i++) {
		double c0 = t.complaint;
		int r;

		if (i > 0 && t.conceding && clause_end(s, sp, i - 1, n)) {
			t.conceding = 0;
			t.wt = 2;
		}
		if (word_in(s, sp, i, n, contrast_w) && !(word_is(s, sp, i, n, "only") && i == 0)) {
			if (!t.conceding)
				t.wt = 2;
			if (word_is(s, sp, i, n, "only") || word_is(s, sp, i, n, "apart") ||
			    word_is(s, sp, i, n, "except") || word_is(s, sp, i, n, "fodd") ||
			    word_is(s, sp, i, n, "heblaw"))
				continue;
		}
		/* A concession opening a sentence ("Whilst the staff were kind,
		 * ...") counts half; inside one ("good advice, although I
		 * would prefer ...") it brings the reservation, like "but". */
		if (word_in(s, sp, i, n, concession_w) && (i == 0 || clause_end(s, sp, i - 1, n))) {
			t.conceding = sentence_start(s, sp, i);
			t.wt = t.conceding ? 0.5 : 2;
			continue;
		}
		if ((r = phrase_cue(s, sp, i, n, &t)) >= 0) {
			i += r;
			continue;
		}
		if (better_is_praise(s, sp, i, n)) {
			t.praise += t.wt; /* "feel much better", "for the better" */
			continue;
		}
		/* "too" blames only what follows it ("too long"), not "listened
		 * too" */
		if (word_is(s, sp, i, n, "too") &&
		    (clause_end(s, sp, i, n) || word_is(s, sp, i + 1, n, "and")))
			continue;
		if ((word_is(s, sp, i, n, "need") || word_is(s, sp, i, n, "needs")) &&
		    (word_is(s, sp, i + 1, n, "to") || word_is(s, sp, i + 1, n, "more") ||
		     word_is(s, sp, i + 1, n, "improving") ||
		     word_is(s, sp, i + 1, n, "improvement"))) {
			if (negated(s, sp, i, 0))
				t.praise += 0.5 * t.wt;
			else
				t.suggestion += t.wt;
			i++;
			continue;
		}
		/* a request opening a later sentence ("Staff to have
		 * compassion. Listen to us.") */
		if (i > 0 && sentence_start(s, sp, i) && word_in(s, sp, i, n, imperative_w) &&
		    !word_is(s, sp, i + 1, n, "you") && !word_is(s, sp, i + 1, n, "it") &&
		    !word_is(s, sp, i + 1, n, "than") && !word_is(s, sp, i + 1, n, "up")) {
			t.suggestion += t.wt;
			continue;
		}
		word_cue(s, sp, i, n, &t);
		if (t.complaint - c0 >= t.wt)
			t.strong += 1;
	}
	if (opens_with_request(s, sp, n))
		return t.complaint > t.suggestion + 1 ? TEXT_STANCE_COMPLAINT
						      : TEXT_STANCE_SUGGESTION;
	if (t.complaint == 0 && t.suggestion == 0)
		return t.praise > 0 ? TEXT_STANCE_PRAISE : TEXT_STANCE_NEUTRAL;
	/* In a mixed answer a strong complaint outweighs 1.25 times its praise
	 * ("lovely staff, waited 4 hours"). */
	if (t.praise > t.complaint * (t.strong > 0 ? MIXED_COMPLAINT_WEIGHT : 1) + t.suggestion)
		return TEXT_STANCE_PRAISE;
	if (t.complaint >= t.suggestion)
		return TEXT_STANCE_COMPLAINT;
	return TEXT_STANCE_SUGGESTION;
}

const char *text_stance_name(enum text_stance st)
{
	switch (st) {
	case TEXT_STANCE_PRAISE:
		return "praise";
	case TEXT_STANCE_COMPLAINT:
		return "complaint";
	case TEXT_STANCE_SUGGESTION:
		return "suggestion";
	case TEXT_STANCE_NEUTRAL:
		break;
	}
	return "neutral";
}
