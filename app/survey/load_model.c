/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * load_model: builds the survey model from the root element: languages,
 * metadata (contact, dates, privacy, access), the area map and the pages
 * with their questions, then hands over to the cross-references.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "survey/load_int.h"

/* <contact><address>: the postal address's lines, none empty, at most
 * ADDRESS_MAX_LINES. */
#define ADDRESS_MAX_LINES 10
static void meta_address(struct loader *l, xmlNode *n)
{
	struct survey *s = l->s;
	size_t k = 0;

	if (n == NULL)
		return;
	s->contact_address = arena_calloc(l->a, ADDRESS_MAX_LINES, sizeof(*s->contact_address));
	for (xmlNode *c = n->children; c != NULL; c = c->next) {
		if (!load_is_el(c, "line"))
			continue;
		if (k == ADDRESS_MAX_LINES) {
			load_err_at(l, c, "the contact address has more than %d lines",
				    ADDRESS_MAX_LINES);
			break;
		}
		s->contact_address[k] = load_node_text(l, c);
		if (s->contact_address[k][0] == '\0')
			load_err_at(l, c, "a line of the contact address is empty");
		k++;
	}
	s->ncontact_address = k;
}

/* <contact>: a name, an email address and a phone number that are real. */
static void meta_contact(struct loader *l, xmlNode *n)
{
	struct survey *s = l->s;
	xmlNode *nm = load_first_el(n, "name"), *em = load_first_el(n, "email"),
		*ph = load_first_el(n, "phone");
	int digits = 0;

	s->contact_name = nm ? load_node_text(l, nm) : "";
	s->contact_email = em ? load_node_text(l, em) : "";
	s->contact_phone = ph ? load_node_text(l, ph) : "";
	if (nm && s->contact_name[0] == '\0')
		load_err_at(l, nm, "the contact name is empty");
	if (em && !survey_email_ok(s->contact_email))
		load_err_at(l, em, "the contact email '%s' is not an email address",
			    s->contact_email);
	for (const char *p = s->contact_phone; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr(" +()-", *p)) {
			digits = -100;
			break;
		}
	}
	if (ph && (digits < 6 || digits > 15))
		load_err_at(l, ph,
			    "the contact phone '%s' is not a phone number (6 to 15 digits, "
			    "spaces, + ( ) -)",
			    s->contact_phone);
	meta_address(l, load_first_el(n, "address"));
}

/*
 * <dates>: opening, closing and results times in Europe/London, in order.
 * A date alone (YYYY-MM-DD, ten characters) is remembered so that pages
 * show it without a time; a closing date alone means the end of that day.
 * standing="true" is a survey with no end: no closes, no results date, and
 * results that are live or manual (after-close would never come).
 */
static void meta_dates(struct loader *l, xmlNode *n)
{
	struct survey *s = l->s;
	const char *o = load_attr(l, n, "opens"), *c = load_attr(l, n, "closes"),
		   *r = load_attr(l, n, "results"), *st = load_attr(l, n, "standing");
	int ok = 1;

	s->standing = st != NULL && strcmp(st, "true") == 0;
	if (o && survey_london_time(o, &s->opens_at) < 0) {
		load_err_at(l, n,
			    "opens=\"%s\" is not a Europe/London date-time YYYY-MM-DDTHH:MM "
			    "that exists",
			    o);
		ok = 0;
	}
	if (s->standing) {
		if (c != NULL || r != NULL)
			load_err_at(
			    l, n,
			    "a standing survey (standing=\"true\") has no closes or results "
			    "date: leave them out");
		if (s->publication == SURVEY_PUBLISH_AFTER_CLOSE)
			load_err_at(l, n,
				    "a standing survey never closes: its results need <publication "
				    "results=\"live\"/> or results=\"manual\"");
		s->closes_at = s->results_at = SURVEY_NEVER;
		if (o && strlen(o) == 10)
			s->date_only |= SURVEY_DATE_OPENS;
		return;
	}
	if (c == NULL || r == NULL) {
		load_err_at(
		    l, n,
		    "<dates> needs closes=\"...\" and results=\"...\", or standing=\"true\" "
		    "for a survey that never closes");
		return;
	}
	if (c && survey_london_time(c, &s->closes_at) < 0) {
		load_err_at(l, n,
			    "closes=\"%s\" is not a Europe/London date-time YYYY-MM-DDTHH:MM "
			    "that exists",
			    c);
		ok = 0;
	}
	if (r && survey_london_time(r, &s->results_at) < 0) {
		load_err_at(l, n,
			    "results=\"%s\" is not a date YYYY-MM-DD or date-time YYYY-MM-DDTHH:MM",
			    r);
		ok = 0;
	}
	if (!ok)
		return;
	if (o && strlen(o) == 10)
		s->date_only |= SURVEY_DATE_OPENS;
	if (strlen(c) == 10) {
		/* the end of that day: the next midnight, by the calendar (a
		 * day of the clock change is 23 or 25 hours long) */
		time_t end;
		struct tm tm = {0};
		char next[11];

		s->date_only |= SURVEY_DATE_CLOSES;
		tm.tm_year = (c[0] - '0') * 1000 + (c[1] - '0') * 100 + (c[2] - '0') * 10 +
			     (c[3] - '0') - 1900;
		tm.tm_mon = (c[5] - '0') * 10 + (c[6] - '0') - 1;
		tm.tm_mday = (c[8] - '0') * 10 + (c[9] - '0') + 1;
		tm.tm_hour = 12;
		end = timegm(&tm); /* normalises the day after the month's last */
		if (gmtime_r(&end, &tm) != NULL &&
		    strftime(next, sizeof(next), "%Y-%m-%d", &tm) == 10 &&
		    survey_london_time(next, &end) == 0)
			s->closes_at = end;
	}
	if (strlen(r) == 10)
		s->date_only |= SURVEY_DATE_RESULTS;
	if (s->closes_at <= s->opens_at)
		load_err_at(l, n, "the survey closes (%s) before it opens (%s)", c, o);
	else if (s->results_at < s->closes_at && s->publication == SURVEY_PUBLISH_AFTER_CLOSE &&
		 !((s->date_only & SURVEY_DATE_RESULTS) && strncmp(r, c, 10) == 0))
		load_err_at(l, n, "results (%s) are due before the survey closes (%s)", r, c);
}

/* <privacy>: a link to the notice (https://, http:// or a site path) or its text. */
static void meta_privacy(struct loader *l, xmlNode *n)
{
	struct survey *s = l->s;

	s->privacy_url = load_attr(l, n, "href");
	load_get_text(l, n, "notice", &s->privacy, 0, "the privacy notice");
	if (s->privacy_url == NULL && load_first_el(n, "notice") == NULL)
		load_err_at(l, n, "<privacy> needs href=\"...\" or a <notice>");
	if (s->privacy_url != NULL && strncmp(s->privacy_url, "https://", 8) != 0 &&
	    strncmp(s->privacy_url, "http://", 7) != 0 && s->privacy_url[0] != '/')
		load_err_at(l, n, "privacy href=\"%s\" must start with https://, http:// or /",
			    s->privacy_url);
}

void load_meta(struct loader *l, xmlNode *root)
{
	struct survey *s = l->s;
	xmlNode *n;
	const char *v;

	load_get_text(l, root, "title", &s->title, 1, "the survey");
	load_get_text(l, root, "summary", &s->summary, 1, "the survey");
	load_get_text(l, root, "organisation", &s->organisation, 1, "the survey");
	load_get_text(l, root, "you-said-we-did", &s->you_said_we_did, 0, "the survey");

	n = load_first_el(root, "contact");
	if (n != NULL)
		meta_contact(l, n);

	n = load_first_el(root, "dates");
	if (n != NULL)
		meta_dates(l, n);

	n = load_first_el(root, "privacy");
	if (n != NULL)
		meta_privacy(l, n);
	n = load_first_el(root, "access");
	v = n ? load_attr(l, n, "mode") : NULL;
	s->access = v && strcmp(v, "invitation") == 0 ? SURVEY_INVITATION : SURVEY_ANONYMOUS;
	n = load_first_el(root, "series");
	if (n != NULL) {
		s->series_id = load_check_id(l, n, "id", "series");
		s->series_wave = load_check_id(l, n, "wave", "series");
		load_get_text(l, n, "name", &s->series_name, 0, "series");
		load_node_pos(l, n, &s->series_line, &s->series_col);
	}
	n = load_first_el(root, "retention");
	if (n != NULL) {
		long long days = load_attr_uint(l, n, "days", 0, 36500);

		s->retention_days = days < 0 ? 0 : (unsigned)days;
	}
	s->once_per = s->access == SURVEY_INVITATION ? SURVEY_ONCE_INVITATION : SURVEY_ONCE_BROWSER;
	n = load_first_el(root, "abuse");
	if (n != NULL) {
		long long mph = load_attr_uint(l, n, "max-per-hour", 0, 1000000);

		v = load_attr(l, n, "once-per");
		if (v != NULL)
			s->once_per = strcmp(v, "invitation") == 0 ? SURVEY_ONCE_INVITATION
				      : strcmp(v, "none") == 0	   ? SURVEY_ONCE_NONE
								   : SURVEY_ONCE_BROWSER;
		if (s->once_per == SURVEY_ONCE_INVITATION && s->access != SURVEY_INVITATION)
			load_err_at(l, n,
				    "once-per=\"invitation\" needs <access mode=\"invitation\"/>");
		s->rate_limit_per_hour = mph < 0 ? 0 : (unsigned)mph;
	}
}

/* "LL11" (district) or "LL13 7" (sector), normalised into out. */
static int area_code_normalise(const char *in, char *out, size_t outsz)
{
	char t[16];
	size_t n = 0, i = 0, letters = 0, digits = 0;

	for (const char *p = in; *p; p++) {
		if (*p == ' ')
			continue;
		if (n + 1 >= sizeof(t))
			return -1;
		t[n++] = (char)toupper((unsigned char)*p);
	}
	t[n] = '\0';
	while (i < n && t[i] >= 'A' && t[i] <= 'Z')
		i++, letters++;
	if (letters < 1 || letters > 2 || i >= n || t[i] < '0' || t[i] > '9')
		return -1;
	i++;
	digits = 1;
	if (i < n && ((t[i] >= '0' && t[i] <= '9') || (t[i] >= 'A' && t[i] <= 'Z')))
		i++, digits++;
	if (i == n) {
		snprintf(out, outsz, "%s", t);
		return 0;
	}
	/* a sector: the district then one digit. "LL137" is ambiguous only when
	 * the district has two digits, which the written space resolves. */
	if (i + 1 == n && t[i] >= '0' && t[i] <= '9') {
		if (strchr(in, ' ') == NULL)
			return -1;
		snprintf(out, outsz, "%.*s %c", (int)i, t, t[i]);
		return 0;
	}
	(void)digits;
	return -1;
}

void load_areas(struct loader *l, xmlNode *root)
{
	struct survey *s = l->s;
	xmlNode *n = load_first_el(root, "areas");
	size_t cnt = 0, i = 0, total = 0;

	if (n == NULL)
		return;
	for (xmlNode *c = n->children; c != NULL; c = c->next)
		cnt += load_is_el(c, "area");
	if (cnt > SURVEY_MAX_AREAS) {
		load_err_at(l, n, "the area map has more than %d areas", SURVEY_MAX_AREAS);
		cnt = SURVEY_MAX_AREAS;
	}
	s->areas = arena_calloc(l->a, cnt ? cnt : 1, sizeof(*s->areas));
	for (xmlNode *c = n->children; c != NULL && i < cnt; c = c->next) {
		struct survey_area *ar;
		char what[128];
		size_t np = 0;

		if (!load_is_el(c, "area"))
			continue;
		ar = &s->areas[i++];
		ar->id = load_check_id(l, c, "id", "area");
		snprintf(what, sizeof(what), "area '%s'", ar->id);
		for (size_t j = 0; j + 1 < i; j++)
			if (strcmp(s->areas[j].id, ar->id) == 0)
				load_err_at(l, c, "two areas have id '%s'", ar->id);
		load_get_text(l, c, "name", &ar->name, 1, what);
		for (xmlNode *p = c->children; p != NULL; p = p->next)
			np += load_is_el(p, "postcode");
		if (total + np > SURVEY_MAX_POSTCODES) {
			load_err_at(l, c, "the area map lists more than %d postcodes",
				    SURVEY_MAX_POSTCODES);
			break;
		}
		total += np;
		ar->postcodes = arena_calloc(l->a, np ? np : 1, sizeof(*ar->postcodes));
		for (xmlNode *p = c->children; p != NULL; p = p->next) {
			char code[16];
			const char *raw;

			if (!load_is_el(p, "postcode"))
				continue;
			raw = load_node_text(l, p);
			if (area_code_normalise(raw, code, sizeof(code)) < 0) {
				load_err_at(
				    l, p,
				    "'%s' is not a postcode district (LL11) or sector (LL13 7)",
				    raw);
				continue;
			}
			for (size_t a2 = 0; a2 < i; a2++)
				for (size_t k = 0; k < s->areas[a2].npostcodes; k++)
					if (strcmp(s->areas[a2].postcodes[k], code) == 0)
						load_err_at(l, p,
							    "postcode %s is already in area '%s'",
							    code, s->areas[a2].id);
			ar->postcodes[ar->npostcodes++] = load_adup(l, code);
		}
	}
	s->nareas = i;
}

void load_pages(struct loader *l, xmlNode *root)
{
	struct survey *s = l->s;
	size_t np = 0, pi = 0;

	for (xmlNode *c = root->children; c != NULL; c = c->next)
		np += load_is_el(c, "page");
	if (np > SURVEY_MAX_PAGES) {
		load_err_at(l, root, "the survey has more than %d pages", SURVEY_MAX_PAGES);
		return;
	}
	s->pages = arena_calloc(l->a, np ? np : 1, sizeof(*s->pages));
	/* First pass: pages and questions, so that conditions can look up any
	 * question and say whether it is on an earlier page. */
	for (xmlNode *c = root->children; c != NULL; c = c->next) {
		struct survey_page *p;
		char what[128];
		size_t nq = 0, qi = 0;

		if (!load_is_el(c, "page"))
			continue;
		p = &s->pages[pi];
		p->id = load_check_id(l, c, "id", "page");
		load_node_pos(l, c, &p->line, &p->col);
		snprintf(what, sizeof(what), "page '%s'", p->id);
		/* The names after /s/<id>/ that are not pages (web/route.c). */
		if (strcmp(p->id, "check") == 0 || strcmp(p->id, "done") == 0 ||
		    strcmp(p->id, "save") == 0 || strcmp(p->id, "invitation") == 0 ||
		    strcmp(p->id, "privacy") == 0)
			load_err_at(
			    l, c,
			    "page id '%s' is reserved (it is part of the survey's web addresses)",
			    p->id);
		for (size_t j = 0; j < pi; j++)
			if (strcmp(s->pages[j].id, p->id) == 0) {
				load_err_at(l, c, "two pages have id '%s'", p->id);
				break;
			}
		load_get_text(l, c, "heading", &p->heading, 1, what);
		load_get_text(l, c, "intro", &p->intro, 0, what);
		p->show_if = load_attr(l, c, "show-if");
		for (xmlNode *q = c->children; q != NULL; q = q->next)
			nq += load_qtype_of(q) >= 0;
		if (nq > SURVEY_MAX_QUESTIONS) {
			load_err_at(l, c, "%s has more than %d questions", what,
				    SURVEY_MAX_QUESTIONS);
			return;
		}
		p->questions = arena_calloc(l->a, nq ? nq : 1, sizeof(*p->questions));
		for (xmlNode *q = c->children; q != NULL; q = q->next) {
			if (load_qtype_of(q) < 0)
				continue;
			int dup = 0;

			load_question(l, q, &p->questions[qi], pi);
			for (size_t pj = 0; pj <= pi; pj++)
				for (size_t k = 0; k < (pj == pi ? qi : s->pages[pj].nquestions);
				     k++)
					if (strcmp(s->pages[pj].questions[k].id,
						   p->questions[qi].id) == 0 &&
					    !dup) {
						load_err_at(l, q, "two questions have id '%s'",
							    p->questions[qi].id);
						dup = 1;
					}
			qi++;
			p->nquestions = qi;
		}
		pi++;
		s->npages = pi;
	}
	/* Second pass: conditions. */
	pi = 0;
	for (xmlNode *c = root->children; c != NULL; c = c->next) {
		struct survey_page *p;
		char what[128];
		size_t qi = 0;

		if (!load_is_el(c, "page"))
			continue;
		p = &s->pages[pi];
		snprintf(what, sizeof(what), "page '%s'", p->id);
		p->cond = load_cond(l, c, p->show_if, what, pi);
		for (xmlNode *q = c->children; q != NULL; q = q->next) {
			struct survey_question *qq;

			if (load_qtype_of(q) < 0)
				continue;
			qq = &p->questions[qi++];
			snprintf(what, sizeof(what), "question '%s'", qq->id);
			qq->cond = load_cond(l, q, qq->show_if, what, pi);
		}
		pi++;
	}
}

void load_root(struct loader *l, xmlNode *root, const char *path)
{
	struct survey *s = l->s;
	const char *langs = load_attr(l, root, "languages");
	const char *base, *dot;

	s->id = load_check_id(l, root, "id", "survey");
	load_node_pos(l, root, &s->line, &s->col);
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (dot == NULL || strcmp(dot, ".xml") != 0 || strlen(s->id) != (size_t)(dot - base) ||
	    strncmp(s->id, base, (size_t)(dot - base)) != 0)
		load_err_at(l, root,
			    "survey id '%s' does not match the file name '%s' (it must be %s.xml)",
			    s->id, base, s->id);
	/* languages="en cy" */
	for (const char *p = langs ? langs : ""; *p;) {
		char code[8];
		size_t n = strcspn(p, " \t\n");
		int lang;

		if (n == 0) {
			p++;
			continue;
		}
		snprintf(code, sizeof(code), "%.*s", (int)(n < 7 ? n : 7), p);
		lang = n < 7 ? survey_lang_parse(code) : -1;
		if (lang < 0)
			load_err_at(l, root, "languages: '%.*s' is not en or cy", (int)n, p);
		else if (s->langs & (1u << lang))
			load_err_at(l, root, "languages: %s is listed twice", code);
		else
			s->langs |= 1u << lang;
		p += n;
	}
	if (s->langs == 0) {
		load_err_at(l, root, "languages must list en, cy or both");
		s->langs = 1u << LANG_EN; /* go on checking the rest */
	}
	{
		xmlNode *pub = load_first_el(root, "publication");
		const char *v = pub ? load_attr(l, pub, "results") : NULL;

		s->publication = v == NULL		    ? SURVEY_PUBLISH_AFTER_CLOSE
				 : strcmp(v, "live") == 0   ? SURVEY_PUBLISH_LIVE
				 : strcmp(v, "manual") == 0 ? SURVEY_PUBLISH_MANUAL
							    : SURVEY_PUBLISH_AFTER_CLOSE;
	}
	load_meta(l, root);
	load_areas(l, root);
	load_pages(l, root);
	load_refs(l, root);
}
