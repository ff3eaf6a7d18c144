/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Unit tests for redact_text: true and false cases for every kind. */
#include "config.h"

#include <string.h>

#include "tap.h"
#include "text/redact.h"

static struct redactor R;

static const char *red(const char *s)
{
	static char out[1024];
	struct buf b;
	int rc;

	buf_init(&b, sizeof(out) - 1);
	rc = redact_text(&R, s, strlen(s), &b);
	snprintf(out, sizeof(out), "%s", rc >= 0 ? buf_cstr(&b) : "(error)");
	buf_release(&b);
	return out;
}

/* A text that must come back unchanged. */
#define KEEP(s, what) is_str(red(s), s, "kept: " what)

int main(void)
{
	if (!ok(redact_init(&R) == 0, "patterns compile"))
		return tap_done();

	/* email */
	is_str(red("write to jane.o.brien@example.co.uk please"),
	       "write to [redacted email] please", "email");
	is_str(red("r.hughes+council@btinternet.com"), "[redacted email]", "email with plus tag");
	is_str(red("CEFN.MAWR@Outlook.com."), "[redacted email].",
	       "capitals, sentence full stop kept");
	KEEP("meet @ the hall", "an at sign alone");
	KEEP("email me at the usual address", "the word email");

	/* url */
	is_str(red("see https://www.facebook.com/profile.php?id=1000123."), "see [redacted url].",
	       "https URL, full stop kept");
	is_str(red("www.mywebsite.co.uk/about"), "[redacted url]", "www. address with a path");
	is_str(red("(http://bit.ly/3xYz)"), "([redacted url])", "short link in brackets");
	is_str(red("go to example.org/page"), "go to [redacted url]", "bare domain with a path");
	KEEP("the U.K. and e.g. this", "abbreviations with dots");
	KEEP("a Web Part vs. ASP.NET control in Node.js", "technology names with dots");
	is_str(red("see council.gov.uk"), "see [redacted url]", "bare gov.uk domain");
	is_str(red("at cyngor.cymru today"), "at [redacted url] today", "bare .cymru domain");
	KEEP("version 2.0 of the app", "a version number");

	/* ni */
	is_str(red("NI QQ 12 34 56 C thanks"), "NI [redacted ni] thanks", "NI number with spaces");
	is_str(red("AB123456D"), "[redacted ni]", "NI number run together");
	is_str(red("ab 12 34 56 a"), "[redacted ni]", "NI number in lower case");
	KEEP("XY12 is a code", "two letters that are no postcode area, and digits");
	is_str(red("in AB12"), "in [redacted postcode]", "AB12 is a real outward code (Aberdeen)");
	KEEP("room AB123456", "no final letter");

	/* card */
	is_str(red("card 4111 1111 1111 1111 used"), "card [redacted card] used",
	       "16 digits in fours");
	is_str(red("5500-0000-0000-0004"), "[redacted card]", "dashes");
	is_str(red("3782 822463 10005"), "[redacted card]", "4-6-5 grouping");
	is_str(red("4111111111111111"), "[redacted card]", "run together");
	KEEP("costs 1234 5678 a year", "two groups of four");
	KEEP("reference 123456789", "nine digits");

	/* phone */
	is_str(red("ring 07700 900123 today"), "ring [redacted phone] today", "mobile");
	is_str(red("07700-900-456"), "[redacted phone]", "mobile with dashes");
	is_str(red("+44 7700 900 123"), "[redacted phone]", "+44 mobile");
	is_str(red("+44 (0)1244 313131"), "[redacted phone]", "+44 (0) landline");
	is_str(red("0044 1978 292000"), "[redacted phone]", "0044 landline");
	is_str(red("(01978) 292 000"), "[redacted phone]", "area code in brackets");
	is_str(red("029 2087 2087"), "[redacted phone]", "Cardiff 029 number");
	is_str(red("020 7946 0123."), "[redacted phone].", "London number, full stop kept");
	is_str(red("0800 123 4567"), "[redacted phone]", "freephone");
	is_str(red("01978292000"), "[redacted phone]", "run together");
	is_str(red("call 07700900123 2 times"), "call [redacted phone] 2 times",
	       "a following number is not eaten");
	KEEP("at 10:30am on Tuesday", "a time");
	KEEP("in 2015-16 budget", "a financial year");
	KEEP("bus number 44", "a bus number");
	KEEP("about 30 minutes", "a duration");
	KEEP("on 01.02.2020 I went", "a date with dots");
	KEEP("ref 0123 45", "too few digits");
	KEEP("seen on 01-02-2020 at 9", "a date with dashes");
	KEEP("open 0900-1700 and 1800-2100", "opening hours");
	is_str(red("+447700900123"), "[redacted phone]", "+44 run together");
	is_str(red("+44-20-7946-0123"), "[redacted phone]", "+44 with dashes");
	is_str(red("tel: 0300 123 4567"), "tel: [redacted phone]", "0300 number");

	/* postcode */
	is_str(red("contact SA1 3SN now"), "contact [redacted postcode] now", "full postcode");
	is_str(red("LL111AY"), "[redacted postcode]", "full postcode without space");
	is_str(red("ch4 0dl"), "[redacted postcode]", "lower case postcode");
	is_str(red("EC1A 1BB"), "[redacted postcode]", "London postcode with letter district");
	is_str(red("GIR 0AA"), "[redacted postcode]", "Girobank postcode");
	is_str(red("I live in CF10 near"), "I live in [redacted postcode] near",
	       "partial (outward) Welsh postcode");
	is_str(red("from LL57"), "from [redacted postcode]", "partial postcode LL57");
	KEEP("the A470 at Rhayader", "A road");
	KEEP("junction 4 of the M4", "motorway");
	KEEP("the B5445", "B road");
	KEEP("route 1A", "bus route");
	KEEP("the M4 2pm", "motorway then a time (M and pm cannot end a postcode)");
	KEEP("ZZ99 9ZZ", "not a postcode area");
	KEEP("S4C and BBC Cymru", "S4C is a channel (one letter before the digit)");
	KEEP("the A483 and M56", "more road numbers");
	is_str(red("post to SW1A 1AA"), "post to [redacted postcode]", "SW1A 1AA");
	is_str(red("m1 1ae"), "[redacted postcode]", "single-letter area, lower case");

	/* name */
	is_str(red("I spoke to Dr Patel and"), "I spoke to Dr [redacted name] and", "Dr + surname");
	is_str(red("I spoke to Mr. Dafydd Evans and"), "I spoke to Mr. [redacted name] and",
	       "Mr. + two names");
	is_str(red("Cllr Sian Williams"), "Cllr [redacted name]", "councillor");
	is_str(red("Mrs Watson-O'Neil helped"), "Mrs [redacted name] helped",
	       "hyphen and apostrophe in a name");
	is_str(red("Ms Angharad Lloyd Jones said"), "Ms [redacted name] said", "three name words");
	KEEP("Some Dr and staff have", "a title followed by a lower-case word");
	KEEP("the Dr I saw", "a title followed by I");
	KEEP("I miss Tom", "miss as a verb");
	KEEP("a MS Teams call", "MS is not a title");
	KEEP("Dr XXXX said", "an already masked name");
	KEEP("parking on Lord Street", "Lord Street is a street");
	is_str(red("Dr. A. Khan rang"), "Dr. [redacted name] rang", "initial and surname");
	is_str(red("DR SMITH"), "DR [redacted name]", "capitals");
	is_str(red("Councillor Jane Doe"), "Councillor [redacted name]", "Councillor in full");

	/* several at once, and nothing to do */
	is_str(red("Mr Jones, 07700 900123, SA1 3SN, jo@example.com"),
	       "Mr [redacted name], [redacted phone], [redacted postcode], [redacted email]",
	       "several kinds in one answer");
	KEEP("costs \xc2\xa3"
	     "12.50 a month since 2019",
	     "prices and years");
	KEEP("Mae'r gwasanaeth yn dda iawn.", "Welsh text without personal data");
	is_str(red(""), "", "empty text");
	redact_release(&R);
	return tap_done();
}
