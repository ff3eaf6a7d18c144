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
	KEEP("in AB12", "a postcode district alone is an area, not an address");
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
	KEEP("I live in CF10 near", "a postcode district alone (CF10)");
	KEEP("from LL57", "a postcode district alone (LL57)");
	KEEP("The SA1 waterfront needs shade", "SA1 waterfront");
	KEEP("Reduce CO2 and fund HS2", "CO2 and HS2 (areas CO and HS)");
	is_str(red("ll57 2dg"), "[redacted postcode]", "a full postcode in lower case");
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

	/* name without a title: by context (issue 16) */
	is_str(red("My name is Sarah Connor."), "My name is [redacted name].", "my name is");
	is_str(red("my neighbour is Dave Smith and"), "my neighbour is [redacted name] and",
	       "my neighbour is");
	is_str(red("my neighbour John Smith complained"), "my neighbour [redacted name] complained",
	       "my neighbour + name");
	is_str(red("My daughter, Ffion, uses it"), "My daughter, [redacted name], uses it",
	       "relation, comma, Welsh name");
	is_str(red("my son osian walks"), "my son [redacted name] walks",
	       "listed name in lower case");
	is_str(red("Thanks to John, Sarah and Mike for"),
	       "Thanks to [redacted name], [redacted name] and [redacted name] for",
	       "a list of names");
	is_str(red("Speak to Bethan or Iwan"), "Speak to [redacted name] or [redacted name]",
	       "names joined by or");
	is_str(red("Trevor & Dr Fred were kind"), "[redacted name] & Dr [redacted name] were kind",
	       "a name before a titled name");
	is_str(red("Emily Watson runs it"), "[redacted name] runs it",
	       "listed first name + surname");
	is_str(red("Diolch i Eleri Pritchard am"), "Diolch i [redacted name] am", "diolch i");
	is_str(red("fy nghymydog Huw Jenkins sy'n"), "fy nghymydog [redacted name] sy'n",
	       "fy nghymydog");
	is_str(red("a lady called Margaret was"), "a lady called [redacted name] was", "called");
	is_str(red("Ask for Rhiannon at reception"), "Ask for [redacted name] at reception",
	       "ask for");
	KEEP("Thanks to Cardiff Council for the bins", "thanks to + an organisation");
	KEEP("My neighbour is lovely", "a relation without a name");
	KEEP("My son is 12", "a relation and a number");
	KEEP("Ask for help at the library", "ask for + a common word");
	KEEP("Will the library open?", "Will starting a question");
	KEEP("Mark the potholes", "Mark as a verb");
	KEEP("On Cherry Ward there", "a first name + Ward is a hospital ward");
	KEEP("Holly Bank is an estate", "a first name + place word");
	KEEP("Ysgol Syr Hugh Owen is good", "a school named after a person");
	KEEP("St David's Hall", "a hall named after a saint");

	/* titles, English and Welsh, multi-part surnames */
	is_str(red("Nurse Bethan Williams was"), "Nurse [redacted name] was",
	       "Nurse + listed name");
	is_str(red("I rang mr smith twice"), "I rang mr [redacted name] twice", "lower-case mr");
	is_str(red("cllr pritchard never"), "cllr [redacted name] never", "lower-case cllr");
	is_str(red("Y Cynghorydd Dafydd Iwan ddaeth"), "Y Cynghorydd [redacted name] ddaeth",
	       "Y Cynghorydd");
	is_str(red("Cllr Gwilym ap Rhys said"), "Cllr [redacted name] said", "ap in a surname");
	is_str(red("Councillor Maria de Souza"), "Councillor [redacted name]", "de in a surname");
	is_str(red("Mrs de la Cruz from"), "Mrs [redacted name] from", "de la after a title");
	is_str(red("Dr. McAllister who"), "Dr. [redacted name] who", "Mc surname");
	is_str(red("Mrs O'Connor-Hughes runs"), "Mrs [redacted name] runs", "O' and hyphen");
	is_str(red("Mx Taylor helped"), "Mx [redacted name] helped", "Mx");
	is_str(red("Y Parchedig Iolo Morgan sy'n"), "Y Parchedig [redacted name] sy'n",
	       "Parchedig");
	is_str(red("Dr Khan's picture"), "Dr [redacted name]'s picture", "a possessive stays");
	is_str(red("Doctor Rhodri Lewis explained"), "Doctor [redacted name] explained",
	       "Doctor + listed name");
	KEEP("Cyngor Sir Ddinbych should fix the roads", "Cyngor Sir Ddinbych");
	KEEP("Mae Sir Gâr yn brydferth", "Sir Gâr");
	KEEP("Sir Fynwy and Sir Benfro", "Sir Fynwy, Sir Benfro");
	KEEP("Cyngor Sir Powys", "Cyngor Sir Powys");
	KEEP("the Mr Men books", "Mr Men");
	KEEP("Dr Martens boots", "Dr Martens");
	KEEP("The Dr Beynon medical centre car park", "a practice named after its doctor");
	is_str(red("thanks to Sioned and Llyr"), "thanks to [redacted name] and [redacted name]",
	       "a Welsh name typed without its accent (Llŷr)");
	KEEP("a form in Ms Excel or Ms Forms", "Microsoft products written Ms");
	KEEP("Mr Kipling cakes", "Mr Kipling");
	KEEP("Doctor Who in Cardiff Bay", "Doctor Who");
	KEEP("Sister Act at the theatre", "Sister Act");
	KEEP("the best MH Dr I've had", "Dr I've");

	/* phones in every UK form */
	is_str(red("0 7 7 0 0 9 0 0 4 5 6 is mine"), "[redacted phone] is mine", "digits spaced");
	is_str(red("07700.900.123 ok"), "[redacted phone] ok", "dots");
	is_str(red("+44 (0) 1745 123456 is"), "[redacted phone] is", "+44 (0) spaced");
	is_str(red("ring 0044 29 2087 2087"), "ring [redacted phone]", "0044 Cardiff");

	/* obfuscated emails */
	is_str(red("john dot smith at gmail dot com"), "[redacted email]", "at and dot in words");
	is_str(red("write to bob_smith(at)example(dot)com"), "write to [redacted email]",
	       "(at) and (dot)");
	is_str(red("jane [at] cyngor [dot] cymru is"), "[redacted email] is", "[at] and [dot]");
	is_str(red("email rhian @ hotmail . co . uk"), "email [redacted email]",
	       "spaced @ and dots");
	KEEP("People at the club dot their i's", "at and dot in a sentence");
	KEEP("Meet at 7 at the hall", "at as a preposition");
	KEEP("stay at home. Co-op shut", "at, then a full stop and Co");

	/* handles, bare domains, short links */
	is_str(red("follow @daiwilliams99 now"), "follow [redacted handle] now", "handle");
	KEEP("@ the moment", "an at sign alone");
	is_str(red("my blog rhysjones.net has"), "my blog [redacted url] has", "bare .net domain");
	is_str(red("see tinyurl.com/y7abc2 now"), "see [redacted url] now", "short link");
	KEEP("on GOV.UK and ASP.NET", "GOV.UK and ASP.NET");
	KEEP("built in asp.net and vb.net", "technology names ending in .net");

	/* addresses */
	is_str(red("I live at 14 High Street now"), "I live at [redacted address] now", "street");
	is_str(red("Flat 3, 22 Station Road, Newtown"), "[redacted address], Newtown",
	       "flat and street");
	is_str(red("Flat 4, 23 Heol y Frenhines needs"), "[redacted address] needs",
	       "Welsh street");
	is_str(red("mae 12 Stryd Fawr yn wag"), "mae [redacted address] yn wag", "Stryd Fawr");
	KEEP("The 10 Park buses", "a number and Park");
	KEEP("Room 101 at County Hall", "a room number");
	KEEP("Heol y Frenhines is closed", "a street without a number");

	/* dates of birth */
	is_str(red("born 12/03/1985 and"), "born [redacted date of birth] and", "born + date");
	is_str(red("DOB: 3.4.62"), "DOB: [redacted date of birth]", "DOB");
	is_str(red("my date of birth is 14 July 1950"),
	       "my date of birth is [redacted date of birth]", "date of birth in words");
	is_str(red("Ganwyd ar 5 Mawrth 1948"), "Ganwyd ar [redacted date of birth]", "Welsh");
	is_str(red("born on the 3rd of May 1940"), "born on the [redacted date of birth]",
	       "born on the …");
	KEEP("The meeting on 12/03/2025 was useful", "a date that is no birth date");
	KEEP("Ganwyd fy mhlant yn Ysbyty Gwynedd", "ganwyd without a date");

	/* vehicles */
	is_str(red("car AB12 CDE parks"), "car [redacted vehicle] parks", "current format");
	is_str(red("reg P123 ABC dumped"), "reg [redacted vehicle] dumped", "prefix format");
	is_str(red("number plate cy19abc"), "number plate [redacted vehicle]", "lower case");
	KEEP("The A470 AND the A5", "a road then AND");
	KEEP("Traffic at M4 J33 is awful", "a motorway junction");
	KEEP("The T2 bus and the X5", "bus routes");

	/* a long run of "a." before an '@' once ran the JIT stack out (the
	 * answer was then dropped as unredactable) */
	{
		static char longrun[4004];
		struct buf b;
		size_t i;

		for (i = 0; i + 2 < 4000; i += 2)
			memcpy(longrun + i, "a.", 2);
		longrun[i++] = '@';
		longrun[i] = '\0';
		buf_init(&b, 1 << 20);
		ok(redact_text(&R, longrun, strlen(longrun), &b) >= 0,
		   "a long 'a.a.a.…@' is redacted, not refused");
		buf_release(&b);
	}

	/* several at once, and nothing to do */
	is_str(red("Mr Jones, 07700 900123, SA1 3SN, jo@example.com"),
	       "Mr [redacted name], [redacted phone], [redacted postcode], [redacted email]",
	       "several kinds in one answer");
	KEEP("costs \xc2\xa3"
	     "12.50 a month since 2019",
	     "prices and years");
	KEEP("Mae'r gwasanaeth yn dda iawn.", "Welsh text without personal data");
	is_str(red(""), "", "empty text");
	/* Two listed first names joined as a list, no other cue (issue 16). */
	{
		struct buf o;

		buf_init(&o, 4096);
		redact_text(&R, "There is nothing Nicky & Fay could have done better.", 52, &o);
		ok(strstr(buf_cstr(&o), "Nicky") == NULL && strstr(buf_cstr(&o), "Fay") == NULL,
		   "two first names joined by '&' are redacted: %s", buf_cstr(&o));
		buf_reset(&o);
		redact_text(&R, "Diolch i bawb, yn enwedig Siân a Huw.",
			    strlen("Diolch i bawb, yn enwedig Siân a Huw."), &o);
		ok(strstr(buf_cstr(&o), "Huw") == NULL, "Welsh 'a' joins two first names: %s",
		   buf_cstr(&o));
		buf_reset(&o);
		redact_text(
		    &R, "Salt and Pepper ran out; then Marks and Spencer, and the Rose and Crown.",
		    strlen(
			"Salt and Pepper ran out; then Marks and Spencer, and the Rose and Crown."),
		    &o);
		ok(strstr(buf_cstr(&o), "redacted") == NULL,
		   "names of things joined by 'and' stay: %s", buf_cstr(&o));
		buf_release(&o);
	}
	redact_release(&R);
	return tap_done();
}
