/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * survey: small accessors of the model (texts, languages, look-ups), the
 * Europe/London time conversion used for the survey dates, and UK postcodes
 * with the area map. The loader is in load.c.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/uktime.h"
#include "survey/survey.h"

const char *survey_text_get(const struct survey_text *x, enum yv_lang l)
{
	if (x == NULL)
		return "";
	if ((unsigned)l < LANG_N && x->t[l] != NULL)
		return x->t[l];
	if (x->t[LANG_EN] != NULL)
		return x->t[LANG_EN];
	for (int i = 0; i < LANG_N; i++)
		if (x->t[i] != NULL)
			return x->t[i];
	return "";
}

const char *survey_lang_code(enum yv_lang l)
{
	return yv_lang_code(l);
}

int survey_id_valid(const char *s, size_t n)
{
	if (s == NULL || n == 0 || n > 63)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0)))
			return 0;
	}
	return 1;
}

int survey_question_is_personal(const struct survey_question *q)
{
	return q->personal || q->type == SQ_EMAIL || q->type == SQ_POSTCODE ||
	       q->type == SQ_PATTERN;
}

int survey_lang_parse(const char *code)
{
	return yv_lang_parse(code);
}

const struct survey_question *survey_find_question(const struct survey *s, const char *qid)
{
	if (s == NULL || qid == NULL)
		return NULL;
	for (size_t i = 0; i < s->npages; i++)
		for (size_t j = 0; j < s->pages[i].nquestions; j++)
			if (s->pages[i].questions[j].id != NULL &&
			    strcmp(s->pages[i].questions[j].id, qid) == 0)
				return &s->pages[i].questions[j];
	return NULL;
}

const struct survey_page *survey_find_page(const struct survey *s, const char *pid)
{
	if (s == NULL || pid == NULL)
		return NULL;
	for (size_t i = 0; i < s->npages; i++)
		if (s->pages[i].id != NULL && strcmp(s->pages[i].id, pid) == 0)
			return &s->pages[i];
	return NULL;
}

enum survey_state survey_state_at(const struct survey *s, time_t now)
{
	if (now < s->opens_at)
		return SURVEY_NOT_YET_OPEN;
	if (now < s->closes_at)
		return SURVEY_OPEN;
	return SURVEY_CLOSED;
}

int survey_results_public(const struct survey *s, time_t now, int officer_published)
{
	switch (s->publication) {
	case SURVEY_PUBLISH_LIVE:
		return now >= s->opens_at;
	case SURVEY_PUBLISH_MANUAL:
		return officer_published != 0;
	case SURVEY_PUBLISH_AFTER_CLOSE:
	default:
		return now >= s->closes_at && now >= s->results_at;
	}
}

const struct survey_text *survey_budget_level_find(const struct survey_budget_line *l,
						   int change_bp)
{
	for (size_t i = 0; i < l->nlevels; i++)
		if (l->levels[i].change_bp == change_bp)
			return &l->levels[i].meaning;
	return NULL;
}

/* ---------------------------------------------------------------------- */
/* Europe/London */

static int digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int survey_london_time(const char *s, time_t *out)
{
	int y, mo, d, h = 0, mi = 0, se = 0;
	size_t n = s ? strlen(s) : 0;

	if (n != 10 && n != 16 && n != 19)
		return -1;
	if (digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) || s[7] != '-' ||
	    digits(s + 8, 2, &d))
		return -1;
	if (n >= 16 &&
	    (s[10] != 'T' || digits(s + 11, 2, &h) || s[13] != ':' || digits(s + 14, 2, &mi)))
		return -1;
	if (n == 19 && (s[16] != ':' || digits(s + 17, 2, &se)))
		return -1;
	if (y < 1996)
		return -1;
	/* -1 also for a time skipped when the clocks go forward; the hour
	 * repeated in October is taken as BST. */
	return uktime_from_local(y, mo, d, h, mi, se, out);
}

/* ---------------------------------------------------------------------- */
/* Postcodes */

/*
 * UK postcode: outward code A9, A99, AA9, AA99, A9A or AA9A, then inward
 * code 9AA; the special GIR 0AA too.
 */
int survey_postcode_normalise(const char *in, char *out, size_t outsz)
{
	char t[16];
	size_t n = 0, ol;

	if (in == NULL)
		return -1;
	for (const char *p = in; *p; p++) {
		if (*p == ' ' || *p == '\t')
			continue;
		if (n + 1 >= sizeof(t) || !isalnum((unsigned char)*p))
			return -1;
		t[n++] = (char)toupper((unsigned char)*p);
	}
	t[n] = '\0';
	if (n < 5 || n > 7)
		return -1;
	ol = n - 3;
	/* inward: digit, letter, letter */
	if (!isdigit((unsigned char)t[ol]) || !isalpha((unsigned char)t[ol + 1]) ||
	    !isalpha((unsigned char)t[ol + 2]))
		return -1;
	if (strcmp(t, "GIR0AA") != 0) {
		size_t i = 0;

		while (i < ol && isalpha((unsigned char)t[i]))
			i++;
		if (i < 1 || i > 2 || i >= ol || !isdigit((unsigned char)t[i]))
			return -1;
		i++;
		if (i < ol && (isdigit((unsigned char)t[i]) || (isalpha((unsigned char)t[i]))))
			i++;
		if (i != ol)
			return -1;
	}
	if (outsz < n + 2)
		return -1;
	snprintf(out, outsz, "%.*s %s", (int)ol, t, t + ol);
	return 0;
}

const struct survey_area *survey_area_for_postcode(const struct survey *s, const char *postcode)
{
	char pc[16], sector[16];
	const char *sp;

	if (s == NULL || survey_postcode_normalise(postcode, pc, sizeof(pc)) < 0)
		return NULL;
	sp = strchr(pc, ' ');
	/* sector: "LL13 7" */
	snprintf(sector, sizeof(sector), "%.*s", (int)(sp - pc) + 2, pc);
	for (size_t i = 0; i < s->nareas; i++)
		for (size_t k = 0; k < s->areas[i].npostcodes; k++)
			if (strcmp(s->areas[i].postcodes[k], sector) == 0)
				return &s->areas[i];
	for (size_t i = 0; i < s->nareas; i++)
		for (size_t k = 0; k < s->areas[i].npostcodes; k++)
			if (strlen(s->areas[i].postcodes[k]) == (size_t)(sp - pc) &&
			    strncmp(s->areas[i].postcodes[k], pc, (size_t)(sp - pc)) == 0)
				return &s->areas[i];
	return NULL;
}
