/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Unit tests for the stance of an answer and "nothing to add" detection
 * (app/text/stance.c), in English and Welsh. */
#include "config.h"

#include <string.h>

#include "tap.h"
#include "text/text.h"

static struct text_tokeniser T;

/* Normalise and tokenise s, then run the stage: 0 stance, 1 nothing. */
static int run(const char *s, int what)
{
	struct buf b;
	struct text_span sp[256];
	int n, r;

	buf_init(&b, 1 << 16);
	if (text_normalise(s, strlen(s), &b) < 0) {
		buf_release(&b);
		return -1;
	}
	n = text_tokenise(&T, buf_cstr(&b), b.len, sp, 256);
	if (n > 256)
		n = 256;
	r = what == 0 ? (int)text_stance_of(b.data, sp, n) : text_is_nothing(b.data, sp, n);
	buf_release(&b);
	return r;
}

static const char *stance(const char *s)
{
	return text_stance_name((enum text_stance)run(s, 0));
}

int main(void)
{
	static const char *const nothing_yes[] = {
	    "Nothing", "nothing.", "No", "N/A", "n/a", "None", "Nothing to add",
	    "Nothing, all good", "can't think of anything", "Cannot think of anything.",
	    "Nothing really", "No comment", "All good.", "Happy with the service.", "Dim byd",
	    "dim", "Dim byd i'w ychwanegu", "Nothing to improve, thank you",
	    "Nothing, the staff were lovely.", "Nothing - excellent service", "Well done.",
	    /* a leading "nothing" without a comma, then praise */
	    "Nothing the care was brilliant", "Nothing they were all so helpful.",
	    "Nothing could have been done better all very good 10/10.", "Nothing different.",
	    "No faults at all.", "Everything fine.", "Good as it is.", "Cannot think of a thing."};
	static const char *const nothing_no[] = {
	    "Nothing was done about the potholes",
	    /* a verdict on the care is its own topic */
	    "Very good service.", "Excellent",
	    "Nothing happened when I rang the ward, staff were kind",
	    "Nothing but the food was cold and the staff rude", "No parking near the school",
	    "More buses", "Dim bws ar ddydd Sul", "", "The staff were good but the food was cold",
	    "Absolutely nothing was good about this service", "Nothing, the wait was too long"};

	if (!ok(text_tokeniser_init(&T) == 0, "tokeniser"))
		return tap_done();
	for (size_t i = 0; i < sizeof(nothing_yes) / sizeof(*nothing_yes); i++)
		is_int(run(nothing_yes[i], 1), 1, "nothing to add: \"%s\"", nothing_yes[i]);
	for (size_t i = 0; i < sizeof(nothing_no) / sizeof(*nothing_no); i++)
		is_int(run(nothing_no[i], 1), 0, "not \"nothing to add\": \"%s\"", nothing_no[i]);

	/* English */
	is_str(stance("The nurses were kind and caring"), "praise", "praise words: praise");
	is_str(stance("Staff were rude and we waited four hours"), "complaint",
	       "blame words: complaint");
	is_str(stance("The staff were not friendly"), "complaint", "negated praise is a complaint");
	/* "did not", "was not" written out read as "didn't", "wasn't" */
	is_str(stance("I told the nurse on the first visit but this was not acted on"), "complaint",
	       "'was not acted on' is a complaint, like 'wasn't acted on'");
	is_str(stance("The patient does not want male nurses"), "complaint",
	       "'does not want' is a complaint, like 'doesn't want'");
	is_str(stance("The doctor was not rude at all, very kind"), "praise",
	       "'was not rude' reads the negation of the cue after it, not a complaint");
	is_str(stance("I do not know what could be better, all very kind"), "praise",
	       "'do not' (its contraction is no complaint word) is no complaint");
	/* a wait in weeks, months or years */
	is_str(stance("It takes years just to get an appointment"), "complaint",
	       "'takes years' is a long wait");
	is_str(stance("I have been a patient for years and they are always kind"), "praise",
	       "'for years' is no wait");
	is_str(stance("No problems at all, very efficient"), "praise",
	       "negated blame ('no problems') is not a complaint");
	is_str(stance("The parking could be better"), "suggestion",
	       "'could be better' is a suggestion");
	is_str(stance("There should be more buses in the evening"), "suggestion",
	       "'should', 'more': suggestion");
	is_str(stance("Couldn't be better, thank you"), "praise",
	       "negated 'could be better' is praise");
	is_str(stance("Nothing could be done better"), "praise",
	       "'nothing could be done better' is praise");
	is_str(stance("Nothing to improve"), "praise", "'nothing to improve' is contentment");
	is_str(stance("Nothing, very supportive staff"), "praise",
	       "a leading 'nothing' does not negate the praise after it");
	is_str(stance("Answer the phone"), "suggestion", "a request is a suggestion");
	is_str(stance("The library opens on Tuesdays"), "neutral", "no cue: neutral");
	is_str(stance("I would recommend this service"), "praise", "'would recommend' is praise");
	/* Welsh */
	is_str(stance("Staff caredig iawn, diolch"), "praise", "Welsh praise (caredig, diolch)");
	is_str(stance("Mae'r gwasanaeth yn wael ac yn rhy araf"), "complaint",
	       "Welsh complaint (gwael mutated, rhy, araf)");
	is_str(stance("Dydy'r staff ddim yn dda"), "complaint",
	       "Welsh negated praise (ddim yn dda) is a complaint");
	is_str(stance("Dylai fod mwy o fysiau"), "suggestion", "Welsh suggestion (dylai, mwy)");
	is_str(stance("Mae angen gwell parcio"), "suggestion", "Welsh suggestion (angen, gwell)");

	/* Mixed answers: the clause after a contrast word, a duration, "had
	 * to", "no one" carry the verdict. */
	is_str(stance("Lovely staff but we waited 4 hours"), "complaint",
	       "praise then \"but\" and a wait: complaint");
	is_str(stance("Whilst the nurses were kind, nobody told us anything"), "complaint",
	       "concession clause counts less than the complaint after it");
	is_str(stance("The nurses were kind, I had to chase the results three times"), "complaint",
	       "\"had to\" is a complaint cue");
	is_str(stance("No one answered the phone for two weeks"), "complaint",
	       "\"no one\" and a duration are complaint cues");
	is_str(stance("Care excellent but nurses are always rushing and the ward was dirty"),
	       "complaint", "contrast: what follows \"but\" weighs more");
	/* ... and praise stays praise */
	is_str(stance("Communicated well."), "praise", "\"well\" is not the Welsh \"gwell\"");
	is_str(stance("I was listened too."), "praise", "\"too\" at the end blames nothing");
	is_str(stance("Can't thank you enough"), "praise", "\"can't thank enough\" is praise");
	is_str(stance("Nothing could be done any better"), "praise",
	       "\"any better\" after a negation is contentment");
	is_str(stance("Not a single thing."), "praise", "\"not a single thing\" is contentment");
	is_str(stance("Keep to appointments when made"), "suggestion",
	       "an answer opening with \"keep\" asks for a change");
	is_str(stance("Keep up the good work, lovely staff"), "praise",
	       "\"keep up the good work\" is praise, not a request");
	is_str(stance("The staff never rushed me, very kind"), "praise",
	       "\"never\" read with the cue it negates");
	is_str(stance("Roedd y staff yn garedig ond buon ni'n aros am dair awr"), "complaint",
	       "Welsh: after \"ond\" a wait of \"dair awr\" is a complaint");
	/* Wishes and inabilities after a modal, waits without a number,
	 * requests without a verb, negators written without an apostrophe. */
	is_str(stance("Appointment times would help for planning our visits"), "suggestion",
	       "\"would help\" is a wish");
	is_str(stance("I would rather speak to somebody face to face"), "suggestion",
	       "\"would rather\" is a wish");
	is_str(stance("Good advice on the phone, although I would prefer to see someone"),
	       "suggestion", "\"although\" inside a sentence brings the reservation");
	is_str(stance("I could not get an appointment at all"), "complaint",
	       "\"could not\" + another verb is a complaint");
	is_str(stance("Could not have asked for better care"), "praise",
	       "\"could not have asked for better\" stays praise");
	is_str(stance("It took a long time to have our first visit"), "complaint",
	       "\"took a long time\" is a complaint of waiting");
	is_str(stance("I have felt better than in a long time, lovely staff"), "praise",
	       "\"in a long time\" is not a wait");
	is_str(stance("More communication with patients."), "suggestion",
	       "a wish without a verb (\"More ...\") is a suggestion");
	is_str(stance("Activities not promoted enough"), "complaint",
	       "\"not ... enough\" is a complaint");
	is_str(stance("Appointments arent as frequent as they should be"), "complaint",
	       "\"arent\" (no apostrophe) negates \"as they should be\"");
	is_str(stance("Booking home visits lets the service down"), "complaint",
	       "\"lets ... down\" is a complaint");
	is_str(stance("Lovely sessions, such a shame they are being discontinued"), "complaint",
	       "\"shame\", \"discontinued\" are complaint cues");
	is_str(stance("Coming into the clinic with no reception can be confusing"), "complaint",
	       "\"no\" negates its noun, not a later verdict");
	is_str(stance("Dim digon o staff ar y ward"), "complaint",
	       "Welsh \"dim digon\" (not enough) is a complaint");
	is_str(stance("Trueni bod y ganolfan wedi cau"), "complaint",
	       "Welsh \"trueni\" (a pity) is a complaint");
	is_str(stance("Lovely staff. The ward could do with a tidy up."), "suggestion",
	       "\"could do with\" is a wish");
	is_str(stance("Good care. Could have done with a phone call the day before."), "suggestion",
	       "\"could have done with\" is a wish");
	text_tokeniser_release(&T);
	return tap_done();
}
